-- name: largest-drives
-- title: The largest drives and volumes
-- description: Drives and volumes by size, largest first, with the servers that list them.
-- param limit 20: how many drives to list
SELECT d.account, d.provider, d.zone, d.id, d.name, d.size_bytes, d.storage_type,
       (SELECT group_concat(server_id, ' ') FROM (SELECT sd.server_id FROM server_drives sd
         WHERE sd.account = d.account AND sd.drive_id = d.id ORDER BY sd.server_id) attached) AS servers
FROM drives d
WHERE d.deleted_at IS NULL
ORDER BY d.size_bytes DESC NULLS LAST, d.account, d.id
LIMIT :limit;
