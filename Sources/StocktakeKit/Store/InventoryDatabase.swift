import Foundation
import GRDB

/// The inventory: one SQLite file in WAL mode with foreign keys on, migrated on open.
///
/// Every write method is one transaction. Readers in other processes see the
/// last committed state while a sync writes.
public final class InventoryDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and runs the migrations.
    ///
    /// Only a sync opens a database this way. A file that is not empty must be a
    /// Stocktake inventory of this version or an older one (which is upgraded);
    /// anything else is refused before it is touched.
    public init(path: String) throws {
        self.path = path
        try Self.createDirectory(for: path)
        try Self.checkBeforeWriting(path)
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try InventoryMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw InventoryError.notAnInventory(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw InventoryError.diskFull(path: path)
        } catch let error as DatabaseError {
            throw InventoryError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Creates the database's folder (mode 0700, as it will hold an account's
    /// inventory) when it does not exist; refuses a path that is a directory.
    public static func createDirectory(for path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InventoryError.isDirectory(path: path)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            let reason = error.localizedDescription
            throw InventoryError.cannotCreateDirectory(path: folder, reason: reason)
        }
    }

    /// Reads an existing file's schema without changing it, and refuses what a sync must not write into.
    private static func checkBeforeWriting(_ path: String) throws {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        // Readers opening and closing the file at this moment (a report or `check` from the same
        // cron minute) hold its locks for an instant: wait for them, as the pool below does.
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try SchemaCompatibility.of(db).check(path: path, writing: true) }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw InventoryError.notAnInventory(path: path)
        }
    }

    /// The current time as stored: ISO-8601 UTC with milliseconds.
    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    // MARK: Runs

    /// Records the accounts and starts a numbered run; runs left `running` by a killed sync become `interrupted`.
    func beginRun(accounts: [AccountConfiguration]) async throws -> (run: Int64, startedAt: String) {
        let now = Self.timestamp()
        removeStageDirectory()
        return try await pool.write { db in
            try db.execute(sql: "UPDATE sync_runs SET status = 'interrupted' WHERE status = 'running'")
            for account in accounts {
                try db.execute(sql: """
                    INSERT INTO accounts (name, provider, endpoint, scopes, first_seen) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, endpoint = excluded.endpoint,
                                                     scopes = excluded.scopes
                    """, arguments: [account.name, account.provider.rawValue, account.apiURL,
                                     account.zones.joined(separator: ","), now])
            }
            try db.execute(sql: "INSERT INTO sync_runs (started_at, status, accounts) VALUES (?, 'running', ?)",
                           arguments: [now, accounts.map(\.name).joined(separator: ",")])
            return (db.lastInsertedRowID, now)
        }
    }

    /// Closes a run: `ok`, `partial` or `failed` from its scopes, or `interrupted`
    /// when the sync was stopped. Its scope counts were kept as each scope ended.
    ///
    /// A failed scope whose record could not be written then (a full disk, while
    /// stage files held the space) is recorded now, once the stage files are gone.
    /// A synchronous write, so that a cancelled sync still records how it ended.
    func finishRun(_ run: Int64, scopes: [ScopeReport], interrupted: Bool) throws {
        let applied = scopes.filter { $0.outcome == .applied }.count
        let failed = scopes.count - applied
        let status = interrupted ? "interrupted" : failed == 0 ? "ok" : applied == 0 ? "failed" : "partial"
        removeStageDirectory()
        try pool.write { db in
            for report in scopes where report.outcome == .failed {
                let recorded = try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM sync_scopes WHERE run_id = ? AND account = ? AND zone = ? AND kind = ?)
                    """, arguments: [run, report.account, report.zone, report.kind]) ?? false
                if !recorded { try Self.recordFailure(report, run: run, in: db) }
            }
            try db.execute(sql: "UPDATE sync_runs SET finished_at = ?, status = ? WHERE id = ?",
                           arguments: [Self.timestamp(), status, run])
        }
    }

    /// Fresh statistics let the query planner pick index lookups over scans: a sampled, cheap
    /// ANALYZE, then a full one of the overview indexes, whose leading `deleted_at` a sample
    /// misjudges (it made scans of every drive look cheaper than a lookup by status).
    func analyze() async throws {
        try await pool.writeWithoutTransaction { db in
            try db.execute(sql: """
                PRAGMA analysis_limit = 400; ANALYZE;
                PRAGMA analysis_limit = 0; ANALYZE servers_overview; ANALYZE drives_overview;
                """)
        }
    }

    // MARK: Scopes

    /// The directory of the stage files of the sync that holds the writer lock.
    var stageDirectory: String {
        path + ".stage"
    }

    /// A fresh stage file for one scope of the running sync.
    func makeStage(_ scope: Int64) throws -> ScopeStageFile {
        try FileManager.default.createDirectory(atPath: stageDirectory, withIntermediateDirectories: true)
        return try ScopeStageFile(path: "\(stageDirectory)/\(scope).sqlite", scope: scope)
    }

    /// Removes stage files left by a sync that was killed, or by this run.
    private func removeStageDirectory() {
        try? FileManager.default.removeItem(atPath: stageDirectory)
    }

    /// The hashes the inventory holds for the live resources among `ids`.
    func storedHashes(_ kind: ResourceKind, account: String, ids: [String]) async throws -> [String: StoredHashes] {
        try await pool.read { db in
            try ScopeStaging.storedHashes(table: ResourceTableSpec.forKind(kind).table, account: account, ids: ids, in: db)
        }
    }

    /// The owner the account's listings came from, as last applied.
    func owner(of account: String) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT owner FROM accounts WHERE name = ?", arguments: [account]) }
    }

    /// True when the scope holds live resources.
    ///
    /// Async: a synchronous read from a task would hold one of the few cooperative
    /// threads while it waits for a reader, and GRDB's own reads need those threads
    /// to hand readers back (a deadlock on a two-core machine).
    func hasLiveResources(_ scope: SyncScope) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM \(ResourceTableSpec.forKind(scope.kind).table)
                               WHERE account = ? AND zone = ? AND listing = ? AND deleted_at IS NULL)
                """, arguments: [scope.account, scope.zone, scope.listingName]) ?? false
        }
    }

    /// Applies a staged scope and records it, in one transaction; `owner`, when
    /// given, becomes the owner the account's listings must come from. `settle`
    /// judges the rows the scope would delete or move (see `ScopeApplier.apply`);
    /// when it throws, nothing is applied.
    func apply(
        _ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport, owner: String?,
        settle: @escaping @Sendable ScopeApplier.Settle = { _ in ([], [], []) }
    ) async throws -> ScopeCounts {
        let now = Self.timestamp()
        return try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS \(ScopeStaging.schema)", arguments: [stage.path])
            // The apply's delta tables: a bounded cache (16 MB) keeps a scope's delta out of temporary files.
            try db.execute(sql: "PRAGMA temp.cache_size = -16384")
            defer { try? db.execute(sql: "DETACH DATABASE \(ScopeStaging.schema)") }
            var counts = ScopeCounts()
            try db.inTransaction {
                try ScopeStaging.createDeltaTables(in: db)
                counts = try ScopeApplier(scope: scope, stage: stage.scope, run: run, now: now, dialect: .sqlite).apply(db, settle: settle)
                var applied = report
                applied.counts = counts
                try Self.record(applied, run: run, finishedAt: now, in: db)
                try db.execute(sql: "UPDATE sync_runs SET scopes_applied = scopes_applied + 1 WHERE id = ?", arguments: [run])
                if let owner {
                    try db.execute(sql: "UPDATE accounts SET owner = ? WHERE name = ?", arguments: [owner, scope.account])
                }
                return .commit
            }
            return counts
        }
    }

    /// Records a scope that failed or was cancelled; the inventory is not touched.
    ///
    /// A synchronous write, so that it happens even in a cancelled task.
    func recordFailure(_ report: ScopeReport, run: Int64) throws {
        try pool.write { db in try Self.recordFailure(report, run: run, in: db) }
    }

    private static func recordFailure(_ report: ScopeReport, run: Int64, in db: Database) throws {
        try record(report, run: run, finishedAt: timestamp(), in: db)
        try db.execute(sql: "UPDATE sync_runs SET scopes_failed = scopes_failed + 1 WHERE id = ?", arguments: [run])
    }

    private static func record(_ report: ScopeReport, run: Int64, finishedAt: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO sync_scopes (run_id, account, zone, kind, outcome, started_at, finished_at, seconds, pages, objects,
                                     created, updated, deleted, reappeared, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                run, report.account, report.zone, report.kind, report.outcome.rawValue, report.startedAt, finishedAt,
                report.seconds, report.pages, report.objects, report.counts.created, report.counts.updated,
                report.counts.deleted, report.counts.reappeared, report.error,
            ])
    }
}
