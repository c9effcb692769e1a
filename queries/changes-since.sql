-- name: changes-since
-- title: Every field-level change since a time
-- description: The change log from `since` on, one row per changed field, attachment, NIC or tag, of servers, drives, IPs and security groups, with the resource's name at the time (an IP's address).
-- param since 1d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
SELECT c.changed_at, c.run_id, c.account, COALESCE(s.provider, d.provider, i.provider, g.provider) AS provider,
       COALESCE(s.zone, d.zone, i.zone, g.zone) AS zone, c.resource_id AS id, COALESCE(s.name, d.name, i.address, g.name) AS name,
       c.resource_type, c.child_key, c.kind, c.field, c.old_value, c.new_value
FROM changes c
LEFT JOIN servers_history s ON c.resource_type LIKE 'server%' AND s.rowid = (
    SELECT x.rowid FROM servers_history x WHERE x.account = c.account AND x.id = c.resource_id
      AND x.valid_from_run <= c.run_id ORDER BY x.valid_from_run DESC LIMIT 1)
LEFT JOIN drives_history d ON c.resource_type LIKE 'drive%' AND d.rowid = (
    SELECT x.rowid FROM drives_history x WHERE x.account = c.account AND x.id = c.resource_id
      AND x.valid_from_run <= c.run_id ORDER BY x.valid_from_run DESC LIMIT 1)
LEFT JOIN ips_history i ON c.resource_type LIKE 'ip%' AND i.rowid = (
    SELECT x.rowid FROM ips_history x WHERE x.account = c.account AND x.id = c.resource_id
      AND x.valid_from_run <= c.run_id ORDER BY x.valid_from_run DESC LIMIT 1)
LEFT JOIN security_groups_history g ON c.resource_type LIKE 'security_group%' AND g.rowid = (
    SELECT x.rowid FROM security_groups_history x WHERE x.account = c.account AND x.id = c.resource_id
      AND x.valid_from_run <= c.run_id ORDER BY x.valid_from_run DESC LIMIT 1)
WHERE c.changed_at >= stocktake_time(:since)
ORDER BY c.id;
