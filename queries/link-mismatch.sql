-- name: link-mismatch
-- title: IPs and networks whose own side and the servers' side disagree
-- description: The servers' side (`server_nics`) owns which server uses an address or a network; an IP's `server_id` and `status`, and a network's own server list (`network_servers`), are that resource's own word. Listed here when the two disagree: an IP that names a server which does not list it, that says attached while no server lists it, or that says unattached while a server lists it; a network that names a server with no NIC on it, or that names some servers but not one whose NIC is on it. One row per IP or network and server.
WITH users AS (
    SELECT n.account, n.server_id, n.nic_id AS key FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    UNION
    SELECT n.account, n.server_id, n.ipv4_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv4_address IS NOT NULL
    UNION
    SELECT n.account, n.server_id, n.ipv6_address FROM server_nics n
    JOIN servers s ON s.account = n.account AND s.id = n.server_id AND s.deleted_at IS NULL
    WHERE n.ipv6_address IS NOT NULL
), ip_users AS (
    -- Two equality joins (by id, by address), not one IN: each can use an index on users.
    SELECT i.account, i.id, u.server_id
    FROM ips i JOIN users u ON u.account = i.account AND u.key = i.id
    WHERE i.deleted_at IS NULL
    UNION
    SELECT i.account, i.id, u.server_id
    FROM ips i JOIN users u ON u.account = i.account AND u.key = i.address
    WHERE i.deleted_at IS NULL
), on_network AS (
    SELECT x.account, nw.id AS network_id, x.server_id
    FROM server_nics x
    JOIN servers s ON s.account = x.account AND s.id = x.server_id AND s.deleted_at IS NULL
    JOIN networks nw ON nw.account = x.account AND nw.id = x.vlan AND nw.deleted_at IS NULL
    UNION
    SELECT x.account, nw.id, x.server_id
    FROM server_nics x
    JOIN servers s ON s.account = x.account AND s.id = x.server_id AND s.deleted_at IS NULL
    JOIN networks nw ON nw.account = x.account AND nw.id = x.private_network AND nw.deleted_at IS NULL
), problems AS (
    SELECT i.account, 'ip' AS resource_type, i.id, i.server_id, 'the IP names the server, the server does not list it' AS problem
    FROM ips i
    WHERE i.deleted_at IS NULL AND i.server_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ip_users u WHERE u.account = i.account AND u.id = i.id AND u.server_id = i.server_id)
    UNION ALL
    SELECT i.account, 'ip', i.id, NULL, 'the IP says attached but names no server, and no server lists it'
    FROM ips i
    WHERE i.deleted_at IS NULL AND i.server_id IS NULL AND i.status = 'attached'
      AND NOT EXISTS (SELECT 1 FROM ip_users u WHERE u.account = i.account AND u.id = i.id)
    UNION ALL
    SELECT i.account, 'ip', i.id, u.server_id,
           CASE WHEN i.server_id IS NULL THEN 'the server lists the IP, the IP names no server'
                ELSE 'the server lists the IP, the IP names another server' END
    FROM ips i JOIN ip_users u ON u.account = i.account AND u.id = i.id
    WHERE i.deleted_at IS NULL AND u.server_id IS DISTINCT FROM i.server_id
      AND (i.server_id IS NOT NULL OR i.status <> 'attached')
    UNION ALL
    SELECT m.account, 'network', m.network_id, m.server_id, 'the network names the server, the server has no NIC on it'
    FROM network_servers m
    JOIN networks nw ON nw.account = m.account AND nw.id = m.network_id AND nw.deleted_at IS NULL
    JOIN servers s ON s.account = m.account AND s.id = m.server_id AND s.deleted_at IS NULL
    WHERE NOT EXISTS (SELECT 1 FROM on_network o
                      WHERE o.account = m.account AND o.network_id = m.network_id AND o.server_id = m.server_id)
    UNION ALL
    SELECT o.account, 'network', o.network_id, o.server_id, 'a NIC of the server is on the network, the network names other servers'
    FROM on_network o
    WHERE EXISTS (SELECT 1 FROM network_servers m WHERE m.account = o.account AND m.network_id = o.network_id)
      AND NOT EXISTS (SELECT 1 FROM network_servers m
                      WHERE m.account = o.account AND m.network_id = o.network_id AND m.server_id = o.server_id)
)
SELECT p.account, p.resource_type, p.id,
       COALESCE(i.address, nw.name) AS name,
       COALESCE(i.provider, nw.provider) AS provider,
       COALESCE(i.zone, nw.zone) AS zone,
       COALESCE(i.provider_status, i.status) AS own_status,
       p.server_id, s.name AS server_name, p.problem
FROM problems p
LEFT JOIN ips i ON p.resource_type = 'ip' AND i.account = p.account AND i.id = p.id
LEFT JOIN networks nw ON p.resource_type = 'network' AND nw.account = p.account AND nw.id = p.id
LEFT JOIN servers s ON s.account = p.account AND s.id = p.server_id
ORDER BY p.account, p.resource_type, name NULLS FIRST, p.id, p.server_id NULLS FIRST;
