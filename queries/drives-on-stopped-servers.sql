-- name: drives-on-stopped-servers
-- title: Drives and volumes attached to stopped servers
-- description: Storage held by servers that are stopped, with the server it is attached to.
SELECT d.account, d.provider, d.zone, d.id, d.name, d.size_bytes, s.id AS server_id, s.name AS server_name
FROM server_drives sd
JOIN servers s ON s.account = sd.account AND s.id = sd.server_id AND s.deleted_at IS NULL
JOIN drives d ON d.account = sd.account AND d.id = sd.drive_id AND d.deleted_at IS NULL
WHERE s.status = 'stopped'
ORDER BY d.size_bytes DESC NULLS LAST, d.account, d.id, s.id;
