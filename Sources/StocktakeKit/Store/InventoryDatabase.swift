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
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try InventorySchema.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw InventoryError.notAnInventory(path: path)
        } catch let error as DatabaseError {
            throw InventoryError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
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

    func finishRun(_ run: Int64, applied: Int, failed: Int) async throws {
        let status = failed == 0 ? "ok" : applied == 0 ? "failed" : "partial"
        removeStageDirectory()
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE sync_runs SET finished_at = ?, status = ?, scopes_applied = ?, scopes_failed = ? WHERE id = ?
                """, arguments: [Self.timestamp(), status, applied, failed, run])
        }
        // Fresh statistics let the query planner pick index lookups over scans: a sampled, cheap
        // ANALYZE, then a full one of the overview indexes, whose leading `deleted_at` a sample
        // misjudges (it made scans of every drive look cheaper than a lookup by status).
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

    /// Applies a staged scope and records it, in one transaction.
    func apply(_ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport) async throws -> ScopeCounts {
        let now = Self.timestamp()
        return try await pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS \(ScopeStaging.schema)", arguments: [stage.path])
            defer { try? db.execute(sql: "DETACH DATABASE \(ScopeStaging.schema)") }
            var counts = ScopeCounts()
            try db.inTransaction {
                try ScopeStaging.createDeltaTables(in: db)
                counts = try ScopeApplier(scope: scope, stage: stage.scope, run: run, now: now).apply(db)
                var applied = report
                applied.counts = counts
                try Self.record(applied, run: run, finishedAt: now, in: db)
                return .commit
            }
            return counts
        }
    }

    /// Records a scope that failed; the inventory is not touched.
    func recordFailure(_ report: ScopeReport, run: Int64) async throws {
        try await pool.write { db in
            try Self.record(report, run: run, finishedAt: Self.timestamp(), in: db)
        }
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
