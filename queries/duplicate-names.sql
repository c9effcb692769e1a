-- name: duplicate-names
-- title: Servers or drives sharing a name within an account
-- description: Names used by more than one server (or more than one drive) of the same account, which makes consoles and scripts ambiguous.
WITH named AS (
    SELECT 'server' AS resource_type, account, provider, zone, id, name FROM servers WHERE deleted_at IS NULL
    UNION ALL
    SELECT 'drive', account, provider, zone, id, name FROM drives WHERE deleted_at IS NULL
), counted AS (
    SELECT resource_type, account, name, COUNT(*) AS uses FROM named WHERE name IS NOT NULL
    GROUP BY resource_type, account, name HAVING COUNT(*) > 1
)
SELECT n.resource_type, n.account, n.provider, n.zone, n.id, n.name, c.uses
FROM named n JOIN counted c ON c.resource_type = n.resource_type AND c.account = n.account AND c.name = n.name
ORDER BY n.resource_type, n.account, n.name NULLS FIRST, n.zone, n.id;
