import GRDB
@testable import StocktakeKit
import Testing

/// The migrations keep the SQL they ran; the declarations say what the sync writes today. A database
/// built by every migration from v1 must hold exactly the tables, columns and views the declarations
/// call for, so that a changed declaration without a new migration fails here.
@Suite("Migrations against the declarations")
struct MigrationTests {
    /// A database made by running every migration from v1, one at a time, as upgrades over the
    /// years would have run them.
    static func migratedOneByOne() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        let migrator = InventoryMigrations.migrator
        for name in migrator.migrations {
            try migrator.migrate(queue, upTo: name)
        }
        return queue
    }

    /// (column, declared type) of a table as SQLite reports it.
    static func columns(of table: String, in db: Database) throws -> Set<String> {
        Set(try db.columns(in: table).map { "\($0.name) \($0.type.uppercased())" })
    }

    static func typed(_ columns: [ColumnDeclaration]) -> [String] {
        columns.map { "\($0.name) \($0.type.rawValue)" }
    }

    /// Whitespace collapsed, so that a frozen literal's line breaks do not count.
    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    }

    @Test("every resource table and its history twin hold the declared columns")
    func resourceTables() throws {
        let queue = try Self.migratedOneByOne()
        try queue.read { db in
            for spec in ResourceTableSpec.all {
                let shared = ["account TEXT", "id TEXT", "provider TEXT", "zone TEXT", "listing TEXT", "first_seen TEXT",
                              "raw TEXT"]
                let current = shared + Self.typed(spec.declaredColumns) + [
                    "first_seen_run INTEGER", "deleted_at TEXT", "content_hash INTEGER", "wire_hash INTEGER",
                ] + (spec.hasRuntime ? ["runtime TEXT"] : [])
                let history = shared + Self.typed(spec.declaredColumns) + [
                    "valid_from_run INTEGER", "valid_from TEXT", "valid_to_run INTEGER", "valid_to TEXT",
                ]
                let stored = try Self.columns(of: spec.table, in: db)
                let storedHistory = try Self.columns(of: spec.table + "_history", in: db)
                #expect(stored == Set(current), "\(spec.table)")
                #expect(storedHistory == Set(history), "\(spec.table)_history")
            }
        }
    }

    @Test("every child table and its history twin hold the declared columns")
    func childTables() throws {
        let queue = try Self.migratedOneByOne()
        try queue.read { db in
            for child in ResourceTableSpec.allChildren {
                let key = child.key.components(separatedBy: ", ").map { "\($0) TEXT" }
                let current = key + Self.typed(child.declaredAttributes)
                let history = current + ["valid_from_run INTEGER", "valid_from TEXT", "valid_to_run INTEGER", "valid_to TEXT"]
                let stored = try Self.columns(of: child.table, in: db)
                let storedHistory = try Self.columns(of: child.table + "_history", in: db)
                #expect(stored == Set(current), "\(child.table)")
                #expect(storedHistory == Set(history), "\(child.table)_history")
            }
        }
    }

    @Test("the stored current_* views are the ones the table specs define")
    func currentViews() throws {
        let queue = try Self.migratedOneByOne()
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name")
        }
        let storedByName = Dictionary(uniqueKeysWithValues: stored.map { (($0["name"] as String), Self.normalized($0["sql"])) })
        let declared = Dictionary(uniqueKeysWithValues: CurrentViews.definitions.map {
            ($0.name, Self.normalized("CREATE VIEW \($0.name) AS \($0.select)"))
        })
        #expect(Set(storedByName.keys) == Set(declared.keys))
        for (name, sql) in declared {
            #expect(storedByName[name] == sql, "\(name)")
        }
    }

}
