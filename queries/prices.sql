-- name: prices
-- title: The prices in force, and where each came from
-- description: Every price the last sync (or the --as-of one) holds, per account and zone: Scaleway's server types from products/servers (and the catalog, which prices the types whose hourly_price is null), Stocktake's table of the prices no Scaleway listing gives (volumes, snapshots and IPs, with the account's prices: over it), and CloudSigma's level-0 (subscription) prices in the account's currency. With its unit, what one unit costs a month (730 hours for Scaleway, 30 days for CloudSigma), the source (a listing, or the table's documentation and date, or the configuration) and since when it has had this value. By default a server type appears once, with the price current_costs uses; all=1 lists both lists' prices, and CloudSigma's burst levels and other currencies, too.
-- param all 0: 1 to list every CloudSigma burst level and currency as well
SELECT p.account, p.provider, p.zone, p.category, p.product, p.level, p.currency, p.unit, p.price,
       ROUND(CASE WHEN p.unit LIKE '%hour' THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / 3600
                  WHEN p.unit LIKE '%minute' THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / 60
                  WHEN p.unit LIKE '%/month' OR p.unit IN ('IP', 'VLAN') THEN CAST(p.price AS DOUBLE PRECISION) END, 4) AS per_month,
       CASE WHEN p.unit LIKE '%hour' THEN REPLACE(p.unit, 'hour', 'month') WHEN p.unit LIKE '%minute' THEN REPLACE(p.unit, 'minute', 'month')
            WHEN p.unit IN ('IP', 'VLAN') THEN p.unit || '/month' ELSE p.unit END AS per,
       p.source,
       (SELECT MAX(h.valid_from) FROM prices_history h WHERE h.account = p.account AND h.id = p.id
            AND h.valid_from_run <= (SELECT MAX(r.id) FROM sync_runs r)) AS since
FROM prices p
WHERE p.deleted_at IS NULL AND p.category <> 'account'
  -- By default a server type's price once: products/servers', or the catalog's where that has none.
  AND (CAST(:all AS INTEGER) = 1 OR p.category <> 'server'
       OR (p.source = 'products/servers' AND (p.price IS NOT NULL OR NOT EXISTS (
               SELECT 1 FROM prices q WHERE q.account = p.account AND q.zone = p.zone AND q.category = 'server'
                 AND q.product = p.product AND q.source = 'catalog' AND q.price IS NOT NULL AND q.deleted_at IS NULL)))
       OR (p.source = 'catalog' AND NOT EXISTS (
               SELECT 1 FROM prices q WHERE q.account = p.account AND q.zone = p.zone AND q.category = 'server'
                 AND q.product = p.product AND q.source = 'products/servers' AND q.price IS NOT NULL AND q.deleted_at IS NULL)))
  AND (CAST(:all AS INTEGER) = 1 OR p.provider = 'scaleway'
       OR (p.level = 0 AND p.currency = (SELECT a.currency FROM prices a WHERE a.account = p.account AND a.category = 'account'
                                         AND a.deleted_at IS NULL)))
ORDER BY p.account, p.zone, p.category, p.product, p.source, p.level, p.currency;
