import GRDB
import PostgresNIO

/// Copies a SQLite inventory with its whole history (runs, scopes, versions, changes, prunes) into
/// an empty PostgreSQL one, table by table, in one transaction: all of it or nothing. Rows go in
/// multi-row INSERTs, never one round trip per row; the identity sequences continue after the
/// copied run, scope and change numbers. The groundwork of `migrate-store`.
public struct InventoryCopier {
    /// Rows per batch read from SQLite.
    static let batchRows = 2_000

    let source: String
    let store: PostgresStore

    public init(from sqlitePath: String, to store: PostgresStore) {
        source = sqlitePath
        self.store = store
    }

    /// Copies every table the PostgreSQL schema has; returns the rows copied per table.
    @discardableResult
    public func copy() async throws -> [String: Int] {
        try await store.migrate()
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: source, configuration: configuration)
        try await queue.read { [source] db in try SchemaCompatibility.of(db).check(path: source, writing: false) }
        let tables = try await store.tables()
        guard try await store.count("sync_runs") == 0 else {
            throw PostgresStoreError.notEmpty(store.location.description)
        }
        var copied: [String: Int] = [:]
        try await store.execute("BEGIN")
        do {
            for (table, columns) in tables {
                copied[table] = try await copy(table, columns: columns, from: queue)
            }
            for table in ["sync_runs", "sync_scopes", "changes", "prunes"] {
                try await store.execute("""
                    SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM \(table)
                    """)
            }
            try await store.execute("COMMIT")
        } catch {
            try? await store.execute("ROLLBACK")
            throw error
        }
        return copied
    }

    /// Copies one table in batches of rows, in rowid order.
    private func copy(_ table: String, columns: [(name: String, isText: Bool)], from queue: DatabaseQueue) async throws -> Int {
        let names = columns.map(\.name).joined(separator: ", ")
        var last: Int64 = .min
        var total = 0
        while true {
            let after = last
            let (rows, lastRowID) = try await queue.read { db -> ([[DatabaseValue]], Int64?) in
                let rows = try Row.fetchAll(db, sql: "SELECT rowid AS stocktake_rowid, \(names) FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                            arguments: [after, Self.batchRows])
                return (rows.map { row in (1...columns.count).map { row[$0] as DatabaseValue } }, rows.last?["stocktake_rowid"])
            }
            guard let lastRowID else { return total }
            last = lastRowID
            try await PostgresBulkInsert(table: table, columns: columns).insert(rows, on: store.connection, logger: store.logger)
            total += rows.count
        }
    }
}

extension PostgresStore {
    /// Every base table of the inventory, with its columns in order and whether each is text.
    func tables() async throws -> [(table: String, columns: [(name: String, isText: Bool)])] {
        let query: PostgresQuery = """
            SELECT c.table_name::text, c.column_name::text, c.data_type::text FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'stocktake_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """
        var order: [String] = []
        var columns: [String: [(name: String, isText: Bool)]] = [:]
        for try await (table, column, type) in try await connection.query(query, logger: logger).decode((String, String, String).self) {
            if columns[table] == nil { order.append(table) }
            columns[table, default: []].append((column, type == "text"))
        }
        return order.map { ($0, columns[$0] ?? []) }
    }

    /// The number of rows of `table` (a name from the schema, never from outside).
    func count(_ table: String) async throws -> Int64 {
        var total: Int64 = 0
        for try await count in try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: logger)
            .decode(Int64.self) {
            total = count
        }
        return total
    }
}
