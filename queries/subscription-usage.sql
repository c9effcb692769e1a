-- name: subscription-usage
-- title: CloudSigma subscriptions against use, and what the difference costs a month
-- description: Per CloudSigma account and resource (currentusage/): what is subscribed (paid ahead at level-0 prices), used and used above the subscriptions (burst), in the resource's base unit (MHz, bytes, a count), with their monthly cost in the account's currency: the subscriptions, the part of them nobody uses (unused_cost: paid for and idle, listed by waste-cost too), and the burst at the level in force now (burst_cost, billed every 5 minutes at the price of the moment; a month at today's level). NULL with the reason where a price is missing.
WITH account_currency AS (
    SELECT account, currency FROM prices WHERE deleted_at IS NULL AND category = 'account' AND product = 'currency'
), priced AS (
    SELECT * FROM prices WHERE deleted_at IS NULL AND category = 'resource' AND price IS NOT NULL AND multiplier > 0
)
SELECT u.account, u.provider, u.zone, u.resource, u.subscribed, u.used, u.burst,
       CASE WHEN u.subscribed > u.used THEN u.subscribed - u.used ELSE 0 END AS unused,
       a.currency,
       ROUND(CAST(p0.price AS DOUBLE PRECISION) * u.subscribed * p0.month_seconds / p0.multiplier, 2) AS subscribed_cost,
       ROUND(CAST(p0.price AS DOUBLE PRECISION) * (CASE WHEN u.subscribed > u.used THEN u.subscribed - u.used ELSE 0 END)
             * p0.month_seconds / p0.multiplier, 2) AS unused_cost,
       pb.level AS burst_level,
       ROUND(CAST(pb.price AS DOUBLE PRECISION) * u.burst * pb.month_seconds / pb.multiplier, 2) AS burst_cost,
       CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
            WHEN p0.id IS NULL THEN 'no level-0 ' || u.resource || ' price in ' || a.currency
            WHEN pb.id IS NULL AND u.burst > 0 THEN 'no ' || u.resource || ' price at the level in force in ' || a.currency END AS reason
FROM usage u
LEFT JOIN account_currency a ON a.account = u.account
LEFT JOIN priced p0 ON p0.account = u.account AND p0.product = u.resource AND p0.level = 0 AND p0.currency = a.currency
LEFT JOIN priced pb ON pb.account = u.account AND pb.product = u.resource AND pb.in_force = 1 AND pb.currency = a.currency
WHERE u.deleted_at IS NULL
ORDER BY u.account, u.resource;
