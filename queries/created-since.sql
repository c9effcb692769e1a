-- name: created-since
-- title: Servers and drives first seen since a time
-- description: Resources that exist now and that a sync first saw at or after `since`.
-- param since 7d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
SELECT 'server' AS resource_type, s.account, s.provider, s.zone, s.id, s.name, s.first_seen
FROM servers s
WHERE s.deleted_at IS NULL AND s.first_seen >= stocktake_time(:since)
UNION ALL
SELECT 'drive', d.account, d.provider, d.zone, d.id, d.name, d.first_seen
FROM drives d
WHERE d.deleted_at IS NULL AND d.first_seen >= stocktake_time(:since)
ORDER BY 7, 1, 2, 5;
