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
}
