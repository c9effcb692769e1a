-- name: multi-mounted-drives
-- title: Drives attached to more than one server
-- description: Drives that several servers list at once (CloudSigma's allow_multimount), with those servers.
SELECT d.account, d.provider, d.zone, d.id, d.name, d.allow_multimount, COUNT(*) AS servers,
       (SELECT group_concat(server_id, ' ') FROM (SELECT x.server_id FROM server_drives x
         WHERE x.account = d.account AND x.drive_id = d.id ORDER BY x.server_id) attached) AS server_ids
FROM drives d
JOIN server_drives sd ON sd.account = d.account AND sd.drive_id = d.id
WHERE d.deleted_at IS NULL
GROUP BY d.account, d.id, d.provider, d.zone, d.name, d.allow_multimount
HAVING COUNT(*) > 1
ORDER BY servers DESC, d.account, d.id;
