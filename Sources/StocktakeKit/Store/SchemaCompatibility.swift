import GRDB

/// How a database file's schema stands against the migrations this build knows.
enum SchemaCompatibility: Equatable {
    /// Nothing in it: a file a sync may turn into an inventory.
    case empty
    /// An inventory with every migration this build knows, and no other.
    case current
    /// An inventory that misses migrations this build knows: a sync upgrades it.
    case older
    /// An inventory with migrations this build does not know: written by a newer version.
    case newer
    /// A SQLite file holding something else.
    case foreign

    /// Reads the schema's state without writing anything.
    static func of(_ db: Database) throws -> SchemaCompatibility {
        let tables = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
        guard tables > 0 else { return .empty }
        guard try db.tableExists("grdb_migrations"), try db.tableExists("sync_runs") else { return .foreign }
        let migrator = InventoryMigrations.migrator
        if try migrator.hasBeenSuperseded(db) { return .newer }
        return try migrator.hasCompletedMigrations(db) ? .current : .older
    }

    /// Throws the error a command reports for a file it cannot use; `writing` for a sync, which may upgrade.
    func check(path: String, writing: Bool) throws {
        switch self {
        case .current: return
        case .empty: if !writing { throw InventoryError.notAnInventory(path: path) }
        case .older: if !writing { throw InventoryError.olderSchema(path: path) }
        case .newer: throw InventoryError.newerSchema(path: path)
        case .foreign: throw InventoryError.notAnInventory(path: path)
        }
    }
}
