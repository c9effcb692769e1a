-- name: servers-without-drives
-- title: Servers with no drive or volume attached
-- description: Servers that list no drive, volume or CD-ROM at all.
SELECT s.account, s.provider, s.zone, s.id, s.name, s.status
FROM servers s
WHERE s.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = s.account AND sd.server_id = s.id)
ORDER BY s.account, s.zone, s.name NULLS FIRST, s.id;
