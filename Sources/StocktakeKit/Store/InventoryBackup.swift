import Foundation
import GRDB

/// A consistent copy of the inventory taken while syncs and reads go on.
///
/// The copy is SQLite's `VACUUM INTO` from a read-only connection: one read
/// transaction, so it holds exactly the state of one moment (every scope all
/// before or all after its sync's transaction), and it never blocks a sync (in
/// WAL mode a reader and the writer do not wait on each other). It is written
/// beside the destination under a temporary name, checked, and renamed: the
/// destination is either the old file or the whole new copy.
public enum InventoryBackup {
    /// What a backup wrote.
    public struct Summary: Sendable, Equatable {
        public var path: String
        public var bytes: Int64
        /// The newest run the copy holds (nil when no sync had run).
        public var lastRun: Int64?
    }

    /// Copies the inventory at `source` to `destination`; an existing destination is
    /// replaced only with `overwrite`.
    public static func copy(from source: String, to destination: String, overwrite: Bool) throws -> Summary {
        guard FileManager.default.fileExists(atPath: source) else { throw InventoryError.missing(path: source) }
        if FileManager.default.fileExists(atPath: destination), !overwrite {
            throw InventoryError.backupExists(path: destination)
        }
        let directory = (destination as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((destination as NSString).lastPathComponent).\(getpid()).partial"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(30)
            let queue = try DatabaseQueue(path: source, configuration: configuration)
            try queue.read { db in try SchemaCompatibility.of(db).check(path: source, writing: false) }
            // VACUUM cannot run inside a transaction: it makes its own read transaction.
            try queue.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [temporary]) }
            try queue.close()
            let lastRun = try verify(temporary)
            guard rename(temporary, destination) == 0 else {
                throw InventoryError.backupFailed(path: destination, reason: String(cString: strerror(errno)))
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int64) ?? nil
            return Summary(path: destination, bytes: bytes ?? 0, lastRun: lastRun)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            if error is InventoryError { throw error }
            throw InventoryError.backupFailed(path: destination, reason: "\(error)")
        }
    }

    /// Opens the copy, checks its integrity, and returns its newest run.
    private static func verify(_ path: String) throws -> Int64? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.write { db in
            // The copy stands alone: no WAL beside it, whatever the source used.
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            let check = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer"
            guard check == "ok" else { throw InventoryError.backupFailed(path: path, reason: "the copy fails its integrity check: \(check)") }
            return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM sync_runs")
        }
    }
}
