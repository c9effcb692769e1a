-- name: changes-since
-- title: Every field-level change since a time
-- description: The change log from `since` on, one row per changed field, attachment, NIC or tag, of servers, drives, IPs and security groups, with the resource's name at the time (an IP's address). Changes of prices, usage and subscriptions are left to cost-changes-since, subscription-usage and `stocktake changes --type`.
-- param since 1d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
SELECT c.changed_at, c.run_id, c.account, COALESCE(s.provider, d.provider, i.provider, g.provider) AS provider,
       COALESCE(s.zone, d.zone, i.zone, g.zone) AS zone, c.resource_id AS id, COALESCE(s.name, d.name, i.address, g.name) AS name,
       c.resource_type, c.child_key, c.kind, c.field, c.old_value, c.new_value
FROM changes c
-- The resource's version at the change: the one alive after its run, or, for a change of the run that
-- closed it and opened none (a deletion), the one it closed. One lookup per change, no MAX per row.
LEFT JOIN servers_history s ON c.resource_type LIKE 'server%' AND s.account = c.account AND s.id = c.resource_id
  AND s.valid_from_run <= c.run_id AND (s.valid_to_run IS NULL OR s.valid_to_run > c.run_id OR (s.valid_to_run = c.run_id AND NOT EXISTS (SELECT 1 FROM servers_history n WHERE n.account = s.account AND n.id = s.id AND n.valid_from_run = c.run_id)))
LEFT JOIN drives_history d ON c.resource_type LIKE 'drive%' AND d.account = c.account AND d.id = c.resource_id
  AND d.valid_from_run <= c.run_id AND (d.valid_to_run IS NULL OR d.valid_to_run > c.run_id OR (d.valid_to_run = c.run_id AND NOT EXISTS (SELECT 1 FROM drives_history n WHERE n.account = d.account AND n.id = d.id AND n.valid_from_run = c.run_id)))
LEFT JOIN ips_history i ON c.resource_type LIKE 'ip%' AND i.account = c.account AND i.id = c.resource_id
  AND i.valid_from_run <= c.run_id AND (i.valid_to_run IS NULL OR i.valid_to_run > c.run_id OR (i.valid_to_run = c.run_id AND NOT EXISTS (SELECT 1 FROM ips_history n WHERE n.account = i.account AND n.id = i.id AND n.valid_from_run = c.run_id)))
LEFT JOIN security_groups_history g ON c.resource_type LIKE 'security_group%' AND g.account = c.account AND g.id = c.resource_id
  AND g.valid_from_run <= c.run_id AND (g.valid_to_run IS NULL OR g.valid_to_run > c.run_id OR (g.valid_to_run = c.run_id AND NOT EXISTS (SELECT 1 FROM security_groups_history n WHERE n.account = g.account AND n.id = g.id AND n.valid_from_run = c.run_id)))
WHERE c.changed_at >= stocktake_time(:since) AND c.resource_type NOT IN ('price', 'usage', 'subscription')
ORDER BY c.id;
