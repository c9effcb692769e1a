-- name: attachment-mismatch
-- title: Drives whose status or attachments disagree, on either side
-- description: A drive marked mounted that no server lists, or unmounted while a server lists it; a drive that names a server (CloudSigma mounted_on, a Scaleway Instance volume's server, a Block Storage volume's instance_server reference) that does not list it; a server that lists a drive which does not name it.
WITH claimed AS (
    SELECT d.account, d.id AS drive_id, json_extract(m.value, '$.uuid') AS server_id
    FROM drives d, json_each(d.raw, '$.mounted_on') m
    WHERE d.deleted_at IS NULL AND d.provider = 'cloudsigma'
    UNION
    SELECT d.account, d.id, json_extract(d.raw, '$.server.id')
    FROM drives d
    WHERE d.deleted_at IS NULL AND d.provider = 'scaleway' AND json_extract(d.raw, '$.server.id') IS NOT NULL
    UNION
    SELECT d.account, d.id, json_extract(r.value, '$.product_resource_id')
    FROM drives d, json_each(d.raw, '$.references') r
    WHERE d.deleted_at IS NULL AND d.listing = 'block_volumes'
      AND json_extract(r.value, '$.product_resource_type') = 'instance_server'
      AND json_extract(r.value, '$.product_resource_id') IS NOT NULL
), listed AS (
    SELECT sd.account, sd.drive_id, sd.server_id
    FROM server_drives sd JOIN drives d ON d.account = sd.account AND d.id = sd.drive_id AND d.deleted_at IS NULL
), problems AS (
    SELECT account, drive_id, server_id, 'the drive names the server, the server does not list it' AS problem
    FROM (SELECT * FROM claimed EXCEPT SELECT * FROM listed) only_claimed
    UNION ALL
    SELECT account, drive_id, server_id, 'the server lists the drive, the drive does not name it'
    FROM (SELECT * FROM listed EXCEPT SELECT * FROM claimed) only_listed
    UNION ALL
    SELECT d.account, d.id, NULL, 'status is mounted, but no server lists it'
    FROM drives d WHERE d.deleted_at IS NULL AND d.status = 'mounted'
      AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.account = d.account AND l.drive_id = d.id)
    UNION ALL
    SELECT d.account, d.id, NULL, 'status is unmounted, but a server lists it'
    FROM drives d WHERE d.deleted_at IS NULL AND d.status = 'unmounted'
      AND EXISTS (SELECT 1 FROM listed l WHERE l.account = d.account AND l.drive_id = d.id)
)
SELECT p.account, d.provider, d.zone, p.drive_id AS id, d.name, d.status, p.server_id, p.problem
FROM problems p JOIN drives d ON d.account = p.account AND d.id = p.drive_id
ORDER BY p.account, p.drive_id, p.server_id NULLS FIRST, p.problem;
