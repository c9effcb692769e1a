-- name: subscriptions-ending
-- title: CloudSigma subscriptions that end soon and do not renew
-- description: Every active CloudSigma subscription that does not renew by itself (auto_renew off) and ends within `days` days, soonest first, with what it pays for: when it ends, what is used of that resource now goes on at burst prices (subscription-usage says how much).
-- param days 30: how many days ahead
SELECT s.account, s.provider, s.zone, s.id, s.resource, s.amount, s.subscribed_object, s.start_time, s.end_time,
       s.price, (SELECT a.currency FROM prices a WHERE a.account = s.account AND a.category = 'account' AND a.deleted_at IS NULL) AS currency
FROM subscriptions s
WHERE s.deleted_at IS NULL AND s.status = 'active' AND COALESCE(s.auto_renew, 0) = 0
  AND julianday(s.end_time) < julianday('now') + :days
ORDER BY julianday(s.end_time), s.account, s.id;
