-- name: storage-summary
-- title: Drive bytes per account, zone, type, mounted or not
-- description: Count and total size of drives and volumes by account, zone, storage type and whether they are attached: mounted when a server lists the drive or the drive itself says it is attached (the rule of unmounted-drives).
SELECT d.account, d.provider, d.zone, d.storage_type,
       CASE WHEN EXISTS (SELECT 1 FROM server_drives sd WHERE sd.account = d.account AND sd.drive_id = d.id) THEN 'mounted'
            WHEN d.status = 'mounted' THEN 'mounted'
            -- A Scaleway volume's `server`, a Block volume's references or in_use already made its status mounted;
            -- only CloudSigma's mounted_on can disagree.
            -- (looked up by key for those drives alone, so the summary still reads only the covering index).
            WHEN d.provider = 'cloudsigma' AND EXISTS (
                SELECT 1 FROM drives r WHERE r.account = d.account AND r.id = d.id
                  AND COALESCE(json_array_length(r.raw, '$.mounted_on'), 0) > 0) THEN 'mounted'
            ELSE 'unmounted' END AS mounted,
       COUNT(*) AS drives, SUM(d.size_bytes) AS bytes
FROM drives d
WHERE d.deleted_at IS NULL
GROUP BY d.account, d.provider, d.zone, d.storage_type, mounted
ORDER BY d.account, d.zone, d.storage_type NULLS FIRST, mounted;
