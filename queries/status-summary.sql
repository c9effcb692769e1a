-- name: status-summary
-- title: Servers per account, zone and status
-- description: How many servers exist in each account and zone, by normalized status.
SELECT s.account, s.provider, s.zone, s.status, COUNT(*) AS servers
FROM servers s
WHERE s.deleted_at IS NULL
GROUP BY s.account, s.provider, s.zone, s.status
ORDER BY s.account, s.zone, s.status NULLS FIRST;
