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
            CREATE TEMP TABLE IF NOT EXISTS delta (
                id TEXT PRIMARY KEY, action TEXT NOT NULL, old_raw TEXT, old_zone TEXT, old_listing TEXT);
            CREATE TEMP TABLE IF NOT EXISTS child_delta (
                parent TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (parent, key));
            """)
    }

    /// Stages one page of resources of the table `spec` describes, their child
    /// rows with them; unchanged ones as id, hashes and runtime only: applying
    /// never reads more of an unchanged row.
    static func stage<Row: StagedRow>(_ page: StagedPage<Row>, spec: ResourceTableSpec, scope: Int64, in db: Database) throws {
        let table = spec.stageTable(scope)
        let runtime = spec.hasRuntime ? ["runtime"] : []
        let full = ["scope", "id"] + spec.columns + ["raw"] + runtime + ["content_hash", "wire_hash"]
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(full.joined(separator: ", "))) VALUES (\(placeholders(full.count)))
            """)
        let compactColumns = ["scope", "id", "raw"] + runtime + ["content_hash", "wire_hash"]
        let compact = try db.cachedStatement(sql: """
            INSERT INTO \(table) (\(compactColumns.joined(separator: ", "))) VALUES (?, ?, ''\(String(repeating: ", ?", count: compactColumns.count - 3)))
            """)
        var values: [DatabaseValue] = []
        values.reserveCapacity(full.count)
        for resource in page.unchanged {
            values.removeAll(keepingCapacity: true)
            values.append(scope.databaseValue)
            values.append(resource.id.databaseValue)
            if spec.hasRuntime { values.append(resource.runtime.databaseValue) }
            values.append(resource.contentHash.databaseValue)
            values.append(resource.wireHash.databaseValue)
            try compact.execute(arguments: StatementArguments(values))
        }
        for (row, hash, wireHash) in page.changed {
            values.removeAll(keepingCapacity: true)
            values.append(scope.databaseValue)
            values.append(row.id.databaseValue)
            for cell in row.columnValues { values.append(cell.databaseValue) }
            values.append(row.raw.databaseValue)
            if spec.hasRuntime { values.append(row.runtime.databaseValue) }
            values.append(hash.databaseValue)
            values.append(wireHash.databaseValue)
            try insert.execute(arguments: StatementArguments(values))
            let parentRow = db.lastInsertedRowID
            for (child, rows) in row.children where !rows.isEmpty {
                try stage(rows, of: child, parent: row.id, parentRow: parentRow, scope: scope, in: db)
            }
        }
    }

    /// Stages the child rows of one resource (each its key, then its attributes).
    private static func stage(
        _ rows: [[DatabaseCell]], of child: ChildTableSpec, parent: String, parentRow: Int64, scope: Int64, in db: Database
    ) throws {
        let columns = ["scope", "parent_row"] + [child.discriminator?.column].compactMap { $0 }
            + [child.parentColumn, child.keyColumn] + child.attributes
        let insert = try db.cachedStatement(sql: """
            INSERT INTO \(child.stageTable(scope)) (\(columns.joined(separator: ", "))) VALUES (\(placeholders(columns.count)))
            """)
        let head: [DatabaseValue] = [scope.databaseValue, parentRow.databaseValue]
            + [child.discriminator?.value.databaseValue].compactMap { $0 } + [parent.databaseValue]
        for cells in rows {
            try insert.execute(arguments: StatementArguments(head + cells.map(\.databaseValue)))
        }
    }

    /// Content hashes, wire fingerprints and listing (zone and name) of the live rows among `ids`.
    ///
    /// The unary `+` keeps `deleted_at` out of index choices: with sampled
    /// statistics the planner otherwise read every live row of the account
    /// through `servers_overview` for each page, instead of a key lookup per id.
    static func storedHashes(table: String, account: String, ids: [String], in db: Database) throws -> [String: StoredHashes] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: StoredHashes] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, content_hash, wire_hash, zone, listing FROM \(table)
            WHERE account = ? AND id IN (\(placeholders(ids.count))) AND +deleted_at IS NULL
            """, arguments: StatementArguments([account] + ids))
        while let row = try rows.next() {
            result[row[0]] = StoredHashes(content: row[1], wire: row[2], zone: row[3], listing: row[4])
        }
        return result
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
