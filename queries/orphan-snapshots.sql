-- name: orphan-snapshots
-- title: Snapshots whose volume is gone
-- description: Every snapshot that exists now whose volume no longer exists, largest first: storage kept for a volume nobody has. Only where the listing that holds such volumes was read to the end in the run that first saw the snapshot or a later one (Instance volumes for Instance snapshots, Block Storage volumes for Block snapshots, drives for CloudSigma snapshots), so a refused or stale volume listing never makes a snapshot look orphaned.
SELECT sn.account, sn.provider, sn.zone, sn.id, sn.name, sn.size_bytes, sn.volume_id, sn.listing, sn.created_at
FROM snapshots sn
WHERE sn.deleted_at IS NULL AND sn.volume_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM drives d WHERE d.account = sn.account AND d.id = sn.volume_id AND d.deleted_at IS NULL)
  AND EXISTS (
      SELECT 1 FROM sync_scopes sc
      WHERE sc.account = sn.account AND sc.zone = sn.zone AND sc.outcome = 'applied'
        AND sc.run_id >= (SELECT MAX(r.id) FROM sync_runs r WHERE r.started_at <= sn.first_seen)
        AND sc.kind = CASE WHEN sn.provider = 'cloudsigma' THEN 'drives'
                           WHEN sn.listing = 'block_snapshots' THEN 'block_volumes' ELSE 'volumes' END)
ORDER BY sn.size_bytes DESC NULLS LAST, sn.account, sn.id;
