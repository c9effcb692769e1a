-- name: unmounted-drives
-- title: Drives and volumes attached to no server
-- description: Every drive or volume that exists now and that no server lists among its drives or volumes, largest first: storage that is paid for and not used.
SELECT d.account, d.provider, d.zone, d.id, d.name, d.size_bytes, d.media, d.storage_type, d.provider_status
FROM drives d
WHERE d.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = d.account AND sd.drive_id = d.id)
ORDER BY d.size_bytes DESC, d.account, d.id;
