-- name: stopped-servers
-- title: Stopped servers, and since when
-- description: Servers whose status is stopped, with the time a sync first saw them stopped (from the change log, else when they were first seen), longest stopped first.
SELECT s.account, s.provider, s.zone, s.id, s.name, s.provider_status,
       COALESCE((SELECT MAX(c.changed_at) FROM changes c
                 WHERE c.account = s.account AND c.resource_id = s.id AND c.resource_type = 'server'
                   AND c.field = 'status' AND c.new_value = 'stopped'), s.first_seen) AS stopped_since
FROM servers s
WHERE s.deleted_at IS NULL AND s.status = 'stopped'
ORDER BY stopped_since, s.account, s.id;
