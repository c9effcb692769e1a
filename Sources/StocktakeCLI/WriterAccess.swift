import ArgumentParser
import StocktakeKit

/// The store opened for writing, as `sync` and `prune` do. A SQLite file: its folder made, the
/// writer lock taken (waiting up to `wait` seconds), the schema migrated. A PostgreSQL database:
/// connected, migrated, the lock of each of `accounts` taken (waiting as long). A held lock exits
/// 75, anything else 1, each with the reason on stderr.
enum WriterAccess {
    /// An open store and what gives it back (the writer lock, or the sessions and their locks).
    struct Opened: Sendable {
        let store: InventoryStore
        let close: @Sendable () async -> Void
    }

    static func open(_ location: StoreLocation, accounts: [String], wait: Int) async throws -> Opened {
        switch location {
        case .sqlite(let path):
            let (lock, database) = try await open(path, wait: wait)
            return Opened(store: .sqlite(database)) { withExtendedLifetime(lock) {} }
        case .postgresql(let database):
            let inventory = try await open(database, accounts: accounts, wait: wait)
            return Opened(store: .postgres(inventory)) { await inventory.close() }
        }
    }

    private static func open(_ path: String, wait: Int) async throws -> (lock: WriterLock, database: InventoryDatabase) {
        do {
            try InventoryDatabase.createDirectory(for: path)
            let lock = try await WriterLock.acquire(database: path, wait: wait)
            return (lock, try InventoryDatabase(path: path))
        } catch let error as SyncError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitCodes.busy)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }

    private static func open(_ location: PostgresLocation, accounts: [String], wait: Int) async throws -> PostgresInventory {
        let inventory: PostgresInventory
        do {
            inventory = try await PostgresInventory.open(location)
        } catch {
            Diagnostics.error(PostgresStore.describe(error))
            throw ExitCode(ExitCodes.failure)
        }
        do {
            try await inventory.lockAccounts(accounts, wait: wait)
            return inventory
        } catch let error as SyncError {
            await inventory.close()
            Diagnostics.error(error.description)
            throw ExitCode(ExitCodes.busy)
        } catch {
            await inventory.close()
            Diagnostics.error(PostgresStore.describe(error))
            throw ExitCode(ExitCodes.failure)
        }
    }
}
