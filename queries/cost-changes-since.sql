-- name: cost-changes-since
-- title: What changed the monthly cost since a time, largest change first
-- description: Every resource whose monthly cost differs between the inventory as of `since` (after the last sync that began before it: `#3` is what run 3 found, as changes-since #3 starts with run 3's changes) and now (or --as-of): created, deleted, started or stopped (its compute billed again, or no more), resized, of another type, or repriced (its own price changed in the price lists), with both costs and the difference, in its account's currency. A cost that became or stopped being unknown (a price missing) is listed with the unknown side empty.
-- param since 7d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
WITH then_costs AS (
    SELECT * FROM stocktake_costs_at(:since) t
), paired AS (
    SELECT n.account, n.provider, n.zone, n.resource_type, n.id, n.name, n.currency,
           t.monthly_cost AS cost_then, n.monthly_cost AS cost_now,
           CASE WHEN t.id IS NULL THEN 'created'
                WHEN n.resource_type = 'server' AND t.monthly_cost = 0 AND n.monthly_cost > 0 THEN 'started'
                WHEN n.resource_type = 'server' AND t.monthly_cost > 0 AND n.monthly_cost = 0 THEN 'stopped'
                WHEN COALESCE(t.size_bytes, -1) <> COALESCE(n.size_bytes, -1) THEN 'resized'
                WHEN COALESCE(t.product, '') <> COALESCE(n.product, '') THEN 'type changed'
                ELSE 'repriced' END AS change
    FROM current_costs n
    LEFT JOIN then_costs t ON t.account = n.account AND t.resource_type = n.resource_type AND t.id = n.id
    UNION ALL
    SELECT t.account, t.provider, t.zone, t.resource_type, t.id, t.name, t.currency, t.monthly_cost, NULL, 'deleted'
    FROM then_costs t
    WHERE NOT EXISTS (SELECT 1 FROM current_costs n WHERE n.account = t.account AND n.resource_type = t.resource_type AND n.id = t.id)
)
SELECT p.account, p.provider, p.zone, p.resource_type, p.id, p.name, p.change, p.currency,
       ROUND(p.cost_then, 2) AS cost_then, ROUND(p.cost_now, 2) AS cost_now,
       ROUND(COALESCE(p.cost_now, 0) - COALESCE(p.cost_then, 0), 2) AS difference
FROM paired p
WHERE (p.cost_then IS NULL) <> (p.cost_now IS NULL)
   OR ABS(COALESCE(p.cost_now, 0) - COALESCE(p.cost_then, 0)) > 0.000001
   OR p.change IN ('created', 'deleted')
ORDER BY ABS(COALESCE(p.cost_now, 0) - COALESCE(p.cost_then, 0)) DESC, p.account, p.resource_type, p.id;
