import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake migrate-store --from FILE --to URL`: move an inventory, history and all, into PostgreSQL.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy a SQLite inventory with its whole history (runs, versions, changes) into an empty PostgreSQL database.",
        discussion: """
            The copy is taken from a consistent snapshot of the file (syncs into it may go on; what they \
            apply after the snapshot is not copied), and goes in one transaction: all of it or nothing. Run \
            numbers go on after the copied ones, so `--as-of` answers the same on the copy. The PostgreSQL \
            database must hold no inventory yet (its schema is created when missing). Afterwards point \
            `database:` (or STOCKTAKE_DB) at the URL. Exit codes: 0 copied; 1 the copy failed (nothing was \
            written) or the database already holds an inventory; 64 bad arguments.

            Examples:
              stocktake migrate-store --from ~/.local/share/stocktake/inventory.sqlite --to postgresql://stocktake@db.example/inventory
              PGPASSWORD=... stocktake migrate-store --from inventory.sqlite --to 'postgresql://ops@/inventory?host=/var/run/postgresql'
            """
    )

    @Option(help: "The SQLite inventory to copy.", completion: .file())
    var from: String

    @Option(help: "The PostgreSQL database to copy into (postgresql://user@host:port/dbname; the password from PGPASSWORD or ~/.pgpass).")
    var to: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: from) else {
            throw ValidationError("--from: there is no file \(from); name the SQLite inventory `stocktake sync` writes")
        }
        guard case .postgresql = try? StoreLocation(to) else {
            throw ValidationError("--to must be a PostgreSQL URL (postgresql://user@host:port/dbname), not \(PostgresLocation.redacted(to))")
        }
    }

    func run() async throws {
        guard case .postgresql(let location) = try StoreLocation.given(to) else { throw ExitCode.validationFailure }
        let snapshot = (from as NSString).deletingLastPathComponent.appending("/.\((from as NSString).lastPathComponent).migrate-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: snapshot) }
        do {
            let summary = try InventoryBackup.copy(from: from, to: snapshot, overwrite: true)
            let store = try await PostgresStore.connect(location, environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory())
            let copied: [String: Int]
            do {
                copied = try await InventoryCopier(from: snapshot, to: store).copy()
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
            let rows = copied.values.reduce(0, +)
            Diagnostics.write("""
                copied \(from) through run \(summary.lastRun.map { "#\($0)" } ?? "none") into \(location): \(copied["sync_runs"] ?? 0) runs, \
                \(copied["changes"] ?? 0) changes, \(rows) rows in \(copied.count) tables; point `database:` (or STOCKTAKE_DB) at \(location)
                """)
        } catch {
            Diagnostics.error(PostgresStore.describe(error))
            throw ExitCode(ExitCodes.failure)
        }
    }
}
