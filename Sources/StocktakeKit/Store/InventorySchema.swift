import GRDB

/// The database schema: one migrator, migrations named and never edited once landed.
enum InventorySchema {
    /// Columns of `servers` that make a version and get field-level changes, in order.
    static let serverColumns = [
        "name", "status", "provider_status", "cpu_mhz", "smp", "mem_bytes", "commercial_type", "arch", "image",
        "hostname", "created_at", "modified_at",
    ]
    /// Columns of `drives` that make a version and get field-level changes, in order.
    static let driveColumns = [
        "name", "size_bytes", "media", "storage_type", "status", "provider_status", "allow_multimount", "created_at",
        "modified_at",
    ]
    /// Columns of `ips` that make a version and get field-level changes, in order.
    static let ipColumns = ["address", "ip_type", "status", "provider_status", "server_id", "reverse"]
    /// Columns of `security_groups` that make a version and get field-level changes, in order.
    static let securityGroupColumns = [
        "name", "inbound_default_policy", "outbound_default_policy", "stateful", "project_default", "created_at",
        "modified_at",
    ]
    /// Columns of `snapshots` that make a version and get field-level changes, in order.
    static let snapshotColumns = [
        "name", "size_bytes", "status", "provider_status", "volume_id", "volume_type", "created_at", "modified_at",
    ]
    /// Columns of `networks` that make a version and get field-level changes, in order.
    static let networkColumns = ["name", "network_type"]
    static let serverDriveColumns = ["device", "dev_channel", "slot", "boot_order", "volume_type"]
    static let serverNICColumns = [
        "mac", "model", "interface_type", "ipv4_conf", "ipv4_address", "ipv6_address", "vlan", "private_network",
        "firewall_policy",
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-inventory") { db in
            try db.execute(sql: inventorySQL)
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
            try db.execute(sql: resourceTableSQL("ips", columns: ipColumns) + """
                CREATE INDEX ips_by_address ON ips(address);
                """)
        }
        migrator.registerMigration("v8-security-groups") { db in
            // Scaleway security groups and the servers each lists, versioned like the others.
            try db.execute(sql: resourceTableSQL("security_groups", columns: securityGroupColumns)
                + membershipTableSQL("security_group_servers", parent: "security_groups", parentColumn: "security_group_id"))
        }
        migrator.registerMigration("v9-snapshots") { db in
            // Snapshots of Instance and Block Storage volumes, with the volume each names.
            try db.execute(sql: resourceTableSQL("snapshots", columns: snapshotColumns) + """
                CREATE INDEX snapshots_by_volume ON snapshots(account, volume_id);
                """)
        }
        migrator.registerMigration("v10-networks") { db in
            // Networks servers join (CloudSigma VLANs) and the servers each lists, versioned like the others.
            try db.execute(sql: resourceTableSQL("networks", columns: networkColumns)
                + membershipTableSQL("network_servers", parent: "networks", parentColumn: "network_id"))
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
            // A later kind's migration calls this again, so that its tables get theirs.
            try CurrentViews.create(in: db, temporary: false)
        }
        return migrator
    }

    /// A child table of the servers a resource's own side lists (`security_group_servers`,
    /// `network_servers`): keyed by the resource and the server, looked up by server too, with its
    /// `_history` twin and its indexes.
    static func membershipTableSQL(_ table: String, parent: String, parentColumn: String) -> String {
        """
        CREATE TABLE \(table) (
            account TEXT NOT NULL, \(parentColumn) TEXT NOT NULL, server_id TEXT NOT NULL,
            PRIMARY KEY (account, \(parentColumn), server_id),
            FOREIGN KEY (account, \(parentColumn)) REFERENCES \(parent)(account, id));
        CREATE INDEX \(table)_by_server ON \(table)(account, server_id);
        CREATE TABLE \(table)_history (
            account TEXT NOT NULL, \(parentColumn) TEXT NOT NULL, server_id TEXT NOT NULL, \(history));
        CREATE INDEX \(table)_history_by_id ON \(table)_history(account, \(parentColumn), valid_to_run);
        CREATE INDEX \(table)_history_by_run ON \(table)_history(valid_from_run, valid_to_run);
        """
    }

    /// A resource table of a kind added after the first schema: the columns every resource table
    /// shares around the kind's own (`listing` defaulting to the table's name), its scope index, and
    /// its `_history` twin with its indexes. The SQL ends with a semicolon, ready for more.
    static func resourceTableSQL(_ table: String, columns own: [String]) -> String {
        let kept = columns(own, types: integerTypes)
        return """
            CREATE TABLE \(table) (
                account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
                zone TEXT NOT NULL, listing TEXT NOT NULL DEFAULT '\(table)', \(kept),
                first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
                content_hash INTEGER NOT NULL, wire_hash INTEGER, PRIMARY KEY (account, id));
            CREATE INDEX \(table)_by_scope ON \(table)(account, zone, deleted_at);
            CREATE TABLE \(table)_history (
                account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
                listing TEXT NOT NULL DEFAULT '\(table)', \(kept), first_seen TEXT NOT NULL, raw TEXT NOT NULL,
                \(history));
            CREATE INDEX \(table)_history_by_id ON \(table)_history(account, id, valid_to_run);
            CREATE INDEX \(table)_history_by_run ON \(table)_history(valid_from_run, valid_to_run);

            """
    }

    private static func columns(_ names: [String], types: [String: String] = [:]) -> String {
        names.map { "\($0) \(types[$0] ?? "TEXT")" }.joined(separator: ", ")
    }

    private static let integerTypes = [
        "cpu_mhz": "INTEGER", "smp": "INTEGER", "mem_bytes": "INTEGER", "size_bytes": "INTEGER",
        "allow_multimount": "INTEGER", "slot": "INTEGER", "boot_order": "INTEGER", "stateful": "INTEGER",
        "project_default": "INTEGER",
    ]

    private static let history = "valid_from_run INTEGER NOT NULL, valid_from TEXT NOT NULL, valid_to_run INTEGER, valid_to TEXT"

    static let inventorySQL = """
        CREATE TABLE accounts (
            name TEXT PRIMARY KEY, provider TEXT NOT NULL, endpoint TEXT NOT NULL, scopes TEXT NOT NULL,
            first_seen TEXT NOT NULL);
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
            accounts TEXT NOT NULL, scopes_applied INTEGER NOT NULL DEFAULT 0, scopes_failed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE sync_scopes (
            id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES sync_runs(id), account TEXT NOT NULL,
            zone TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL, seconds REAL NOT NULL, pages INTEGER NOT NULL, objects INTEGER NOT NULL,
            created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL, reappeared INTEGER NOT NULL,
            error TEXT);
        CREATE INDEX sync_scopes_by_scope ON sync_scopes(account, zone, kind, outcome, run_id);

        CREATE TABLE servers (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, \(columns(serverColumns, types: integerTypes)),
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            runtime TEXT, content_hash INTEGER NOT NULL, PRIMARY KEY (account, id));
        CREATE INDEX servers_by_scope ON servers(account, zone, deleted_at);
        CREATE INDEX servers_by_status ON servers(status);
        CREATE INDEX servers_by_name ON servers(name);

        CREATE TABLE drives (
            account TEXT NOT NULL REFERENCES accounts(name), id TEXT NOT NULL, provider TEXT NOT NULL,
            zone TEXT NOT NULL, \(columns(driveColumns, types: integerTypes)),
            first_seen TEXT NOT NULL, first_seen_run INTEGER NOT NULL, deleted_at TEXT, raw TEXT NOT NULL,
            content_hash INTEGER NOT NULL, PRIMARY KEY (account, id));
        CREATE INDEX drives_by_scope ON drives(account, zone, deleted_at);
        CREATE INDEX drives_by_status ON drives(status);
        CREATE INDEX drives_by_size ON drives(size_bytes);

        CREATE TABLE server_drives (
            account TEXT NOT NULL, server_id TEXT NOT NULL, drive_id TEXT NOT NULL,
            \(columns(serverDriveColumns, types: integerTypes)),
            PRIMARY KEY (account, server_id, drive_id),
            FOREIGN KEY (account, server_id) REFERENCES servers(account, id));
        CREATE INDEX server_drives_by_drive ON server_drives(account, drive_id);

        CREATE TABLE server_nics (
            account TEXT NOT NULL, server_id TEXT NOT NULL, nic_id TEXT NOT NULL, \(columns(serverNICColumns)),
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
            \(columns(serverColumns, types: integerTypes)), first_seen TEXT NOT NULL, raw TEXT NOT NULL, \(history));
        CREATE INDEX servers_history_by_id ON servers_history(account, id, valid_to_run);
        CREATE INDEX servers_history_by_run ON servers_history(valid_from_run, valid_to_run);

        CREATE TABLE drives_history (
            account TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, zone TEXT NOT NULL,
            \(columns(driveColumns, types: integerTypes)), first_seen TEXT NOT NULL, raw TEXT NOT NULL, \(history));
        CREATE INDEX drives_history_by_id ON drives_history(account, id, valid_to_run);
        CREATE INDEX drives_history_by_run ON drives_history(valid_from_run, valid_to_run);

        CREATE TABLE server_drives_history (
            account TEXT NOT NULL, server_id TEXT NOT NULL, drive_id TEXT NOT NULL,
            \(columns(serverDriveColumns, types: integerTypes)), \(history));
        CREATE INDEX server_drives_history_by_id ON server_drives_history(account, server_id, valid_to_run);
        CREATE INDEX server_drives_history_by_run ON server_drives_history(valid_from_run, valid_to_run);

        CREATE TABLE server_nics_history (
            account TEXT NOT NULL, server_id TEXT NOT NULL, nic_id TEXT NOT NULL, \(columns(serverNICColumns)),
            \(history));
        CREATE INDEX server_nics_history_by_id ON server_nics_history(account, server_id, valid_to_run);
        CREATE INDEX server_nics_history_by_run ON server_nics_history(valid_from_run, valid_to_run);

        CREATE TABLE tags_history (
            account TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, tag TEXT NOT NULL,
            \(history));
        CREATE INDEX tags_history_by_id ON tags_history(account, resource_type, resource_id, valid_to_run);
        CREATE INDEX tags_history_by_run ON tags_history(valid_from_run, valid_to_run);
        """
}
