import GRDB

/// The SQL that writes the rows of listing pages into a scope's staging
/// tables (in its `ScopeStageFile`), until the scope is applied or dropped.
///
/// The tables are filled in arrival order without a key, so a page's insert
/// touches only their last pages: keyed inserts of random ids rewrote most of
/// the staging file once per page. The keys are built once the listing has
/// been read (`finish`), where duplicates from a listing that shifted while it
/// was read are dropped, the first copy kept.
enum ScopeStaging {
    /// The schema name a stage file is attached under while its scope is applied.
    static let schema = "staged"

    /// Creates the scope's staging tables, from the kinds' table specs: one per resource
    /// table (its versioned columns, raw, runtime where kept, hashes) and one per child table.
    static func createTables(scope: Int64, in db: Database) throws {
        var statements: [String] = []
        for spec in ResourceTableSpec.all {
            let columns = ["scope INTEGER NOT NULL", "id TEXT NOT NULL"] + spec.columns + ["raw TEXT NOT NULL"]
                + (spec.hasRuntime ? ["runtime TEXT"] : []) + ["content_hash INTEGER NOT NULL", "wire_hash INTEGER"]
            statements.append("CREATE TABLE IF NOT EXISTS \(spec.stageTable(scope)) (\(columns.joined(separator: ", ")))")
        }
        for child in ResourceTableSpec.allChildren {
            let columns = ["scope INTEGER NOT NULL", "parent_row INTEGER NOT NULL"]
                + [child.discriminator?.column].compactMap { $0.map { "\($0) TEXT NOT NULL" } }
                + ["\(child.parentColumn) TEXT NOT NULL", "\(child.keyColumn) TEXT NOT NULL"] + child.attributes
            statements.append("CREATE TABLE IF NOT EXISTS \(child.stageTable(scope)) (\(columns.joined(separator: ", ")))")
        }
        try db.execute(sql: statements.joined(separator: ";\n"))
    }

    /// Creates the writer connection's TEMP tables that hold what applying a scope found.
    static func createDeltaTables(in db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS delta (id TEXT PRIMARY KEY, action TEXT NOT NULL, old_raw TEXT);
            CREATE TEMP TABLE IF NOT EXISTS child_delta (
                parent TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (parent, key));
            """)
    }

    /// Stages one page of servers; unchanged ones as id, hashes and runtime
    /// only: applying never reads more of an unchanged row.
    static func stage(servers page: StagedPage<ServerRow>, scope: Int64, in db: Database) throws {
        let columns = InventorySchema.serverColumns
        let table = ResourceTableSpec.servers.stageTable(scope)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (scope, id, \(columns.joined(separator: ", ")), raw, runtime, content_hash, wire_hash)
            VALUES (\(placeholders(columns.count + 6)))
            """)
        let compact = try db.cachedStatement(sql: """
            INSERT INTO \(table) (scope, id, raw, runtime, content_hash, wire_hash) VALUES (?, ?, '', ?, ?, ?)
            """)
        for resource in page.unchanged {
            try compact.execute(arguments: [scope, resource.id, resource.runtime, resource.contentHash, resource.wireHash])
        }
        for (server, hash, wireHash) in page.changed {
            let values: [(any DatabaseValueConvertible)?] = [
                scope, server.id, server.name, server.status, server.providerStatus, server.cpuMHz, server.smp,
                server.memBytes, server.commercialType, server.arch, server.image, server.hostname, server.createdAt,
                server.modifiedAt, server.raw, server.runtime, hash, wireHash,
            ]
            try insert.execute(arguments: StatementArguments(values))
            try stageAttachments(server, row: db.lastInsertedRowID, scope: scope, in: db)
        }
    }

    /// Content hashes and wire fingerprints of the live rows among `ids`.
    ///
    /// The unary `+` keeps `deleted_at` out of index choices: with sampled
    /// statistics the planner otherwise read every live row of the account
    /// through `servers_overview` for each page, instead of a key lookup per id.
    static func storedHashes(table: String, account: String, ids: [String], in db: Database) throws -> [String: StoredHashes] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: StoredHashes] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, content_hash, wire_hash FROM \(table)
            WHERE account = ? AND id IN (\(placeholders(ids.count))) AND +deleted_at IS NULL
            """, arguments: StatementArguments([account] + ids))
        while let row = try rows.next() { result[row[0]] = StoredHashes(content: row[1], wire: row[2]) }
        return result
    }

    private static func stageAttachments(_ server: ServerRow, row: Int64, scope: Int64, in db: Database) throws {
        let drives = try db.cachedStatement(sql: """
            INSERT INTO \(ChildTableSpec.serverDrives.stageTable(scope)) (scope, parent_row, server_id, drive_id, \(InventorySchema.serverDriveColumns.joined(separator: ", ")))
            VALUES (\(placeholders(4 + InventorySchema.serverDriveColumns.count)))
            """)
        for drive in server.drives {
            try drives.execute(arguments: [scope, row, server.id, drive.driveID, drive.device, drive.devChannel, drive.slot,
                                           drive.bootOrder, drive.volumeType])
        }
        let nics = try db.cachedStatement(sql: """
            INSERT INTO \(ChildTableSpec.serverNICs.stageTable(scope)) (scope, parent_row, server_id, nic_id, \(InventorySchema.serverNICColumns.joined(separator: ", ")))
            VALUES (\(placeholders(4 + InventorySchema.serverNICColumns.count)))
            """)
        for nic in server.nics {
            try nics.execute(arguments: [scope, row, server.id, nic.nicID, nic.mac, nic.model, nic.interfaceType, nic.ipv4Conf,
                                         nic.ipv4Address, nic.ipv6Address, nic.vlan, nic.privateNetwork, nic.firewallPolicy])
        }
        try stageTags(server.tags, resourceType: "server", id: server.id, row: row, scope: scope, in: db)
    }

    /// Stages one page of drives or volumes; unchanged ones as id and hashes only.
    static func stage(drives page: StagedPage<DriveRow>, scope: Int64, in db: Database) throws {
        let columns = InventorySchema.driveColumns
        let table = ResourceTableSpec.drives.stageTable(scope)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (scope, id, \(columns.joined(separator: ", ")), raw, content_hash, wire_hash)
            VALUES (\(placeholders(columns.count + 5)))
            """)
        let compact = try db.cachedStatement(sql: """
            INSERT INTO \(table) (scope, id, status, raw, content_hash, wire_hash) VALUES (?, ?, '', '', ?, ?)
            """)
        for resource in page.unchanged {
            try compact.execute(arguments: [scope, resource.id, resource.contentHash, resource.wireHash])
        }
        for (drive, hash, wireHash) in page.changed {
            let values: [(any DatabaseValueConvertible)?] = [
                scope, drive.id, drive.name, drive.sizeBytes, drive.media, drive.storageType, drive.status,
                drive.providerStatus, drive.allowMultimount, drive.createdAt, drive.modifiedAt, drive.raw, hash, wireHash,
            ]
            try insert.execute(arguments: StatementArguments(values))
            try stageTags(drive.tags, resourceType: "drive", id: drive.id, row: db.lastInsertedRowID, scope: scope, in: db)
        }
    }

    private static func stageTags(
        _ tags: [String], resourceType: String, id: String, row: Int64, scope: Int64, in db: Database
    ) throws {
        guard !tags.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(ChildTableSpec.serverTags.stageTable(scope)) (scope, parent_row, resource_type, resource_id, tag)
            VALUES (?, ?, ?, ?, ?)
            """)
        for tag in tags {
            try insert.execute(arguments: [scope, row, resourceType, id, tag])
        }
    }

    /// Ends staging once the listing has been read: keys the scope's tables,
    /// drops later copies of an object staged twice (and their child rows), and
    /// returns how many distinct objects were staged.
    static func finish(_ kind: ResourceKind, scope: Int64, in db: Database) throws -> Int {
        let spec = ResourceTableSpec.forKind(kind)
        let table = spec.stageTable(scope)
        var indexes = ["CREATE INDEX IF NOT EXISTS \(table)_by_id ON \(table) (scope, id)"]
        for child in spec.children {
            let key = child.key.replacingOccurrences(of: "account, ", with: "")
            indexes.append("CREATE INDEX IF NOT EXISTS \(child.stageTable(scope))_by_key ON \(child.stageTable(scope)) (scope, \(key))")
        }
        try db.execute(sql: indexes.joined(separator: ";\n"))
        let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT id) FROM \(table)") ?? 0
        if rows != distinct {
            try db.execute(sql: "DELETE FROM \(table) WHERE rowid NOT IN (SELECT min(rowid) FROM \(table) GROUP BY id)")
            for child in spec.children {
                try db.execute(sql: """
                    DELETE FROM \(child.stageTable(scope)) WHERE parent_row NOT IN (SELECT rowid FROM \(table))
                    """)
            }
        }
        return distinct
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
