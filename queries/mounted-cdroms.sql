-- name: mounted-cdroms
-- title: CD-ROM drives still attached to servers
-- description: CD-ROM drives of the account's own drive listing that a server still lists, usually an install ISO left behind.
SELECT d.account, d.provider, d.zone, d.id, d.name, s.id AS server_id, s.name AS server_name, sd.device, sd.dev_channel
FROM server_drives sd
JOIN drives d ON d.account = sd.account AND d.id = sd.drive_id AND d.deleted_at IS NULL
JOIN servers s ON s.account = sd.account AND s.id = sd.server_id AND s.deleted_at IS NULL
WHERE d.media = 'cdrom'
ORDER BY d.account, d.id, s.id;
