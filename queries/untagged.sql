-- name: untagged
-- title: Servers and drives with no tag
-- description: Resources nobody has labelled: no owner, no environment, no reason to exist on record.
SELECT 'server' AS resource_type, s.account, s.provider, s.zone, s.id, s.name
FROM servers s
WHERE s.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.account = s.account AND t.resource_type = 'server' AND t.resource_id = s.id)
UNION ALL
SELECT 'drive', d.account, d.provider, d.zone, d.id, d.name
FROM drives d
WHERE d.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.account = d.account AND t.resource_type = 'drive' AND t.resource_id = d.id)
ORDER BY 1, 2, 4, 6 NULLS FIRST, 5;
