-- name: ip-moves-since
-- title: IP addresses whose server changed since a time
-- description: Every change of the server an IP's own side names, from `since` on: attached to a server, detached from one, or moved between two, with both servers and their names at the time, oldest first.
-- param since 7d: a time (2026-11-01, 2026-11-01T09:00:00Z), a run number (#3) or an age (90m, 12h, 3d)
SELECT c.changed_at, c.run_id, c.account, i.provider, i.zone, c.resource_id AS id, i.address,
       CASE WHEN c.old_value IS NULL THEN 'attached' WHEN c.new_value IS NULL THEN 'detached' ELSE 'moved' END AS move,
       c.old_value AS from_server,
       (SELECT s.name FROM servers_history s WHERE s.account = c.account AND s.id = c.old_value
          AND s.valid_from_run < c.run_id ORDER BY s.valid_from_run DESC LIMIT 1) AS from_name,
       c.new_value AS to_server,
       (SELECT s.name FROM servers_history s WHERE s.account = c.account AND s.id = c.new_value
          AND s.valid_from_run <= c.run_id ORDER BY s.valid_from_run DESC LIMIT 1) AS to_name
FROM changes c
JOIN ips_history i ON i.account = c.account AND i.id = c.resource_id
  AND i.valid_from_run = (SELECT MAX(x.valid_from_run) FROM ips_history x
    WHERE x.account = c.account AND x.id = c.resource_id AND x.valid_from_run <= c.run_id)
WHERE c.resource_type = 'ip' AND c.kind = 'updated' AND c.field = 'server_id'
  AND c.changed_at >= stocktake_time(:since)
ORDER BY c.id;
