-- name: unused-networks
-- title: Networks no server uses, by either side's word
-- description: Every network that exists now (CloudSigma VLANs, Scaleway VPC private networks) that lists no server and that no existing server's NIC is on: paid for and unused. A VLAN whose own server list is empty while a NIC uses it is not here.
SELECT n.account, n.provider, n.zone, n.id, n.name, n.network_type
FROM networks n
WHERE n.deleted_at IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM network_servers ns JOIN servers s ON s.account = ns.account AND s.id = ns.server_id AND s.deleted_at IS NULL
      WHERE ns.account = n.account AND ns.network_id = n.id)
  AND NOT EXISTS (
      SELECT 1 FROM server_nics x JOIN servers s ON s.account = x.account AND s.id = x.server_id AND s.deleted_at IS NULL
      WHERE x.account = n.account AND (x.vlan = n.id OR x.private_network = n.id))
ORDER BY n.account, n.zone, n.id;
