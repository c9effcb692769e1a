-- name: old-snapshots
-- title: Snapshots older than a number of days
-- description: Every snapshot that exists now taken more than `days` days ago, oldest first, with the volume it came from and whether that volume still exists.
-- param days 90: the age in whole days
SELECT sn.account, sn.provider, sn.zone, sn.id, sn.name, sn.size_bytes, sn.created_at, sn.volume_id,
       CASE WHEN EXISTS (SELECT 1 FROM drives d WHERE d.account = sn.account AND d.id = sn.volume_id AND d.deleted_at IS NULL)
            THEN 1 ELSE 0 END AS volume_exists
FROM snapshots sn
WHERE sn.deleted_at IS NULL AND julianday(sn.created_at) < julianday('now') - :days
ORDER BY julianday(sn.created_at) NULLS FIRST, sn.account, sn.id;
