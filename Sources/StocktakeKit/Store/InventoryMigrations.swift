import GRDB

/// The database schema as it came to be: one migrator, migrations named and never
/// edited once landed. Each migration keeps the SQL it ran as a literal, never
/// today's column lists (the row types' `columns`, the table specs), so that changing a
/// declaration cannot change what an old migration does. A test runs every
/// migration from v1 and checks the result against the declarations: a change to a
/// declaration needs a new migration here.
enum InventoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-inventory") { db in
            try db.execute(sql: v1SQL)
        }
        migrator.registerMigration("v2-history-lookups") { db in
            // As-of views look attachments up by drive, as the current table's index does.
            try db.execute(sql: """
                CREATE INDEX server_drives_history_by_drive ON server_drives_history(account, drive_id, valid_to_run);
                """)
        }
        migrator.registerMigration("v3-overview-indexes") { db in
            // Covering indexes of the columns the named queries list, so that a query over
            // every live resource reads them instead of rows that carry their raw JSON.
            try db.execute(sql: """
                CREATE INDEX servers_overview ON servers(
                    deleted_at, account, zone, status, provider, name, id, provider_status, first_seen);
                CREATE INDEX drives_overview ON drives(
                    deleted_at, account, zone, status, provider, storage_type, media, size_bytes, name, id,
                    provider_status, allow_multimount, first_seen);
                """)
        }
        migrator.registerMigration("v4-wire-fingerprints") { db in
            // The fingerprint of each object as last read, so an unchanged object is not mapped again.
            try db.execute(sql: """
                ALTER TABLE servers ADD COLUMN wire_hash INTEGER;
                ALTER TABLE drives ADD COLUMN wire_hash INTEGER;
                """)
        }
        migrator.registerMigration("v5-account-owner") { db in
            // The organisation (Scaleway) or user (CloudSigma) an account's listings came from, so that
            // a complete listing from another owner (a credential of the wrong account) deletes nothing.
            try db.execute(sql: "ALTER TABLE accounts ADD COLUMN owner TEXT")
        }
        migrator.registerMigration("v6-resource-listing") { db in
            // Which listing each resource came from (servers; Scaleway volumes or block_volumes;
            // CloudSigma drives), so that a complete listing deletes only what it lists: Scaleway's
            // Instance and Block Storage volumes share `drives` in one zone.
            try db.execute(sql: """
                ALTER TABLE servers ADD COLUMN listing TEXT NOT NULL DEFAULT 'servers';
                ALTER TABLE servers_history ADD COLUMN listing TEXT NOT NULL DEFAULT 'servers';
                ALTER TABLE drives ADD COLUMN listing TEXT NOT NULL DEFAULT 'drives';
                ALTER TABLE drives_history ADD COLUMN listing TEXT NOT NULL DEFAULT 'drives';
                UPDATE drives SET listing = 'volumes' WHERE provider = 'scaleway';
                UPDATE drives_history SET listing = 'volumes' WHERE provider = 'scaleway';
                """)
        }
        migrator.registerMigration("v7-ips") { db in
            // IP addresses an account holds, with the server their own side names; versioned like the others.
            try db.execute(sql: v7SQL)
        }
        migrator.registerMigration("v8-security-groups") { db in
            // Scaleway security groups and the servers each lists, versioned like the others.
            try db.execute(sql: v8SQL)
        }
        migrator.registerMigration("v9-snapshots") { db in
            // Snapshots of Instance and Block Storage volumes, with the volume each names.
            try db.execute(sql: v9SQL)
        }
        migrator.registerMigration("v10-networks") { db in
            // Networks servers join (CloudSigma VLANs) and the servers each lists, versioned like the others.
            try db.execute(sql: v10SQL)
        }
        migrator.registerMigration("v11-prunes") { db in
            // What each `stocktake prune` removed, and the first run whose answers it kept whole:
            // `--as-of` an earlier run is refused.
            try db.execute(sql: """
                CREATE TABLE prunes (
                    id INTEGER PRIMARY KEY, pruned_at TEXT NOT NULL, first_kept_run INTEGER NOT NULL,
                    versions INTEGER NOT NULL, resources INTEGER NOT NULL, changes INTEGER NOT NULL, runs INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v12-current-views") { db in
            // Views of what exists now (current_servers, current_server_nics, current_tags, ...).
            // A later migration that adds or changes a table drops and makes them again, literally.
            try db.execute(sql: v12SQL)
        }
        migrator.registerMigration("v13-raw-once") { db in
            // The open version of each resource keeps no raw of its own ('' ; the current row holds it),
            // so that a first sync writes each object once; closing a version copies the raw in.
            try db.execute(sql: v13SQL)
        }
        migrator.registerMigration("v14-history-lookups-by-server") { db in
            // As-of views look group and network memberships up by server, as the current tables' indexes
            // do (servers-without-security-group as of a run scanned every membership per server). The
            // (valid_from_run, valid_to_run) indexes go: an as-of view's `valid_from_run <= k` matches nearly
            // every version, and the planner chose range scans of them over key lookups (link-mismatch as
            // of run 1: 3.4 s, 0.65 s without them); every version written also updated them.
            try db.execute(sql: v14SQL)
        }
        migrator.registerMigration("v15-prices") { db in
            // Price lists synced like any listing (Scaleway products/servers and catalog per zone, the
            // bundled price table, CloudSigma pricing/ and the account's currency), CloudSigma's
            // subscriptions and use (usage), versioned, and the monthly cost of every resource (current_costs).
            try db.execute(sql: v15SQL)
        }
        return migrator
    }

    private static let v15SQL = """
        CREATE TABLE prices (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'prices', category TEXT, product TEXT, level INTEGER,
            in_force INTEGER, currency TEXT, unit TEXT, price TEXT, multiplier INTEGER, month_seconds INTEGER, source TEXT,
            stated_monthly TEXT, first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT,
            raw TEXT NOT NULL, content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX prices_by_scope ON prices(account, zone, deleted_at);
        CREATE INDEX prices_by_product ON prices(account, category, product, zone);
        CREATE TABLE prices_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'prices', category TEXT, product TEXT, level INTEGER, in_force INTEGER,
            currency TEXT, unit TEXT, price TEXT, multiplier INTEGER, month_seconds INTEGER, source TEXT, stated_monthly TEXT,
            first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX prices_history_by_id ON prices_history(account, id, valid_to_run);
        CREATE INDEX prices_history_by_product ON prices_history(account, category, product, zone);
        CREATE TABLE usage (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'usage', resource TEXT, subscribed INTEGER, used INTEGER,
            burst INTEGER, first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT,
            raw TEXT NOT NULL, content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX usage_by_scope ON usage(account, zone, deleted_at);
        CREATE TABLE usage_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'usage', resource TEXT, subscribed INTEGER, used INTEGER, burst INTEGER,
            first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX usage_history_by_id ON usage_history(account, id, valid_to_run);
        CREATE TABLE subscriptions (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'subscriptions', resource TEXT, amount INTEGER, period TEXT,
            start_time TEXT, end_time TEXT, price TEXT, status TEXT, auto_renew INTEGER, subscribed_object TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT,
            raw TEXT NOT NULL, content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX subscriptions_by_scope ON subscriptions(account, zone, deleted_at);
        CREATE TABLE subscriptions_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'subscriptions', resource TEXT, amount INTEGER, period TEXT, start_time TEXT,
            end_time TEXT, price TEXT, status TEXT, auto_renew INTEGER, subscribed_object TEXT,
            first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
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

    private static let v14SQL = """
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

    private static let v13SQL = """
        UPDATE servers_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE drives_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE ips_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE security_groups_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE snapshots_history SET raw = '' WHERE valid_to_run IS NULL;
        UPDATE networks_history SET raw = '' WHERE valid_to_run IS NULL;
        """

    private static let v1SQL = """
        CREATE TABLE accounts (
            name TEXT PRIMARY KEY, provider TEXT NOT NULL, endpoint TEXT NOT NULL, scopes TEXT NOT NULL,
            first_seen TEXT NOT NULL);
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            accounts TEXT NOT NULL, scopes_applied INTEGER NOT NULL DEFAULT 0, scopes_failed INTEGER NOT NULL
            DEFAULT 0);
        CREATE TABLE sync_scopes (
            id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES sync_runs(id), account TEXT NOT NULL,
            zone TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL, seconds REAL NOT NULL, pages INTEGER NOT NULL, objects INTEGER NOT NULL,
            created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL, reappeared INTEGER NOT NULL,
            error TEXT);
        CREATE INDEX sync_scopes_by_scope ON sync_scopes(account, zone, kind, outcome, run_id);

        CREATE TABLE servers (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, name TEXT, status TEXT, provider_status TEXT, cpu_mhz INTEGER, smp INTEGER,
            mem_bytes INTEGER, commercial_type TEXT, arch TEXT, image TEXT, hostname TEXT, created_at TEXT,
            modified_at TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            runtime TEXT, content_hash INTEGER NOT NULL, PRIMARY KEY (account, id));
        CREATE INDEX servers_by_scope ON servers(account, zone, deleted_at);
        CREATE INDEX servers_by_status ON servers(status);
        CREATE INDEX servers_by_name ON servers(name);

        CREATE TABLE drives (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, name TEXT, size_bytes INTEGER, media TEXT, storage_type TEXT, status TEXT,
            provider_status TEXT, allow_multimount INTEGER, created_at TEXT, modified_at TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, PRIMARY KEY (account, id));
        CREATE INDEX drives_by_scope ON drives(account, zone, deleted_at);
        CREATE INDEX drives_by_status ON drives(status);
        CREATE INDEX drives_by_size ON drives(size_bytes);

        CREATE TABLE server_drives (
            account TEXT NOT NULL, server_id TEXT NOT NULL, drive_id TEXT NOT NULL,
            device TEXT, dev_channel TEXT, slot INTEGER, boot_order INTEGER, volume_type TEXT,
            PRIMARY KEY (account, server_id, drive_id),
            FOREIGN KEY (account, server_id) REFERENCES servers(account, id));
        CREATE INDEX server_drives_by_drive ON server_drives(account, drive_id);

        CREATE TABLE server_nics (
            account TEXT NOT NULL, server_id TEXT NOT NULL, nic_id TEXT NOT NULL, mac TEXT, model TEXT,
            interface_type TEXT, ipv4_conf TEXT, ipv4_address TEXT, ipv6_address TEXT, vlan TEXT,
            private_network TEXT, firewall_policy TEXT,
            PRIMARY KEY (account, server_id, nic_id),
            FOREIGN KEY (account, server_id) REFERENCES servers(account, id));

        CREATE TABLE tags (
            account TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, tag TEXT NOT NULL,
            PRIMARY KEY (account, resource_type, resource_id, tag));
        CREATE INDEX tags_by_tag ON tags(tag);

        CREATE TABLE changes (
            id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES sync_runs(id), changed_at TEXT NOT NULL,
            account TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, child_key TEXT,
            kind TEXT NOT NULL, field TEXT, old_value, new_value);
        CREATE INDEX changes_by_run ON changes(run_id);
        CREATE INDEX changes_by_resource ON changes(account, resource_id, run_id);
        CREATE INDEX changes_by_time ON changes(changed_at);

        CREATE TABLE servers_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            name TEXT, status TEXT, provider_status TEXT, cpu_mhz INTEGER, smp INTEGER, mem_bytes INTEGER,
            commercial_type TEXT, arch TEXT, image TEXT, hostname TEXT, created_at TEXT, modified_at TEXT,
            first_seen TEXT NOT NULL, raw TEXT NOT NULL, valid_from_run INTEGER NOT NULL, valid_from TEXT NOT
            NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX servers_history_by_id ON servers_history(account, id, valid_to_run);
        CREATE INDEX servers_history_by_run ON servers_history(valid_from_run, valid_to_run);

        CREATE TABLE drives_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            name TEXT, size_bytes INTEGER, media TEXT, storage_type TEXT, status TEXT, provider_status TEXT,
            allow_multimount INTEGER, created_at TEXT, modified_at TEXT, first_seen TEXT NOT NULL, raw TEXT
            NOT NULL, valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER,
            valid_to TEXT);
        CREATE INDEX drives_history_by_id ON drives_history(account, id, valid_to_run);
        CREATE INDEX drives_history_by_run ON drives_history(valid_from_run, valid_to_run);

        CREATE TABLE server_drives_history (
            account TEXT NOT NULL, server_id TEXT NOT NULL, drive_id TEXT NOT NULL,
            device TEXT, dev_channel TEXT, slot INTEGER, boot_order INTEGER, volume_type TEXT, valid_from_run
            INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX server_drives_history_by_id ON server_drives_history(account, server_id, valid_to_run);
        CREATE INDEX server_drives_history_by_run ON server_drives_history(valid_from_run, valid_to_run);

        CREATE TABLE server_nics_history (
            account TEXT NOT NULL, server_id TEXT NOT NULL, nic_id TEXT NOT NULL, mac TEXT, model TEXT,
            interface_type TEXT, ipv4_conf TEXT, ipv4_address TEXT, ipv6_address TEXT, vlan TEXT,
            private_network TEXT, firewall_policy TEXT,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX server_nics_history_by_id ON server_nics_history(account, server_id, valid_to_run);
        CREATE INDEX server_nics_history_by_run ON server_nics_history(valid_from_run, valid_to_run);

        CREATE TABLE tags_history (
            account TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, tag TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX tags_history_by_id ON tags_history(account, resource_type, resource_id, valid_to_run);
        CREATE INDEX tags_history_by_run ON tags_history(valid_from_run, valid_to_run);
        """

    private static let v7SQL = """
        CREATE TABLE ips (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'ips', address TEXT, ip_type TEXT, status TEXT,
            provider_status TEXT, server_id TEXT, reverse TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX ips_by_scope ON ips(account, zone, deleted_at);
        CREATE TABLE ips_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'ips', address TEXT, ip_type TEXT, status TEXT, provider_status
            TEXT, server_id TEXT, reverse TEXT, first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX ips_history_by_id ON ips_history(account, id, valid_to_run);
        CREATE INDEX ips_history_by_run ON ips_history(valid_from_run, valid_to_run);
        CREATE INDEX ips_by_address ON ips(address);
        """

    private static let v8SQL = """
        CREATE TABLE security_groups (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'security_groups', name TEXT,
            inbound_default_policy TEXT, outbound_default_policy TEXT, stateful INTEGER, project_default
            INTEGER, created_at TEXT, modified_at TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX security_groups_by_scope ON security_groups(account, zone, deleted_at);
        CREATE TABLE security_groups_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'security_groups', name TEXT, inbound_default_policy TEXT,
            outbound_default_policy TEXT, stateful INTEGER, project_default INTEGER, created_at TEXT,
            modified_at TEXT, first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX security_groups_history_by_id ON security_groups_history(account, id, valid_to_run);
        CREATE INDEX security_groups_history_by_run ON security_groups_history(valid_from_run, valid_to_run);
        CREATE TABLE security_group_servers (
            account TEXT NOT NULL, security_group_id TEXT NOT NULL, server_id TEXT NOT NULL,
            PRIMARY KEY (account, security_group_id, server_id),
            FOREIGN KEY (account, security_group_id) REFERENCES security_groups(account, id));
        CREATE INDEX security_group_servers_by_server ON security_group_servers(account, server_id);
        CREATE TABLE security_group_servers_history (
            account TEXT NOT NULL, security_group_id TEXT NOT NULL, server_id TEXT NOT NULL, valid_from_run
            INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX security_group_servers_history_by_id ON security_group_servers_history(account,
        security_group_id, valid_to_run);
        CREATE INDEX security_group_servers_history_by_run ON security_group_servers_history(valid_from_run,
        valid_to_run);
        """

    private static let v9SQL = """
        CREATE TABLE snapshots (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'snapshots', name TEXT, size_bytes INTEGER,
            status TEXT, provider_status TEXT, volume_id TEXT, volume_type TEXT, created_at TEXT, modified_at
            TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX snapshots_by_scope ON snapshots(account, zone, deleted_at);
        CREATE TABLE snapshots_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'snapshots', name TEXT, size_bytes INTEGER, status TEXT,
            provider_status TEXT, volume_id TEXT, volume_type TEXT, created_at TEXT, modified_at TEXT,
            first_seen TEXT NOT NULL, raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX snapshots_history_by_id ON snapshots_history(account, id, valid_to_run);
        CREATE INDEX snapshots_history_by_run ON snapshots_history(valid_from_run, valid_to_run);
        CREATE INDEX snapshots_by_volume ON snapshots(account, volume_id);
        """

    private static let v10SQL = """
        CREATE TABLE networks (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT 'networks', name TEXT, network_type TEXT,
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
        CREATE INDEX networks_by_scope ON networks(account, zone, deleted_at);
        CREATE TABLE networks_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            listing TEXT NOT NULL DEFAULT 'networks', name TEXT, network_type TEXT, first_seen TEXT NOT NULL,
            raw TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX networks_history_by_id ON networks_history(account, id, valid_to_run);
        CREATE INDEX networks_history_by_run ON networks_history(valid_from_run, valid_to_run);
        CREATE TABLE network_servers (
            account TEXT NOT NULL, network_id TEXT NOT NULL, server_id TEXT NOT NULL,
            PRIMARY KEY (account, network_id, server_id),
            FOREIGN KEY (account, network_id) REFERENCES networks(account, id));
        CREATE INDEX network_servers_by_server ON network_servers(account, server_id);
        CREATE TABLE network_servers_history (
            account TEXT NOT NULL, network_id TEXT NOT NULL, server_id TEXT NOT NULL, valid_from_run INTEGER
            NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT);
        CREATE INDEX network_servers_history_by_id ON network_servers_history(account, network_id, valid_to_run);
        CREATE INDEX network_servers_history_by_run ON network_servers_history(valid_from_run, valid_to_run);
        """

    private static let v12SQL = """
        CREATE VIEW current_servers AS SELECT * FROM servers WHERE deleted_at IS NULL;
        CREATE VIEW current_drives AS SELECT * FROM drives WHERE deleted_at IS NULL;
        CREATE VIEW current_ips AS SELECT * FROM ips WHERE deleted_at IS NULL;
        CREATE VIEW current_security_groups AS SELECT * FROM security_groups WHERE deleted_at IS NULL;
        CREATE VIEW current_snapshots AS SELECT * FROM snapshots WHERE deleted_at IS NULL;
        CREATE VIEW current_networks AS SELECT * FROM networks WHERE deleted_at IS NULL;
        CREATE VIEW current_server_drives AS SELECT c.* FROM server_drives c WHERE
            (EXISTS (SELECT 1 FROM servers p
                WHERE p.account = c.account AND p.id = c.server_id AND p.deleted_at IS NULL));
        CREATE VIEW current_server_nics AS SELECT c.* FROM server_nics c WHERE
            (EXISTS (SELECT 1 FROM servers p
                WHERE p.account = c.account AND p.id = c.server_id AND p.deleted_at IS NULL));
        CREATE VIEW current_tags AS SELECT c.* FROM tags c WHERE
            (c.resource_type = 'server' AND EXISTS (SELECT 1 FROM servers p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL))
            OR (c.resource_type = 'drive' AND EXISTS (SELECT 1 FROM drives p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL))
            OR (c.resource_type = 'ip' AND EXISTS (SELECT 1 FROM ips p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL))
            OR (c.resource_type = 'security_group' AND EXISTS (SELECT 1 FROM security_groups p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL))
            OR (c.resource_type = 'snapshot' AND EXISTS (SELECT 1 FROM snapshots p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL))
            OR (c.resource_type = 'network' AND EXISTS (SELECT 1 FROM networks p
                WHERE p.account = c.account AND p.id = c.resource_id AND p.deleted_at IS NULL));
        CREATE VIEW current_security_group_servers AS SELECT c.* FROM security_group_servers c WHERE
            (EXISTS (SELECT 1 FROM security_groups p
                WHERE p.account = c.account AND p.id = c.security_group_id AND p.deleted_at IS NULL));
        CREATE VIEW current_network_servers AS SELECT c.* FROM network_servers c WHERE
            (EXISTS (SELECT 1 FROM networks p
                WHERE p.account = c.account AND p.id = c.network_id AND p.deleted_at IS NULL));
        """
}
