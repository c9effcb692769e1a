import GRDB
import PostgresNIO

/// The applier's connection to PostgreSQL, inside the scope's transaction on the writer's session
/// (a `PostgresSession`, on the apply's own thread), with the scope's stage file beside it.
struct PostgresApplyConnection: ApplyConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// The scope's stage file: its rows are uploaded into temporary tables, and `raw` is compared there.
    let stage: ScopeStageFile

    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [String: DatabaseCell]) throws {
        try PostgresSession(connection: connection, logger: logger).execute(sql, arguments)
    }

    func rows(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> [[DatabaseCell]] {
        try PostgresSession(connection: connection, logger: logger).rows(sql, arguments)
    }

    /// Compares `raw` with SQLite's JSON functions in the stage file, so that the change log says
    /// `raw.KEY` values exactly as on SQLite, and writes the changes found.
    func writeRawChanges(_ applier: ScopeApplier) throws {
        let candidates = try rows(applier.rawCandidatesSQL, applier.arguments)
        guard !candidates.isEmpty else { return }
        let differences = try stage.withDatabase { db -> [[DatabaseValue]] in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS old_raws (id TEXT PRIMARY KEY, old_raw TEXT); DELETE FROM temp.old_raws")
            for candidate in candidates {
                try db.execute(sql: "INSERT OR IGNORE INTO temp.old_raws VALUES (?, ?)", arguments: [candidate[0].text, candidate[1].text])
            }
            let sql = applier.rawDifferences(candidates: "temp.old_raws d", staged: "main.\(applier.spec.stageTable(applier.stage))",
                                             where: "1")
            return try Row.fetchAll(db, sql: sql, arguments: ["stage": applier.stage]).map { Array($0.databaseValues) }
        }
        let fixed: [DatabaseValue] = ["run", "now", "account", "type"].map { applier.arguments[$0]?.databaseValue ?? .null }
        let rows = differences.map { difference in fixed + [difference[0], "updated".databaseValue] + difference[1...] }
        let columns: [PostgresBulkInsert.Column] = [("run_id", false), ("changed_at", true), ("account", true), ("resource_type", true),
                                                    ("resource_id", true), ("kind", true), ("field", true), ("old_value", true),
                                                    ("new_value", true)]
        try BlockingBridge.wait { [connection, logger] in
            try await PostgresBulkInsert(table: "changes", columns: columns).insert(rows, on: connection, logger: logger)
        }
    }

    /// Copies the scope's staged rows (its resources and their child rows) into temporary tables
    /// dropped at the end of the transaction, keyed and analysed as the applier reads them.
    func uploadStage(of spec: ResourceTableSpec) throws {
        let stageNumber = stage.scope
        var tables: [(name: String, columns: [(name: String, type: String)], index: String)] = []
        let resourceColumns = [("scope", "bigint"), ("id", "text")] + spec.declaredColumns.map { ($0.name, Self.type($0.type)) }
            + [("raw", "text")] + (spec.hasRuntime ? [("runtime", "text")] : []) + [("content_hash", "bigint"), ("wire_hash", "bigint")]
        tables.append((spec.stageTable(stageNumber), resourceColumns, "id"))
        for child in spec.children {
            let columns = [("scope", "bigint"), ("parent_row", "bigint")]
                + [child.discriminator?.column].compactMap { $0.map { ($0, "text") } }
                + [(child.parentColumn, "text"), (child.keyColumn, "text")] + child.declaredAttributes.map { ($0.name, Self.type($0.type)) }
            tables.append((child.stageTable(stageNumber), columns, "\(child.parentColumn), \(child.keyColumn)"))
        }
        for table in tables {
            try execute("""
                CREATE TEMP TABLE \(table.name) (\(table.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", "))) ON COMMIT DROP
                """, [:])
            let names = table.columns.map(\.name).joined(separator: ", ")
            let insert = PostgresBulkInsert(table: "pg_temp.\(table.name)", columns: table.columns.map { ($0.name, $0.type == "text") })
            var last: Int64 = .min
            while true {
                let after = last
                let batch = try stage.withDatabase { db -> [Row] in
                    try Row.fetchAll(db, sql: "SELECT rowid AS stocktake_rowid, \(names) FROM \(table.name) WHERE rowid > ? ORDER BY rowid LIMIT 2000",
                                     arguments: [after])
                }
                guard let lastRow = batch.last else { break }
                last = lastRow["stocktake_rowid"]
                let rows = batch.map { row in (1...table.columns.count).map { row[$0] as DatabaseValue } }
                try BlockingBridge.wait { [connection, logger] in
                    try await insert.insert(rows, on: connection, logger: logger)
                }
            }
            try execute("CREATE INDEX ON pg_temp.\(table.name) (\(table.index));\nANALYZE pg_temp.\(table.name)", [:])
        }
    }

    private static func type(_ type: ColumnType) -> String {
        switch type {
        case .text: return "text"
        case .integer: return "bigint"
        }
    }
}
