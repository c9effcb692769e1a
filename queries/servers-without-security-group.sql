-- name: servers-without-security-group
-- title: Scaleway servers in no security group, by either side's word
-- description: Every Scaleway server that exists now whose own `security_group` is empty and that no existing security group lists: traffic reaches it with no group's default policy or rules. A server that either side puts in a group is not here.
SELECT s.account, s.provider, s.zone, s.id, s.name, s.status
FROM servers s
WHERE s.deleted_at IS NULL AND s.provider = 'scaleway'
  AND json_extract(s.raw, '$.security_group.id') IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM security_group_servers g
      JOIN security_groups sg ON sg.account = g.account AND sg.id = g.security_group_id AND sg.deleted_at IS NULL
      WHERE g.account = s.account AND g.server_id = s.id)
ORDER BY s.account, s.zone, s.name NULLS FIRST, s.id;
