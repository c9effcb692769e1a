/// The PostgreSQL schema as it came to be: migrations named and never edited once landed, each
/// keeping the SQL it ran as a literal (the same tables, columns, history twins, change log, run
/// records and `current_*` views as SQLite's, checked against the declarations by a test).
///
/// Types: SQLite's INTEGER is `bigint`, REAL `double precision`, TEXT (and the change log's untyped
/// values) `text`. Times are `text` in the one form the sync writes everywhere (ISO 8601, UTC,
/// milliseconds, `Z`), so they sort and compare as on SQLite; `raw` is `text`, byte for byte what
/// SQLite holds (`raw::jsonb` reads it as JSON). Run, scope and change ids come from identity
/// sequences, so runs from several hosts interleave with one numbering.
enum PostgresMigrations {
    /// (name, statements) in order; a later migration is a new entry, never an edit.
    static let all: [(name: String, sql: String)] = [
        ("v1-inventory", v1SQL),
        ("v2-sqlite-functions", v2SQL),
        ("v3-raw-once", v3SQL),
        ("v4-history-lookups-by-server", v4SQL),
        ("v5-prices", v5SQL),
    ]

    /// SQLite's v15: price lists, CloudSigma's usage, and the monthly cost of every resource.
    private static let v5SQL = """
        CREATE TABLE prices (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'prices', category text, product text, level bigint, in_force
            bigint, currency text, unit text, price text, multiplier bigint, month_seconds bigint, source text, stated_monthly
            text, first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE prices_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text
            NOT NULL, listing text NOT NULL DEFAULT 'prices', category text, product text, level bigint,
            in_force bigint, currency text, unit text, price text, multiplier bigint, month_seconds bigint, source text,
            stated_monthly text, first_seen text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL,
            valid_from text NOT NULL, valid_to_run bigint, valid_to text);
        CREATE INDEX prices_by_scope ON prices(account, zone, deleted_at);
        CREATE INDEX prices_by_product ON prices(account, category, product, zone);
        CREATE INDEX prices_history_by_id ON prices_history(account, id, valid_to_run);
        CREATE INDEX prices_history_by_product ON prices_history(account, category, product, zone);
        CREATE FUNCTION round(value double precision, digits integer) RETURNS double precision LANGUAGE sql IMMUTABLE AS
            $$ SELECT round(value::numeric, digits)::double precision $$;
        CREATE TABLE usage (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT NULL,
            listing text NOT NULL DEFAULT 'usage', resource text, subscribed bigint, used bigint, burst bigint,
            first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE usage_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'usage', resource text, subscribed bigint, used bigint, burst
            bigint, first_seen text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL, valid_from text
            NOT NULL, valid_to_run bigint, valid_to text);
        CREATE INDEX usage_by_scope ON usage(account, zone, deleted_at);
        CREATE INDEX usage_history_by_id ON usage_history(account, id, valid_to_run);
        CREATE TABLE subscriptions (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'subscriptions', resource text, amount bigint, period text,
            start_time text, end_time text, price text, status text, auto_renew bigint, subscribed_object text,
            first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE subscriptions_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone
            text NOT NULL, listing text NOT NULL DEFAULT 'subscriptions', resource text, amount bigint, period
            text, start_time text, end_time text, price text, status text, auto_renew bigint, subscribed_object
            text, first_seen text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT
            NULL, valid_to_run bigint, valid_to text);
        CREATE INDEX subscriptions_by_scope ON subscriptions(account, zone, deleted_at);
        CREATE INDEX subscriptions_history_by_id ON subscriptions_history(account, id, valid_to_run);
        CREATE VIEW current_prices AS SELECT * FROM prices WHERE deleted_at IS NULL;
        CREATE VIEW current_usage AS SELECT * FROM usage WHERE deleted_at IS NULL;
        CREATE VIEW current_subscriptions AS SELECT * FROM subscriptions WHERE deleted_at IS NULL;
        CREATE VIEW current_costs AS
        WITH account_currency AS (
            SELECT account, currency FROM prices
            WHERE deleted_at IS NULL AND category = 'account' AND product = 'currency'
        ), listed AS (
            SELECT * FROM prices WHERE deleted_at IS NULL AND price IS NOT NULL AND multiplier > 0
        ), server_prices AS (
            SELECT p.* FROM listed p WHERE p.category = 'server' AND (p.source = 'products/servers' OR (
                p.source = 'catalog'
                AND p.id = (SELECT MIN(q.id) FROM listed q WHERE q.account = p.account AND q.zone = p.zone
                    AND q.category = 'server' AND q.product = p.product AND q.source = 'catalog')
                AND NOT EXISTS (SELECT 1 FROM listed q WHERE q.account = p.account AND q.zone = p.zone
                    AND q.category = 'server' AND q.product = p.product AND q.source = 'products/servers')))
        ), sigma_prices AS (
            SELECT p.* FROM listed p JOIN account_currency a ON a.account = p.account AND a.currency = p.currency
            WHERE p.category = 'resource' AND p.level = 0
        )
        SELECT s.account, s.provider, s.zone, 'server' AS resource_type, s.id, s.name, s.status,
            s.commercial_type AS product, NULL AS size_bytes, 'EUR' AS currency,
            CASE WHEN s.provider_status = 'stopped' THEN 0
                 WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END AS monthly_cost,
            CASE WHEN s.provider_status = 'stopped' THEN 'powered off: compute is not billed'
                 WHEN s.commercial_type IS NULL THEN 'the server names no commercial type'
                 WHEN p.id IS NULL THEN 'no price for ' || s.commercial_type || ' in ' || s.zone END AS reason
        FROM servers s LEFT JOIN server_prices p ON p.account = s.account AND p.zone = s.zone AND p.product = s.commercial_type
        WHERE s.deleted_at IS NULL AND s.provider = 'scaleway'
        UNION ALL
        SELECT d.account, d.provider, d.zone, 'drive', d.id, d.name, d.status, d.storage_type, d.size_bytes, 'EUR',
            CASE WHEN p.id IS NOT NULL AND d.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * d.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN d.size_bytes IS NULL THEN 'the volume names no size'
                 WHEN p.id IS NULL THEN 'no price for ' || COALESCE(d.storage_type, 'an untyped') || ' volumes in ' || d.zone END
        FROM drives d LEFT JOIN listed p ON p.account = d.account AND p.zone = d.zone AND p.category = 'volume'
            AND p.product = d.storage_type
        WHERE d.deleted_at IS NULL AND d.provider = 'scaleway'
        UNION ALL
        SELECT n.account, n.provider, n.zone, 'snapshot', n.id, n.name, n.status, n.volume_type, n.size_bytes, 'EUR',
            CASE WHEN p.id IS NOT NULL AND n.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * n.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN n.size_bytes IS NULL THEN 'the snapshot names no size'
                 WHEN p.id IS NULL THEN 'no price for snapshots of ' || COALESCE(n.volume_type, 'untyped') || ' volumes in ' || n.zone END
        FROM snapshots n LEFT JOIN listed p ON p.account = n.account AND p.zone = n.zone AND p.category = 'snapshot'
            AND p.product = n.volume_type
        WHERE n.deleted_at IS NULL AND n.provider = 'scaleway'
        UNION ALL
        SELECT i.account, i.provider, i.zone, 'ip', i.id, i.address, i.status, i.product, NULL, 'EUR',
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN p.id IS NULL THEN 'no price for ' || i.product || ' IPs in ' || i.zone END
        FROM (SELECT ips.*, CASE WHEN ip_type IS NOT NULL THEN ip_type WHEN address LIKE '%:%' THEN 'routed_ipv6'
                  ELSE 'routed_ipv4' END AS product FROM ips WHERE deleted_at IS NULL AND provider = 'scaleway') i
            LEFT JOIN listed p ON p.account = i.account AND p.zone = i.zone AND p.category = 'ip' AND p.product = i.product
        UNION ALL
        SELECT s.account, s.provider, s.zone, 'server', s.id, s.name, s.status, 'cpu+mem', NULL, a.currency,
            CASE WHEN s.status = 'stopped' THEN 0
                 WHEN c.id IS NOT NULL AND m.id IS NOT NULL AND s.cpu_mhz IS NOT NULL AND s.mem_bytes IS NOT NULL
                 THEN CAST(c.price AS DOUBLE PRECISION) * s.cpu_mhz * c.month_seconds / c.multiplier
                    + CAST(m.price AS DOUBLE PRECISION) * s.mem_bytes * m.month_seconds / m.multiplier END,
            CASE WHEN s.status = 'stopped' THEN 'stopped: CPU and RAM are not billed'
                 WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN c.id IS NULL THEN 'no level-0 cpu price in ' || a.currency
                 WHEN m.id IS NULL THEN 'no level-0 mem price in ' || a.currency
                 WHEN s.cpu_mhz IS NULL OR s.mem_bytes IS NULL THEN 'the server names no CPU or RAM size' END
        FROM servers s LEFT JOIN account_currency a ON a.account = s.account
            LEFT JOIN sigma_prices c ON c.account = s.account AND c.product = 'cpu'
            LEFT JOIN sigma_prices m ON m.account = s.account AND m.product = 'mem'
        WHERE s.deleted_at IS NULL AND s.provider = 'cloudsigma'
        UNION ALL
        SELECT d.account, d.provider, d.zone, 'drive', d.id, d.name, d.status, d.storage_type, d.size_bytes, a.currency,
            CASE WHEN p.id IS NOT NULL AND d.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * d.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN d.size_bytes IS NULL THEN 'the drive names no size'
                 WHEN p.id IS NULL THEN 'no level-0 ' || COALESCE(d.storage_type, 'storage') || ' price in ' || a.currency END
        FROM drives d LEFT JOIN account_currency a ON a.account = d.account
            LEFT JOIN sigma_prices p ON p.account = d.account AND p.product = d.storage_type
        WHERE d.deleted_at IS NULL AND d.provider = 'cloudsigma'
        UNION ALL
        SELECT i.account, i.provider, i.zone, 'ip', i.id, i.address, i.status, 'ip', NULL, a.currency,
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN p.id IS NULL THEN 'no level-0 ip price in ' || a.currency END
        FROM ips i LEFT JOIN account_currency a ON a.account = i.account
            LEFT JOIN sigma_prices p ON p.account = i.account AND p.product = 'ip'
        WHERE i.deleted_at IS NULL AND i.provider = 'cloudsigma'
        UNION ALL
        SELECT n.account, n.provider, n.zone, 'snapshot', n.id, n.name, n.status, NULL, n.size_bytes, a.currency, NULL,
            'CloudSigma''s price list has no snapshot price'
        FROM snapshots n LEFT JOIN account_currency a ON a.account = n.account
        WHERE n.deleted_at IS NULL AND n.provider = 'cloudsigma'
        UNION ALL
        SELECT v.account, v.provider, v.zone, 'network', v.id, v.name, NULL, 'vlan', NULL, a.currency,
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN p.id IS NULL THEN 'no level-0 vlan price in ' || a.currency END
        FROM networks v LEFT JOIN account_currency a ON a.account = v.account
            LEFT JOIN sigma_prices p ON p.account = v.account AND p.product = 'vlan'
        WHERE v.deleted_at IS NULL AND v.provider = 'cloudsigma' AND v.network_type = 'vlan'
        """


    /// SQLite's v14: memberships' history looked up by server, as the current tables are; the
    /// (valid_from_run, valid_to_run) indexes dropped.
    private static let v4SQL = """
        CREATE INDEX security_group_servers_history_by_server ON security_group_servers_history(account, server_id, valid_to_run);
        CREATE INDEX network_servers_history_by_server ON network_servers_history(account, server_id, network_id, valid_to_run);
        DROP INDEX servers_history_by_run;
        DROP INDEX drives_history_by_run;
        DROP INDEX server_drives_history_by_run;
        DROP INDEX server_nics_history_by_run;
        DROP INDEX tags_history_by_run;
        DROP INDEX ips_history_by_run;
        DROP INDEX security_groups_history_by_run;
        DROP INDEX security_group_servers_history_by_run;
        DROP INDEX snapshots_history_by_run;
        DROP INDEX networks_history_by_run;
        DROP INDEX network_servers_history_by_run;
        """

    /// SQLite's v13: the open version of each resource keeps no raw of its own ('' ; the current row
    /// holds it), so that a first sync writes each object once.
    private static let v3SQL = """
        UPDATE servers_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE drives_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE ips_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE security_groups_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE snapshots_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE networks_history SET raw = '' WHERE valid_to_run IS NULL;
        """

    /// The whole schema of SQLite's v1 to v12, at once.
    private static let v1SQL = """
        CREATE TABLE accounts (name text, provider text NOT NULL, endpoint text NOT NULL, scopes text NOT NULL,
            first_seen text NOT NULL, owner text, PRIMARY KEY (name));
        CREATE TABLE sync_runs (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, started_at text NOT
            NULL, finished_at text, status text NOT NULL, accounts text NOT NULL, scopes_applied bigint NOT NULL
            DEFAULT 0, scopes_failed bigint NOT NULL DEFAULT 0);
        CREATE TABLE sync_scopes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, run_id bigint NOT
            NULL, account text NOT NULL, zone text NOT NULL, kind text NOT NULL, outcome text NOT NULL,
            started_at text NOT NULL, finished_at text NOT NULL, seconds double precision NOT NULL, pages bigint
            NOT NULL, objects bigint NOT NULL, created bigint NOT NULL, updated bigint NOT NULL, deleted bigint
            NOT NULL, reappeared bigint NOT NULL, error text);
        CREATE TABLE servers (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, name text, status text, provider_status text, cpu_mhz bigint, smp bigint, mem_bytes bigint,
            commercial_type text, arch text, image text, hostname text, created_at text, modified_at text,
            first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            runtime text, content_hash bigint NOT NULL, wire_hash bigint, listing text NOT NULL DEFAULT
            'servers', PRIMARY KEY (account, id));
        CREATE TABLE drives (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, name text, size_bytes bigint, media text, storage_type text, status text, provider_status
            text, allow_multimount bigint, created_at text, modified_at text, first_seen text NOT NULL,
            first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL, content_hash bigint NOT NULL,
            wire_hash bigint, listing text NOT NULL DEFAULT 'drives', PRIMARY KEY (account, id));
        CREATE TABLE server_drives (account text NOT NULL, server_id text NOT NULL, drive_id text NOT NULL,
            device text, dev_channel text, slot bigint, boot_order bigint, volume_type text, PRIMARY KEY
            (account, server_id, drive_id));
        CREATE TABLE server_nics (account text NOT NULL, server_id text NOT NULL, nic_id text NOT NULL, mac
            text, model text, interface_type text, ipv4_conf text, ipv4_address text, ipv6_address text, vlan
            text, private_network text, firewall_policy text, PRIMARY KEY (account, server_id, nic_id));
        CREATE TABLE tags (account text NOT NULL, resource_type text NOT NULL, resource_id text NOT NULL, tag
            text NOT NULL, PRIMARY KEY (account, resource_type, resource_id, tag));
        CREATE TABLE changes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, run_id bigint NOT NULL,
            changed_at text NOT NULL, account text NOT NULL, resource_type text NOT NULL, resource_id text NOT
            NULL, child_key text, kind text NOT NULL, field text, old_value text, new_value text);
        CREATE TABLE servers_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text
            NOT NULL, name text, status text, provider_status text, cpu_mhz bigint, smp bigint, mem_bytes
            bigint, commercial_type text, arch text, image text, hostname text, created_at text, modified_at
            text, first_seen text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL, valid_from text
            NOT NULL, valid_to_run bigint, valid_to text, listing text NOT NULL DEFAULT 'servers');
        CREATE TABLE drives_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text
            NOT NULL, name text, size_bytes bigint, media text, storage_type text, status text, provider_status
            text, allow_multimount bigint, created_at text, modified_at text, first_seen text NOT NULL, raw text
            NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT NULL, valid_to_run bigint, valid_to
            text, listing text NOT NULL DEFAULT 'drives');
        CREATE TABLE server_drives_history (account text NOT NULL, server_id text NOT NULL, drive_id text NOT
            NULL, device text, dev_channel text, slot bigint, boot_order bigint, volume_type text,
            valid_from_run bigint NOT NULL, valid_from text NOT NULL, valid_to_run bigint, valid_to text);
        CREATE TABLE server_nics_history (account text NOT NULL, server_id text NOT NULL, nic_id text NOT NULL,
            mac text, model text, interface_type text, ipv4_conf text, ipv4_address text, ipv6_address text,
            vlan text, private_network text, firewall_policy text, valid_from_run bigint NOT NULL, valid_from
            text NOT NULL, valid_to_run bigint, valid_to text);
        CREATE TABLE tags_history (account text NOT NULL, resource_type text NOT NULL, resource_id text NOT
            NULL, tag text NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT NULL, valid_to_run
            bigint, valid_to text);
        CREATE TABLE ips (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT NULL,
            listing text NOT NULL DEFAULT 'ips', address text, ip_type text, status text, provider_status text,
            server_id text, reverse text, first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at
            text, raw text NOT NULL, content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE ips_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'ips', address text, ip_type text, status text, provider_status
            text, server_id text, reverse text, first_seen text NOT NULL, raw text NOT NULL, valid_from_run
            bigint NOT NULL, valid_from text NOT NULL, valid_to_run bigint, valid_to text);
        CREATE TABLE security_groups (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text
            NOT NULL, listing text NOT NULL DEFAULT 'security_groups', name text, inbound_default_policy text,
            outbound_default_policy text, stateful bigint, project_default bigint, created_at text, modified_at
            text, first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE security_groups_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL,
            zone text NOT NULL, listing text NOT NULL DEFAULT 'security_groups', name text,
            inbound_default_policy text, outbound_default_policy text, stateful bigint, project_default bigint,
            created_at text, modified_at text, first_seen text NOT NULL, raw text NOT NULL, valid_from_run
            bigint NOT NULL, valid_from text NOT NULL, valid_to_run bigint, valid_to text);
        CREATE TABLE security_group_servers (account text NOT NULL, security_group_id text NOT NULL, server_id
            text NOT NULL, PRIMARY KEY (account, security_group_id, server_id));
        CREATE TABLE security_group_servers_history (account text NOT NULL, security_group_id text NOT NULL,
            server_id text NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT NULL, valid_to_run
            bigint, valid_to text);
        CREATE TABLE snapshots (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'snapshots', name text, size_bytes bigint, status text,
            provider_status text, volume_id text, volume_type text, created_at text, modified_at text,
            first_seen text NOT NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL,
            content_hash bigint NOT NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE snapshots_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone
            text NOT NULL, listing text NOT NULL DEFAULT 'snapshots', name text, size_bytes bigint, status text,
            provider_status text, volume_id text, volume_type text, created_at text, modified_at text,
            first_seen text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT
            NULL, valid_to_run bigint, valid_to text);
        CREATE TABLE networks (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone text NOT
            NULL, listing text NOT NULL DEFAULT 'networks', name text, network_type text, first_seen text NOT
            NULL, first_seen_run bigint NOT NULL, deleted_at text, raw text NOT NULL, content_hash bigint NOT
            NULL, wire_hash bigint, PRIMARY KEY (account, id));
        CREATE TABLE networks_history (account text NOT NULL, id text NOT NULL, provider text NOT NULL, zone
            text NOT NULL, listing text NOT NULL DEFAULT 'networks', name text, network_type text, first_seen
            text NOT NULL, raw text NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT NULL,
            valid_to_run bigint, valid_to text);
        CREATE TABLE network_servers (account text NOT NULL, network_id text NOT NULL, server_id text NOT NULL,
            PRIMARY KEY (account, network_id, server_id));
        CREATE TABLE network_servers_history (account text NOT NULL, network_id text NOT NULL, server_id text
            NOT NULL, valid_from_run bigint NOT NULL, valid_from text NOT NULL, valid_to_run bigint, valid_to
            text);
        CREATE TABLE prunes (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, pruned_at text NOT NULL,
            first_kept_run bigint NOT NULL, versions bigint NOT NULL, resources bigint NOT NULL, changes bigint
            NOT NULL, runs bigint NOT NULL);
        CREATE INDEX sync_scopes_by_scope ON sync_scopes(account, zone, kind, outcome, run_id);
        CREATE INDEX servers_by_scope ON servers(account, zone, deleted_at);
        CREATE INDEX servers_by_status ON servers(status);
        CREATE INDEX servers_by_name ON servers(name);
        CREATE INDEX drives_by_scope ON drives(account, zone, deleted_at);
        CREATE INDEX drives_by_status ON drives(status);
        CREATE INDEX drives_by_size ON drives(size_bytes);
        CREATE INDEX server_drives_by_drive ON server_drives(account, drive_id);
        CREATE INDEX tags_by_tag ON tags(tag);
        CREATE INDEX changes_by_run ON changes(run_id);
        CREATE INDEX changes_by_resource ON changes(account, resource_id, run_id);
        CREATE INDEX changes_by_time ON changes(changed_at);
        CREATE INDEX servers_history_by_id ON servers_history(account, id, valid_to_run);
        CREATE INDEX servers_history_by_run ON servers_history(valid_from_run, valid_to_run);
        CREATE INDEX drives_history_by_id ON drives_history(account, id, valid_to_run);
        CREATE INDEX drives_history_by_run ON drives_history(valid_from_run, valid_to_run);
        CREATE INDEX server_drives_history_by_id ON server_drives_history(account, server_id, valid_to_run);
        CREATE INDEX server_drives_history_by_run ON server_drives_history(valid_from_run, valid_to_run);
        CREATE INDEX server_nics_history_by_id ON server_nics_history(account, server_id, valid_to_run);
        CREATE INDEX server_nics_history_by_run ON server_nics_history(valid_from_run, valid_to_run);
        CREATE INDEX tags_history_by_id ON tags_history(account, resource_type, resource_id, valid_to_run);
        CREATE INDEX tags_history_by_run ON tags_history(valid_from_run, valid_to_run);
        CREATE INDEX server_drives_history_by_drive ON server_drives_history(account, drive_id, valid_to_run);
        CREATE INDEX servers_overview ON servers(     deleted_at, account, zone, status, provider, name, id,
            provider_status, first_seen);
        CREATE INDEX drives_overview ON drives(     deleted_at, account, zone, status, provider, storage_type,
            media, size_bytes, name, id,     provider_status, allow_multimount, first_seen);
        CREATE INDEX ips_by_scope ON ips(account, zone, deleted_at);
        CREATE INDEX ips_history_by_id ON ips_history(account, id, valid_to_run);
        CREATE INDEX ips_history_by_run ON ips_history(valid_from_run, valid_to_run);
        CREATE INDEX ips_by_address ON ips(address);
        CREATE INDEX security_groups_by_scope ON security_groups(account, zone, deleted_at);
        CREATE INDEX security_groups_history_by_id ON security_groups_history(account, id, valid_to_run);
        CREATE INDEX security_groups_history_by_run ON security_groups_history(valid_from_run, valid_to_run);
        CREATE INDEX security_group_servers_by_server ON security_group_servers(account, server_id);
        CREATE INDEX security_group_servers_history_by_id ON security_group_servers_history(account,
            security_group_id, valid_to_run);
        CREATE INDEX security_group_servers_history_by_run ON security_group_servers_history(valid_from_run,
            valid_to_run);
        CREATE INDEX snapshots_by_scope ON snapshots(account, zone, deleted_at);
        CREATE INDEX snapshots_history_by_id ON snapshots_history(account, id, valid_to_run);
        CREATE INDEX snapshots_history_by_run ON snapshots_history(valid_from_run, valid_to_run);
        CREATE INDEX snapshots_by_volume ON snapshots(account, volume_id);
        CREATE INDEX networks_by_scope ON networks(account, zone, deleted_at);
        CREATE INDEX networks_history_by_id ON networks_history(account, id, valid_to_run);
        CREATE INDEX networks_history_by_run ON networks_history(valid_from_run, valid_to_run);
        CREATE INDEX network_servers_by_server ON network_servers(account, server_id);
        CREATE INDEX network_servers_history_by_id ON network_servers_history(account, network_id,
            valid_to_run);
        CREATE INDEX network_servers_history_by_run ON network_servers_history(valid_from_run, valid_to_run);
        CREATE VIEW current_servers AS SELECT * FROM servers WHERE deleted_at IS NULL;
        CREATE VIEW current_drives AS SELECT * FROM drives WHERE deleted_at IS NULL;
        CREATE VIEW current_ips AS SELECT * FROM ips WHERE deleted_at IS NULL;
        CREATE VIEW current_security_groups AS SELECT * FROM security_groups WHERE deleted_at IS NULL;
        CREATE VIEW current_snapshots AS SELECT * FROM snapshots WHERE deleted_at IS NULL;
        CREATE VIEW current_networks AS SELECT * FROM networks WHERE deleted_at IS NULL;
        CREATE VIEW current_server_drives AS SELECT c.* FROM server_drives c WHERE (EXISTS (SELECT 1 FROM
            servers p WHERE p.account = c.account AND p.id = c.server_id AND p.deleted_at IS NULL));
        CREATE VIEW current_server_nics AS SELECT c.* FROM server_nics c WHERE (EXISTS (SELECT 1 FROM servers p
            WHERE p.account = c.account AND p.id = c.server_id AND p.deleted_at IS NULL));
        CREATE VIEW current_tags AS SELECT c.* FROM tags c WHERE (c.resource_type = 'server' AND EXISTS (SELECT
            1 FROM servers p WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL)) OR
            (c.resource_type = 'drive' AND EXISTS (SELECT 1 FROM drives p WHERE p.account = c.account AND p.id =
            c.resource_id AND p.deleted_at IS NULL)) OR (c.resource_type = 'ip' AND EXISTS (SELECT 1 FROM ips p
            WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL)) OR (c.resource_type
            = 'security_group' AND EXISTS (SELECT 1 FROM security_groups p WHERE p.account = c.account AND p.id
            = c.resource_id AND p.deleted_at IS NULL)) OR (c.resource_type = 'snapshot' AND EXISTS (SELECT 1
            FROM snapshots p WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL)) OR
            (c.resource_type = 'network' AND EXISTS (SELECT 1 FROM networks p WHERE p.account = c.account AND
            p.id = c.resource_id AND p.deleted_at IS NULL));
        CREATE VIEW current_security_group_servers AS SELECT c.* FROM security_group_servers c WHERE (EXISTS
            (SELECT 1 FROM security_groups p WHERE p.account = c.account AND p.id = c.security_group_id AND
            p.deleted_at IS NULL));
        CREATE VIEW current_network_servers AS SELECT c.* FROM network_servers c WHERE (EXISTS (SELECT 1 FROM
            networks p WHERE p.account = c.account AND p.id = c.network_id AND p.deleted_at IS NULL));
        """

    /// SQLite's functions that the bundled queries (and people's own SQL) use, as PostgreSQL
    /// functions that answer the same: `json_extract`, `json_array_length` and `json_each` over the
    /// `raw` text with `$.a.b` paths (strings unquoted, booleans 1 or 0, objects and arrays as JSON
    /// text; PL/pgSQL, so that `raw` is parsed once a call: a third of the time of SQL functions),
    /// `julianday`, and the `group_concat` aggregate. The `stocktake_*` functions are not here:
    /// the reader binds their values (see `PostgresReader`).
    /// (No line inside a function's body ends in `;`: the statements are split where one does.)
    private static let v2SQL = """
        CREATE FUNCTION stocktake_json_path(path text) RETURNS text[] LANGUAGE sql IMMUTABLE AS
            $$ SELECT CASE WHEN path = '$' THEN ARRAY[]::text[] ELSE string_to_array(substr(path, 3), '.') END $$;
        CREATE FUNCTION stocktake_json_value(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL
                WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END ELSE v::text END $$;
        CREATE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
            $$ DECLARE v jsonb := doc::jsonb #> stocktake_json_path(path); BEGIN RETURN stocktake_json_value(v); END $$;
        CREATE FUNCTION json_array_length(doc text, path text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
            $$ DECLARE v jsonb := doc::jsonb #> stocktake_json_path(path); BEGIN
               RETURN CASE WHEN v IS NULL THEN NULL WHEN jsonb_typeof(v) = 'array' THEN jsonb_array_length(v) ELSE 0 END; END $$;
        CREATE FUNCTION json_array_length(doc text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
            $$ SELECT json_array_length(doc, '$') $$;
        CREATE FUNCTION json_each(doc text, path text) RETURNS TABLE (key text, value text) LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS
            $$ DECLARE v jsonb := doc::jsonb #> stocktake_json_path(path); BEGIN
               IF jsonb_typeof(v) = 'object' THEN
                   RETURN QUERY SELECT e.key, stocktake_json_value(e.value) FROM jsonb_each(v) e
               ; END IF; IF jsonb_typeof(v) = 'array' THEN
                   RETURN QUERY SELECT (a.n - 1)::text, stocktake_json_value(a.element)
                                FROM jsonb_array_elements(v) WITH ORDINALITY a(element, n)
               ; END IF; END $$;
        CREATE FUNCTION json_each(doc text) RETURNS TABLE (key text, value text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
            $$ SELECT * FROM json_each(doc, '$') $$;
        CREATE FUNCTION julianday(moment text) RETURNS double precision LANGUAGE sql STABLE AS
            $$ SELECT extract(epoch FROM moment::timestamptz)::double precision / 86400.0 + 2440587.5 $$;
        CREATE FUNCTION stocktake_concat_step(state text, value text, separator text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT CASE WHEN value IS NULL THEN state WHEN state IS NULL THEN value ELSE state || separator || value END $$;
        CREATE FUNCTION stocktake_concat_step(state text, value text) RETURNS text LANGUAGE sql IMMUTABLE AS
            $$ SELECT stocktake_concat_step(state, value, ',') $$;
        CREATE AGGREGATE group_concat(text, text) (SFUNC = stocktake_concat_step, STYPE = text);
        CREATE AGGREGATE group_concat(text) (SFUNC = stocktake_concat_step, STYPE = text)
        """

    /// The statements of a migration, split where a `;` ends a line.
    static func statements(_ sql: String) -> [String] {
        PostgresSession.statements(sql)
    }
}
