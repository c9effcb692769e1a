import GRDB

/// Writes the rows of listing pages into per-connection TEMP staging tables,
/// keyed by a scope number, until the scope is applied or dropped.
///
/// Staging is not inventory: a failed or killed sync leaves the inventory
/// tables untouched, and TEMP tables vanish with the connection.
enum ScopeStaging {
    static func createTables(_ db: Database) throws {
        let servers = InventorySchema.serverColumns.joined(separator: ", ")
        let drives = InventorySchema.driveColumns.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS stage_servers (
                scope INTEGER NOT NULL, id TEXT NOT NULL, \(servers), raw TEXT NOT NULL, runtime TEXT,
                content_hash INTEGER NOT NULL, PRIMARY KEY (scope, id));
            CREATE TEMP TABLE IF NOT EXISTS stage_drives (
                scope INTEGER NOT NULL, id TEXT NOT NULL, \(drives), raw TEXT NOT NULL,
                content_hash INTEGER NOT NULL, PRIMARY KEY (scope, id));
            CREATE TEMP TABLE IF NOT EXISTS stage_server_drives (
                scope INTEGER NOT NULL, server_id TEXT NOT NULL, drive_id TEXT NOT NULL,
                \(InventorySchema.serverDriveColumns.joined(separator: ", ")), PRIMARY KEY (scope, server_id, drive_id));
            CREATE TEMP TABLE IF NOT EXISTS stage_server_nics (
                scope INTEGER NOT NULL, server_id TEXT NOT NULL, nic_id TEXT NOT NULL,
                \(InventorySchema.serverNICColumns.joined(separator: ", ")), PRIMARY KEY (scope, server_id, nic_id));
            CREATE TEMP TABLE IF NOT EXISTS stage_tags (
                scope INTEGER NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT NOT NULL, tag TEXT NOT NULL,
                PRIMARY KEY (scope, resource_type, resource_id, tag));
            CREATE TEMP TABLE IF NOT EXISTS delta (id TEXT PRIMARY KEY, action TEXT NOT NULL, old_raw TEXT);
            CREATE TEMP TABLE IF NOT EXISTS child_delta (
                parent TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (parent, key));
            """)
    }

    /// Stages one page of servers; a server already staged for the scope is kept as first seen.
    ///
    /// A server whose content hash equals the stored one is staged as id, hash and
    /// runtime only: applying never reads more of an unchanged row.
    static func stage(servers: [ServerRow], account: String, scope: Int64, in db: Database) throws {
        let columns = InventorySchema.serverColumns
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_servers (scope, id, \(columns.joined(separator: ", ")), raw, runtime, content_hash)
            VALUES (\(placeholders(columns.count + 5)))
            """)
        let compact = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_servers (scope, id, raw, runtime, content_hash) VALUES (?, ?, '', ?, ?)
            """)
        let hashes = servers.map { DatabaseCell.contentHash($0.versionedValues) }
        let stored = try storedHashes(table: "servers", account: account, ids: servers.map(\.id), in: db)
        for (server, hash) in zip(servers, hashes) {
            if stored[server.id] == hash {
                try compact.execute(arguments: [scope, server.id, server.runtime, hash])
                continue
            }
            let values: [(any DatabaseValueConvertible)?] = [
                scope, server.id, server.name, server.status, server.providerStatus, server.cpuMHz, server.smp,
                server.memBytes, server.commercialType, server.arch, server.image, server.hostname, server.createdAt,
                server.modifiedAt, server.raw, server.runtime, hash,
            ]
            try insert.execute(arguments: StatementArguments(values))
            guard db.changesCount > 0 else { continue }
            try stageAttachments(server, scope: scope, in: db)
        }
    }

    /// Content hashes of the live rows among `ids`.
    private static func storedHashes(table: String, account: String, ids: [String], in db: Database) throws -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, content_hash FROM \(table) WHERE account = ? AND deleted_at IS NULL AND id IN (\(placeholders(ids.count)))
            """, arguments: StatementArguments([account] + ids))
        while let row = try rows.next() { result[row[0]] = row[1] }
        return result
    }

    private static func stageAttachments(_ server: ServerRow, scope: Int64, in db: Database) throws {
        let drives = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_server_drives (scope, server_id, drive_id, \(InventorySchema.serverDriveColumns.joined(separator: ", ")))
            VALUES (\(placeholders(3 + InventorySchema.serverDriveColumns.count)))
            """)
        for drive in server.drives {
            try drives.execute(arguments: [scope, server.id, drive.driveID, drive.device, drive.devChannel, drive.slot,
                                           drive.bootOrder, drive.volumeType])
        }
        let nics = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_server_nics (scope, server_id, nic_id, \(InventorySchema.serverNICColumns.joined(separator: ", ")))
            VALUES (\(placeholders(3 + InventorySchema.serverNICColumns.count)))
            """)
        for nic in server.nics {
            try nics.execute(arguments: [scope, server.id, nic.nicID, nic.mac, nic.model, nic.interfaceType, nic.ipv4Conf,
                                         nic.ipv4Address, nic.ipv6Address, nic.vlan, nic.privateNetwork, nic.firewallPolicy])
        }
        try stageTags(server.tags, resourceType: "server", id: server.id, scope: scope, in: db)
    }

    /// Stages one page of drives or volumes; unchanged ones as id and hash only.
    static func stage(drives: [DriveRow], account: String, scope: Int64, in db: Database) throws {
        let columns = InventorySchema.driveColumns
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_drives (scope, id, \(columns.joined(separator: ", ")), raw, content_hash)
            VALUES (\(placeholders(columns.count + 4)))
            """)
        let compact = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO temp.stage_drives (scope, id, status, raw, content_hash) VALUES (?, ?, '', '', ?)
            """)
        let stored = try storedHashes(table: "drives", account: account, ids: drives.map(\.id), in: db)
        for drive in drives {
            let hash = DatabaseCell.contentHash(drive.versionedValues)
            if stored[drive.id] == hash {
                try compact.execute(arguments: [scope, drive.id, hash])
                continue
            }
            let values: [(any DatabaseValueConvertible)?] = [
                scope, drive.id, drive.name, drive.sizeBytes, drive.media, drive.storageType, drive.status,
                drive.providerStatus, drive.allowMultimount, drive.createdAt, drive.modifiedAt, drive.raw, hash,
            ]
            try insert.execute(arguments: StatementArguments(values))
            guard db.changesCount > 0 else { continue }
            try stageTags(drive.tags, resourceType: "drive", id: drive.id, scope: scope, in: db)
        }
    }

    private static func stageTags(_ tags: [String], resourceType: String, id: String, scope: Int64, in db: Database) throws {
        guard !tags.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO temp.stage_tags (scope, resource_type, resource_id, tag) VALUES (?, ?, ?, ?)")
        for tag in tags {
            try insert.execute(arguments: [scope, resourceType, id, tag])
        }
    }

    /// Distinct objects staged for the scope.
    static func stagedCount(_ kind: ResourceKind, scope: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.\(ResourceTableSpec.forKind(kind).stageTable) WHERE scope = ?",
                         arguments: [scope]) ?? 0
    }

    /// Forgets everything staged for the scope.
    static func drop(scope: Int64, in db: Database) throws {
        for table in ["stage_servers", "stage_drives", "stage_server_drives", "stage_server_nics", "stage_tags"] {
            try db.execute(sql: "DELETE FROM temp.\(table) WHERE scope = ?", arguments: [scope])
        }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
