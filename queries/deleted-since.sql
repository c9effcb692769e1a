-- name: deleted-since
-- title: Servers and drives deleted since a time
-- description: Resources that a complete listing first lacked at or after `since`, with their last known name.
-- param since 7d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
SELECT c.resource_type, c.account, h.provider, h.zone, c.resource_id AS id, h.name, c.changed_at AS deleted_at
FROM changes c
JOIN servers_history h ON h.account = c.account AND h.id = c.resource_id AND h.valid_to_run = c.run_id
WHERE c.resource_type = 'server' AND c.kind = 'deleted' AND c.changed_at >= stocktake_time(:since)
UNION ALL
SELECT c.resource_type, c.account, h.provider, h.zone, c.resource_id, h.name, c.changed_at
FROM changes c
JOIN drives_history h ON h.account = c.account AND h.id = c.resource_id AND h.valid_to_run = c.run_id
WHERE c.resource_type = 'drive' AND c.kind = 'deleted' AND c.changed_at >= stocktake_time(:since)
ORDER BY 7, 1, 2, 5;
