-- name: servers-without-boot-drive
-- title: Servers with no boot drive
-- description: Servers none of whose drives or volumes has a boot order (CloudSigma boot_order, Scaleway's boot volume): they cannot start from disk.
SELECT s.account, s.provider, s.zone, s.id, s.name, s.status,
       (SELECT COUNT(*) FROM server_drives sd WHERE sd.account = s.account AND sd.server_id = s.id) AS drives
FROM servers s
WHERE s.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = s.account AND sd.server_id = s.id
                  AND sd.boot_order IS NOT NULL)
ORDER BY s.account, s.zone, s.name NULLS FIRST, s.id;
