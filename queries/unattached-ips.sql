-- name: unattached-ips
-- title: Reserved IP addresses attached to nothing, by either side's word
-- description: Every IP that exists now whose own side says detached and names no server, and that no existing server lists (as a public IP, by id or address): paid for and unused. An IP that says attached while naming no server, or that a server still lists, is never here.
WITH listed AS (
    SELECT n.account, n.nic_id AS key FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    UNION
    SELECT n.account, n.ipv4_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv4_address IS NOT NULL
    UNION
    SELECT n.account, n.ipv6_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv6_address IS NOT NULL
)
SELECT i.account, i.provider, i.zone, i.id, i.address, i.ip_type, i.provider_status, i.reverse
FROM ips i
WHERE i.deleted_at IS NULL
  AND i.status = 'unattached'
  -- Two equality lookups (by id, by address), not one IN: each can use an index on listed.
  AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.account = i.account AND l.key = i.id)
  AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.account = i.account AND l.key = i.address)
ORDER BY i.account, i.zone, i.address NULLS FIRST, i.id;
