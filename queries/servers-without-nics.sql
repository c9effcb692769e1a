-- name: servers-without-nics
-- title: Servers with no network interface
-- description: Servers with no NIC, no public or private IP and no private network: unreachable, or about to be.
SELECT s.account, s.provider, s.zone, s.id, s.name, s.status
FROM servers s
WHERE s.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM server_nics n WHERE n.account = s.account AND n.server_id = s.id)
ORDER BY s.account, s.zone, s.name NULLS FIRST, s.id;
