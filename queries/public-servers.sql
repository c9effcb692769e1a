-- name: public-servers
-- title: Servers with a public IPv4 or IPv6 address
-- description: Servers reachable from the internet, with their public addresses (a running CloudSigma server's DHCP lease included).
SELECT s.account, s.provider, s.zone, s.id, s.name, s.status,
       (SELECT group_concat(a, ' ') FROM (SELECT DISTINCT n.ipv4_address AS a FROM server_nics n
         WHERE n.account = s.account AND n.server_id = s.id AND n.interface_type = 'public' AND n.ipv4_address IS NOT NULL
         ORDER BY a) addresses) AS public_ipv4,
       (SELECT group_concat(a, ' ') FROM (SELECT DISTINCT n.ipv6_address AS a FROM server_nics n
         WHERE n.account = s.account AND n.server_id = s.id AND n.interface_type = 'public' AND n.ipv6_address IS NOT NULL
         ORDER BY a) addresses) AS public_ipv6
FROM servers s
WHERE s.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM server_nics n WHERE n.account = s.account AND n.server_id = s.id AND n.interface_type = 'public'
              AND (n.ipv4_address IS NOT NULL OR n.ipv6_address IS NOT NULL))
ORDER BY s.account, s.zone, s.name NULLS FIRST, s.id;
