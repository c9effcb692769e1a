import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake backup PATH`: a consistent copy of the database, safe while syncs run.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file, consistently, while syncs and reads go on.",
        discussion: """
            The copy holds the inventory as of one moment (a sync in progress is in it up to its last \
            applied scope, each scope whole), is checked with SQLite's integrity check, and appears at PATH \
            only once complete. It never blocks a sync. To restore: stop syncs (disable the timer or cron \
            entry), then copy the backup over the database and remove the database's -wal and -shm files.

            Examples:
              stocktake backup /var/backups/stocktake-$(date +%F).sqlite
              stocktake backup --force /var/backups/stocktake-latest.sqlite
            """
    )

    @Argument(help: "The file to write (its folder must exist).", completion: .file())
    var path: String

    @Flag(help: "Replace PATH if it exists.")
    var force = false

    @OptionGroup var read: ReadOptions

    func run() throws {
        guard case .sqlite(let source) = try read.store else {
            Diagnostics.error("\(try read.store) is a PostgreSQL inventory: back it up with pg_dump, e.g. pg_dump -Fc '\(try read.store)' > inventory.dump")
            throw ExitCode.validationFailure
        }
        let summary = try reporting { try InventoryBackup.copy(from: source, to: path, overwrite: force) }
        let size = ByteCountFormatter.string(fromByteCount: summary.bytes, countStyle: .file)
        Diagnostics.write("""
            \(summary.path): \(size), through run \(summary.lastRun.map { "#\($0)" } ?? "none"); \
            to restore, stop syncs, then: cp \(summary.path) \(source) && rm -f \(source)-wal \(source)-shm
            """)
    }
}
