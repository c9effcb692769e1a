-- name: stale-scopes
-- title: Scopes whose last complete sync is older than max_age
-- description: Listings (account, zone, kind) that no sync has applied within max_age, or ever, with their last error: the parts of the inventory not to trust today.
-- param max_age 1d: an age (90m, 12h, 3d) or a number of seconds
WITH scopes AS (SELECT DISTINCT account, zone, kind FROM sync_scopes),
standing AS (
    SELECT sc.account, a.provider, sc.zone, sc.kind,
           (SELECT MAX(x.finished_at) FROM sync_scopes x WHERE x.account = sc.account AND x.zone = sc.zone
              AND x.kind = sc.kind AND x.outcome = 'applied') AS last_complete,
           (SELECT x.error FROM sync_scopes x WHERE x.account = sc.account AND x.zone = sc.zone AND x.kind = sc.kind
              AND x.outcome = 'failed' ORDER BY x.run_id DESC LIMIT 1) AS last_error
    FROM scopes sc LEFT JOIN accounts a ON a.name = sc.account
)
SELECT account, provider, zone, kind, last_complete, last_error
FROM standing
WHERE last_complete IS NULL
   OR (julianday(stocktake_now()) - julianday(last_complete)) * 86400 > stocktake_seconds(:max_age)
ORDER BY account, zone, kind;
