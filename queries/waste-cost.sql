-- name: waste-cost
-- title: What the waste costs a month, largest first
-- description: Every row of unmounted-drives, unattached-ips, orphan-snapshots and old-snapshots (a snapshot once, as orphaned when it is both), every drive or volume attached to a stopped server (drives-on-stopped-servers), every IP attached to a stopped server, every server stopped in place (Scaleway still bills its compute), and every CloudSigma subscription's unused part (subscription-usage), each with its monthly cost from current_costs (in its account's currency; NULL with the reason when a price is missing: unknown, never 0) and since when it has been waste. Largest first; the ones without a price last. Totals are per currency: never add two currencies.
-- param days 90: old-snapshots' age in whole days
WITH listed_ips AS (
    SELECT n.account, n.nic_id AS key FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    UNION
    SELECT n.account, n.ipv4_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv4_address IS NOT NULL
    UNION
    SELECT n.account, n.ipv6_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv6_address IS NOT NULL
), orphaned AS (
    SELECT sn.account, sn.id FROM snapshots sn
    WHERE sn.deleted_at IS NULL AND sn.volume_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.account = sn.account AND d.id = sn.volume_id AND d.deleted_at IS NULL)
      AND EXISTS (
          SELECT 1 FROM sync_scopes sc
          WHERE sc.account = sn.account AND sc.zone = sn.zone AND sc.outcome = 'applied'
            AND sc.run_id >= (SELECT MAX(r.id) FROM sync_runs r WHERE r.started_at <= sn.first_seen)
            AND sc.kind = CASE WHEN sn.provider = 'cloudsigma' THEN 'drives'
                               WHEN sn.listing = 'block_snapshots' THEN 'block_volumes' ELSE 'volumes' END)
), stopped_since AS (
    SELECT s.account, s.id, s.name,
           COALESCE((SELECT MAX(c.changed_at) FROM changes c
                     WHERE c.account = s.account AND c.resource_id = s.id AND c.resource_type = 'server'
                       AND c.field = 'status' AND c.new_value = 'stopped'), s.first_seen) AS since
    FROM servers s WHERE s.deleted_at IS NULL AND s.status = 'stopped'
), waste AS (
    SELECT 'unmounted drive' AS waste, 'drive' AS resource_type, d.account, d.id,
           COALESCE((SELECT MAX(c.changed_at) FROM changes c
                     WHERE c.account = d.account AND c.resource_id = d.id AND c.resource_type = 'drive'
                       AND c.field = 'status' AND c.new_value = 'unmounted'), d.first_seen) AS since,
           NULL AS server_name
    FROM drives d
    WHERE d.deleted_at IS NULL AND d.status = 'unmounted'
      AND NOT EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = d.account AND sd.drive_id = d.id)
      AND COALESCE(json_array_length(d.raw, '$.mounted_on'), 0) = 0
      AND json_extract(d.raw, '$.server.id') IS NULL
      AND COALESCE(json_array_length(d.raw, '$.references'), 0) = 0
    UNION ALL
    SELECT 'unattached IP', 'ip', i.account, i.id,
           COALESCE((SELECT MAX(c.changed_at) FROM changes c
                     WHERE c.account = i.account AND c.resource_id = i.id AND c.resource_type = 'ip'
                       AND c.field = 'status' AND c.new_value = 'unattached'), i.first_seen),
           NULL
    FROM ips i
    WHERE i.deleted_at IS NULL AND i.status = 'unattached'
      AND NOT EXISTS (SELECT 1 FROM listed_ips l WHERE l.account = i.account AND l.key = i.id)
      AND NOT EXISTS (SELECT 1 FROM listed_ips l WHERE l.account = i.account AND l.key = i.address)
    UNION ALL
    SELECT 'orphan snapshot', 'snapshot', o.account, o.id,
           COALESCE((SELECT MAX(c.changed_at) FROM changes c
                     WHERE c.account = o.account AND c.resource_id = sn.volume_id AND c.kind = 'deleted'), sn.first_seen),
           NULL
    FROM orphaned o JOIN snapshots sn ON sn.account = o.account AND sn.id = o.id
    UNION ALL
    SELECT 'old snapshot', 'snapshot', sn.account, sn.id, sn.created_at, NULL
    FROM snapshots sn
    WHERE sn.deleted_at IS NULL AND julianday(sn.created_at) < julianday('now') - :days
      AND NOT EXISTS (SELECT 1 FROM orphaned o WHERE o.account = sn.account AND o.id = sn.id)
    UNION ALL
    SELECT 'drive of a stopped server', 'drive', sd.account, sd.drive_id, MIN(st.since), MIN(st.name)
    FROM server_drives sd
    JOIN stopped_since st ON st.account = sd.account AND st.id = sd.server_id
    JOIN drives d ON d.account = sd.account AND d.id = sd.drive_id AND d.deleted_at IS NULL
    GROUP BY sd.account, sd.drive_id
    UNION ALL
    SELECT 'IP of a stopped server', 'ip', i.account, i.id, st.since, st.name
    FROM ips i JOIN stopped_since st ON st.account = i.account AND st.id = i.server_id
    WHERE i.deleted_at IS NULL
    UNION ALL
    SELECT 'server stopped in place', 'server', st.account, st.id, st.since, st.name
    FROM stopped_since st JOIN current_costs k ON k.account = st.account AND k.resource_type = 'server' AND k.id = st.id
    WHERE k.monthly_cost > 0
)
SELECT * FROM (
    SELECT w.account, k.provider, k.zone, w.waste, w.resource_type, w.id, k.name, k.product, k.size_bytes,
           k.currency, ROUND(k.monthly_cost, 2) AS monthly_cost, w.since, w.server_name AS stopped_server, k.reason
    FROM waste w
    JOIN current_costs k ON k.account = w.account AND k.resource_type = w.resource_type AND k.id = w.id
    UNION ALL
    -- What CloudSigma subscriptions pay for and nothing uses (subscription-usage's unused part).
    SELECT u.account, u.provider, u.zone, 'subscribed, unused', 'usage', u.id, u.resource, u.resource, NULL,
           a.currency, ROUND(CAST(p.price AS DOUBLE PRECISION) * (u.subscribed - u.used) * p.month_seconds / p.multiplier, 2),
           u.first_seen, NULL,
           CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                WHEN p.id IS NULL THEN 'no level-0 ' || u.resource || ' price in ' || a.currency END
    FROM usage u
    LEFT JOIN (SELECT account, currency FROM prices WHERE deleted_at IS NULL AND category = 'account' AND product = 'currency') a
        ON a.account = u.account
    LEFT JOIN prices p ON p.account = u.account AND p.deleted_at IS NULL AND p.category = 'resource' AND p.product = u.resource
        AND p.level = 0 AND p.currency = a.currency AND p.price IS NOT NULL AND p.multiplier > 0
    WHERE u.deleted_at IS NULL AND u.subscribed > u.used
) rows
ORDER BY monthly_cost IS NULL, monthly_cost DESC, account, id;
