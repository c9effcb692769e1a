-- name: unmounted-drives
-- title: Drives and volumes attached to no server, by either side's word
-- description: Every drive or volume that exists now, that no server lists, whose own status is unmounted (not mounted, and not in a state such as creating or cloning), and that names no server (a CloudSigma mounted_on, a Scaleway Instance volume's server, a Block Storage volume's references; a Block volume is unmounted only when available with no reference), largest first: storage that is paid for and not used. A drive whose two sides disagree is never here: attachment-mismatch lists it. Each with unmounted_since: when a sync first saw it unmounted (the change log, else when it was first seen).
SELECT d.account, d.provider, d.zone, d.id, d.name, d.size_bytes, d.media, d.storage_type, d.provider_status,
       COALESCE((SELECT MAX(c.changed_at) FROM changes c
                 WHERE c.account = d.account AND c.resource_id = d.id AND c.resource_type = 'drive'
                   AND c.field = 'status' AND c.new_value = 'unmounted'), d.first_seen) AS unmounted_since
FROM drives d
WHERE d.deleted_at IS NULL
  AND d.status = 'unmounted'
  AND NOT EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = d.account AND sd.drive_id = d.id)
  AND COALESCE(json_array_length(d.raw, '$.mounted_on'), 0) = 0
  AND json_extract(d.raw, '$.server.id') IS NULL
  AND COALESCE(json_array_length(d.raw, '$.references'), 0) = 0
ORDER BY d.size_bytes DESC NULLS LAST, d.account, d.id;
