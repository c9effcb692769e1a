import Foundation
import GRDB
import Logging
import PostgresNIO
import Reliability
@testable import StocktakeKit
import Testing

/// A throwaway PostgreSQL cluster for tests: `STOCKTAKE_TEST_POSTGRES_URL` (CI starts one with
/// `scripts/postgres-cluster.sh`; so can anyone). Under CI its absence fails the tests; elsewhere
/// they are skipped with the reason.
enum TestPostgres {
    static let url = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES_URL"]
    static var enabled: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }
    static let skipReason: Comment = "needs STOCKTAKE_TEST_POSTGRES_URL (scripts/postgres-cluster.sh start DIR prints one)"

    /// A new, empty database on the test cluster, dropped after `body`.
    static func withDatabase<Result: Sendable>(_ body: (PostgresLocation) async throws -> Result) async throws -> Result {
        let url = try #require(url, "CI must export STOCKTAKE_TEST_POSTGRES_URL (see .ci/run)")
        return try await ScratchDatabase.with(url, body)
    }
}

@Suite("PostgreSQL store: connection and schema", .serialized)
struct PostgresStoreTests {
    /// (table, column, type) rows of a PostgreSQL database's base tables.
    static func columns(_ store: PostgresStore) async throws -> Set<String> {
        var rows: Set<String> = []
        let query: PostgresQuery = """
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> 'stocktake_migrations'
              AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')
            """
        for try await (table, column, type) in try await store.connection.query(query, logger: store.logger).decode((String, String, String).self) {
            rows.insert("\(table).\(column) \(type)")
        }
        return rows
    }

    /// The same for SQLite's schema after every migration, its types mapped as documented.
    static func sqliteColumns() throws -> Set<String> {
        let queue = try DatabaseQueue()
        try InventoryMigrations.migrator.migrate(queue)
        return try queue.read { db in
            var rows: Set<String> = []
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
            for table in tables {
                for column in try db.columns(in: table) {
                    let type = switch column.type.uppercased() {
                    case "INTEGER": "bigint"
                    case "REAL": "double precision"
                    default: "text"
                    }
                    rows.insert("\(table).\(column.name) \(type)")
                }
            }
            return rows
        }
    }

    @Test("Migrating twice builds SQLite's tables, columns and views once, in PostgreSQL's types",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func schemaMatchesSQLite() async throws {
        try await TestPostgres.withDatabase { location in
            let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.appliedMigrations() == Set(PostgresMigrations.all.map(\.name)))
            let postgres = try await Self.columns(store)
            let sqlite = try Self.sqliteColumns()
            #expect(postgres == sqlite, "only in PostgreSQL: \(postgres.subtracting(sqlite)); only in SQLite: \(sqlite.subtracting(postgres))")
            var views: Set<String> = []
            let query: PostgresQuery = "SELECT table_name::text FROM information_schema.views WHERE table_schema = 'public'"
            for try await name in try await store.connection.query(query, logger: store.logger).decode(String.self) { views.insert(name) }
            #expect(views == Set(CurrentViews.definitions.map(\.name)))
            try await store.close()
        }
    }

    @Test("Run numbers come from the database: two connections inserting runs in turn get increasing numbers",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func runNumbersFromASequence() async throws {
        try await TestPostgres.withDatabase { location in
            let first = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            try await first.migrate()
            let second = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            var numbers: [Int64] = []
            for store in [first, second, first, second] {
                let query: PostgresQuery = """
                    INSERT INTO sync_runs (started_at, status, accounts) VALUES ('2026-12-05T00:00:00.000Z', 'running', 'a') RETURNING id
                    """
                for try await id in try await store.connection.query(query, logger: store.logger).decode(Int64.self) { numbers.append(id) }
            }
            #expect(numbers == [1, 2, 3, 4])
            try await first.close()
            try await second.close()
        }
    }

    /// Every row of `table` as text, sorted: SQLite's values as they print, doubles to 6 places.
    static func sqliteRows(_ table: String, columns: [(name: String, isText: Bool)], path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let types = Dictionary(uniqueKeysWithValues: try db.columns(in: table).map { ($0.name, $0.type.uppercased()) })
            let selects = columns.map { types[$0.name] == "REAL" ? "printf('%.6f', \($0.name))" : $0.name }
            return try Row.fetchAll(db, sql: "SELECT \(selects.joined(separator: ", ")) FROM \(table)").map { row in
                (0..<columns.count).map { index -> String in
                    let value = row[index] as DatabaseValue
                    return value.isNull ? "∅" : ResultFormat.plain(value)
                }.joined(separator: "|")
            }.sorted()
        }
    }

    /// The same rows as PostgreSQL holds them.
    static func postgresRows(_ table: String, columns: [(name: String, isText: Bool)], store: PostgresStore) async throws -> [String] {
        var types: [String: String] = [:]
        let query: PostgresQuery = "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_name = \(table)"
        for try await (name, type) in try await store.connection.query(query, logger: store.logger).decode((String, String).self) {
            types[name] = type
        }
        let selects = columns.map { column in
            types[column.name] == "double precision" ? "round(\(column.name)::numeric, 6)::text" : "\(column.name)::text"
        }
        var rows: [String] = []
        let select = PostgresQuery(unsafeSQL: "SELECT concat_ws('|', \(selects.map { "COALESCE(\($0), '∅')" }.joined(separator: ", "))) FROM \(table)")
        for try await row in try await store.connection.query(select, logger: store.logger).decode(String.self) { rows.append(row) }
        return rows.sorted()
    }

    @Test("A synced SQLite inventory copies into PostgreSQL row for row, history and all; the run numbers go on after it",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func copyInventory() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            _ = try harness.simulator.advanceEpoch(churn: 0.1)
            try await harness.sync()
            _ = try harness.simulator.advanceEpoch(churn: 0.1)
            try await harness.sync()
            try await TestPostgres.withDatabase { location in
                let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
                let copied = try await InventoryCopier(from: harness.databasePath, to: store).copy()
                #expect(copied["sync_runs"] == 3 && (copied["changes"] ?? 0) > 0 && (copied["servers_history"] ?? 0) > 0)
                for (table, columns) in try await store.tables() {
                    let sqlite = try Self.sqliteRows(table, columns: columns, path: harness.databasePath)
                    let postgres = try await Self.postgresRows(table, columns: columns, store: store)
                    #expect(sqlite.count == postgres.count && sqlite == postgres, "\(table): \(sqlite.count) rows in SQLite, \(postgres.count) in PostgreSQL")
                }
                let next: PostgresQuery = """
                    INSERT INTO sync_runs (started_at, status, accounts) VALUES ('2026-12-05T00:00:00.000Z', 'running', 'a') RETURNING id
                    """
                var id: Int64 = 0
                for try await value in try await store.connection.query(next, logger: store.logger).decode(Int64.self) { id = value }
                #expect(id == 4, "the next run after the copied three")
                await #expect(throws: PostgresStoreError.self) { try await InventoryCopier(from: harness.databasePath, to: store).copy() }
                try await store.close()
            }
        }
    }

    @Test("A server that is not there is an error that names the URL, never its password",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func unreachable() async throws {
        let location = try PostgresLocation(url: "postgresql://ops:hunter2@/inventory?host=/nonexistent-\(UUID().uuidString)")
        do {
            _ = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            Issue.record("connected to nothing")
        } catch {
            let message = "\(error)"
            #expect(message.contains("postgresql://ops@/inventory") && !message.contains("hunter2"), "\(message)")
        }
    }

    @Test("COPY writes every text as it is: backslashes, tabs, line breaks, \\N, quotes, NULL and non-ASCII",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func copyEscapes() async throws {
        try await TestPostgres.withDatabase { location in
            let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            try await store.execute("CREATE TABLE copied (n bigint, t text)")
            let texts: [String?] = ["a\\b", "tab\there", "line\nbreak\r\n", "\\N", "it's \"quoted\"", nil, "Zürich 🚀", "", "\\\\t"]
            let rows = texts.enumerated().map { [DatabaseValue(value: Int64($0.offset)) ?? .null, $0.element.databaseValue] }
            try await PostgresBulkInsert(table: "copied", columns: [("n", false), ("t", true)]).insert(rows, on: store.connection, logger: store.logger)
            let back = try await store.textRows("SELECT t FROM copied ORDER BY n").map { $0[0] }
            #expect(back == texts)
            try await store.close()
        }
    }
}
