import Foundation
import GRDB
@testable import StocktakeKit
import Testing

/// Reads are read-only because SQLite enforces it, whatever the SQL text says.
@Suite("Read-only, enforced by SQLite")
struct ReadOnlyTests {
    /// (statement, the words its refusal must carry).
    static let refused: [(String, String)] = [
        ("BEGIN", "transactions and savepoints"),
        ("BEGIN DEFERRED", "transactions and savepoints"),
        ("BEGIN IMMEDIATE TRANSACTION", "transactions and savepoints"),
        ("SAVEPOINT a", "transactions and savepoints"),
        ("COMMIT", "transactions and savepoints"),
        ("-- a comment first\nATTACH DATABASE '/tmp/stocktake-attack.sqlite' AS o", "ATTACH and DETACH"),
        ("/* x */ ATTACH ':memory:' AS m", "ATTACH and DETACH"),
        ("  \n DELETE FROM servers", "would change rows of servers"),
        ("WITH x AS (SELECT 1) INSERT INTO accounts (name) SELECT * FROM x", "would change rows of accounts"),
        ("PRAGMA query_only = 0", "PRAGMA query_only with a value"),
        ("PRAGMA writable_schema = ON", "PRAGMA writable_schema with a value"),
        ("pragma journal_mode=delete", "PRAGMA journal_mode with a value"),
        ("CREATE TEMP VIEW v AS SELECT 1", "would change the database"),
        ("CREATE INDEX i ON servers(name)", "would change the database"),
        ("ANALYZE", "would change the database"),
        ("VACUUM", "the statement would write"),
        ("VACUUM INTO '/tmp/stocktake-vacuum-copy.sqlite'", "the statement would write"),
        ("SELECT load_extension('/tmp/x')", "load_extension"),
    ]

    @Test("Each write, transaction, attachment or setting is refused with its own reason; the file is byte-identical",
          arguments: refused)
    func refusals(statement: String, reason: String) async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath))
        for asOf in [nil, "1"] as [String?] {
            let inventory = try ReadOnlyInventory(path: fixture.databasePath, asOf: asOf)
            do {
                _ = try inventory.execute(statement)
                Issue.record("\(statement) was run")
            } catch let error as QueryError {
                // As of a run, the resource tables are views: SQLite refuses to write or index one before
                // any authorizer is asked. Any other refusal must be the read-only one.
                if asOf != nil, case .badSQL(let message) = error, message.contains("view") { continue }
                guard case .notReadOnly(let what) = error else {
                    Issue.record("not a read-only refusal: \(error)")
                    continue
                }
                #expect(what.contains(reason), "\(what)")
                #expect(error.description.hasPrefix("read-only: "))
            }
            // The connection is still usable: no transaction was left open.
            #expect(try inventory.execute("SELECT COUNT(*) FROM servers").rows.count == 1)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath)) == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/stocktake-attack.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/stocktake-vacuum-copy.sqlite"))
    }

    @Test("Every table of every resource kind has a history twin, and as of a run a view with its columns in its order")
    func asOfViewsCoverEveryKind() async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let inventory = try ReadOnlyInventory(path: fixture.databasePath, asOf: "1")
        for table in ResourceTableSpec.allTables.map(\.table) {
            let main = try inventory.execute("SELECT name FROM pragma_table_info('\(table)', 'main') ORDER BY cid").rows
            let view = try inventory.execute("SELECT name FROM pragma_table_info('\(table)', 'temp') ORDER BY cid").rows
            let history = try inventory.execute("SELECT COUNT(*) FROM pragma_table_info('\(table)_history', 'main')").rows
            #expect(!main.isEmpty && view == main, "\(table)")
            #expect(history.first?.first != DatabaseValue(value: Int64(0)), "\(table) has a history twin")
        }
    }

    @Test("Statements that only read are allowed, PRAGMAs that read included", arguments: [
        "PRAGMA journal_mode", "PRAGMA table_info(servers)", "PRAGMA user_version", "SELECT json_extract(raw, '$.name') FROM servers LIMIT 1",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n",
        "EXPLAIN QUERY PLAN SELECT * FROM servers",
    ])
    func reads(statement: String) async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let inventory = try ReadOnlyInventory(path: fixture.databasePath)
        #expect(try inventory.execute(statement).rows.count >= 1)
    }

    @Test("Read commands never create, migrate or convert a file")
    func openingNeverWrites() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let foreign = directory.appendingPathComponent("foreign.sqlite").path
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE notes (x); INSERT INTO notes VALUES (1)") }
        for path in [empty, foreign] {
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect { try ReadOnlyInventory(path: path) } throws: { error in
                (error as? InventoryError).map { "\($0)".contains("is not a Stocktake database") } ?? false
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(path) unchanged")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
        // A sync refuses the foreign file too, before touching it; an empty file it may take.
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        #expect { try InventoryDatabase(path: foreign) } throws: { error in
            (error as? InventoryError).map { "\($0)".contains("is not a Stocktake database") } ?? false
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        _ = try InventoryDatabase(path: empty)
        _ = try ReadOnlyInventory(path: empty)
    }

    @Test("An older schema asks for a sync to upgrade it; a newer one is refused by reads and by sync")
    func schemaVersions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let older = directory.appendingPathComponent("older.sqlite").path
        let queue = try DatabaseQueue(path: older)
        try InventoryMigrations.migrator.migrate(queue, upTo: "v3-overview-indexes")
        try queue.close()
        #expect { try ReadOnlyInventory(path: older) } throws: { error in
            (error as? InventoryError).map { "\($0)".contains("run `stocktake sync` to upgrade it") } ?? false
        }
        _ = try InventoryDatabase(path: older)
        _ = try ReadOnlyInventory(path: older)

        let newer = directory.appendingPathComponent("newer.sqlite").path
        _ = try InventoryDatabase(path: newer)
        try DatabaseQueue(path: newer).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        for open in [{ _ = try ReadOnlyInventory(path: newer) }, { _ = try InventoryDatabase(path: newer) }] as [() throws -> Void] {
            #expect { try open() } throws: { error in
                (error as? InventoryError).map { "\($0)".contains("written by a newer version") } ?? false
            }
        }
    }

    @Test("A database in a folder that is not writable is read as an unchanging file, and says so")
    func readOnlyFolder() async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = directory.appendingPathComponent("inventory.sqlite").path
        // A consistent copy in WAL mode, as a sync leaves it, without its -shm.
        var readOnly = Configuration()
        readOnly.readonly = true
        let source = try DatabaseQueue(path: fixture.databasePath, configuration: readOnly)
        try source.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        let target = try DatabaseQueue(path: copy)
        try target.inDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try target.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            try? FileManager.default.removeItem(at: directory)
        }
        // Root may write anywhere, and then SQLite opens the file as it is; another user is told of the folder.
        let inventory = try ReadOnlyInventory(path: copy)
        if access(directory.path, W_OK) != 0 {
            #expect(inventory.notice?.contains("is not writable") == true, "\(inventory.notice ?? "no notice")")
        }
        #expect(try inventory.execute("SELECT COUNT(*) FROM servers").rows.count == 1)
    }
}
