import ArgumentParser
import StocktakeKit

/// The database opened for writing, as `sync` and `prune` do: its folder made, the writer
/// lock taken (waiting up to `wait` seconds), the schema migrated. A held lock exits 75,
/// anything else 1, each with the reason on stderr.
enum WriterAccess {
    static func open(_ path: String, wait: Int) async throws -> (lock: WriterLock, database: InventoryDatabase) {
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

    /// The shared PostgreSQL inventory opened for a sync of `accounts`: connected, migrated, each
    /// account's lock taken (waiting up to `wait` seconds for the syncs holding them: exit 75).
    static func open(_ location: PostgresLocation, accounts: [String], wait: Int) async throws -> PostgresInventory {
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
