import GRDB
import PostgresNIO

/// The applier's connection to PostgreSQL, inside the scope's transaction on the writer's session
/// (a `PostgresSession`, on the apply's own thread), with the scope's stage file beside it.
///
/// Statements that return nothing are held back and sent together, as one `DO` block, when an
/// answer is needed (a query, an upload, the end of the transaction): a scope's forty-odd
/// statements cost a handful of round trips. An error in them still fails the transaction.
final class PostgresApplyConnection: ApplyConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// The scope's stage file: its rows are uploaded into temporary tables, and `raw` is compared there.
    let stage: ScopeStageFile
    /// Statements not sent yet, their values written in.
    private var pending: [String] = []

    init(connection: PostgresConnection, logger: Logger, stage: ScopeStageFile) {
        self.connection = connection
        self.logger = logger
        self.stage = stage
    }

    var dialect: SQLDialect { .postgres }

    private var session: PostgresSession { PostgresSession(connection: connection, logger: logger) }

    func execute(_ sql: String, _ arguments: [String: DatabaseCell]) throws {
        for statement in PostgresSession.statements(sql) {
            pending.append(try PostgresSession.inlined(statement, arguments))
        }
    }

    func rows(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> [[DatabaseCell]] {
        try flush()
        return try session.rows(sql, arguments)
    }

    /// Sends the statements held back, in one round trip.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let block = pending.count == 1 ? pending[0] : "DO $stocktake$ BEGIN\n" + pending.map { $0 + ";\n" }.joined() + "END $stocktake$"
        pending.removeAll()
        try session.executeWhole(block)
    }

    /// Starts, ends or undoes the scope's transaction (never inside a block).
    func transaction(_ command: String) throws {
        if command == "ROLLBACK" { pending.removeAll() } else { try flush() }
        try session.execute(command, [:])
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
        try flush()
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
        }
        try flush()
        for table in tables {
            let copied = try upload(table.name, columns: table.columns)
            // A small table is read whole faster than through an index, and needs no statistics for that.
            if copied >= Self.indexedRows {
                try execute("CREATE INDEX ON pg_temp.\(table.name) (\(table.index));\nANALYZE pg_temp.\(table.name)", [:])
            }
        }
    }

    /// Staged rows from which a temporary table gets an index and statistics.
    static let indexedRows = 500

    /// Copies one staged table into its temporary twin, in batches; returns the rows copied.
    private func upload(_ table: String, columns: [(name: String, type: String)]) throws -> Int {
        let names = columns.map(\.name).joined(separator: ", ")
        let insert = PostgresBulkInsert(table: table, columns: columns.map { ($0.name, $0.type == "text") })
        var last: Int64 = .min
        var copied = 0
        while true {
            let after = last
            let batch = try stage.withDatabase { db -> [Row] in
                try Row.fetchAll(db, sql: "SELECT rowid AS stocktake_rowid, \(names) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT 2000",
                                 arguments: [after])
            }
            guard let lastRow = batch.last else { return copied }
            last = lastRow["stocktake_rowid"]
            let rows = batch.map { row in (1...columns.count).map { row[$0] as DatabaseValue } }
            try BlockingBridge.wait { [connection, logger] in
                try await insert.insert(rows, on: connection, logger: logger)
            }
            copied += rows.count
        }
    }

    private static func type(_ type: ColumnType) -> String {
        switch type {
        case .text: return "text"
        case .integer: return "bigint"
        }
    }
}
