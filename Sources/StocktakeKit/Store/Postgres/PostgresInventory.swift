import Foundation
import GRDB
import Logging
import PostgresNIO

/// The inventory as a sync writes it into PostgreSQL, the shared store of record: several hosts
/// sync into it at once, each for its own accounts.
///
/// Two sessions: the writer's holds the advisory locks (one per account being synced, one per
/// running run) and applies scopes one at a time, each in one transaction; the reader's answers the
/// stored hashes, owners and failure records while scopes are staged. A host that dies loses its
/// session, and with it its locks and any transaction not yet committed.
public final class PostgresInventory: Sendable {
    public let location: PostgresLocation
    let writer: PostgresStore
    let reader: PostgresStore
    /// One apply at a time on the writer's session.
    private let applying = AsyncSemaphore(1)

    private init(location: PostgresLocation, writer: PostgresStore, reader: PostgresStore) {
        self.location = location
        self.writer = writer
        self.reader = reader
    }

    /// Connects twice to `location` and brings its schema up to date.
    public static func open(
        _ location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment,
        home: String = NSHomeDirectory(), logger: Logger = Logger(label: "stocktake.postgres")
    ) async throws -> PostgresInventory {
        let writer = try await PostgresStore.connect(location, environment: environment, home: home, logger: logger)
        do {
            try await writer.migrate()
            let reader = try await PostgresStore.connect(location, environment: environment, home: home, logger: logger)
            return PostgresInventory(location: location, writer: writer, reader: reader)
        } catch {
            try? await writer.close()
            throw error
        }
    }

    /// Closes both sessions, which releases every lock they hold.
    public func close() async {
        try? await reader.close()
        try? await writer.close()
    }

    /// Every scope any sync has recorded, with its standing, as of `now` (as `InventoryDatabase.status`).
    public func status(now: Date = Date()) async throws -> [ScopeStatus] {
        try await BlockingBridge.onOwnThread { [reader] in try ScopeStatus.all(in: PostgresSession(reader), now: now) }
    }

    // MARK: Locks

    /// The advisory lock spaces (the first key of a two-key lock): accounts being synced, runs running.
    static let accountLockSpace: Int32 = 0x5354_4B41
    static let runLockSpace: Int32 = 0x5354_4B52

    /// Takes the lock of every account in `names` (in name order, so that two hosts never wait on
    /// each other), waiting up to `wait` seconds for the syncs holding them; on time-out releases
    /// those taken and throws `SyncError.accountsBusy`.
    public func lockAccounts(_ names: [String], wait: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(max(0, wait))
        var taken: [String] = []
        for name in Set(names).sorted() {
            while try await !writer.tryAdvisoryLock(Self.accountLockSpace, key: name) {
                guard ContinuousClock.now < deadline else {
                    for name in taken { try await writer.advisoryUnlock(Self.accountLockSpace, key: name) }
                    let busy = try await busyAccounts(names)
                    throw SyncError.accountsBusy(accounts: busy.isEmpty ? [name] : busy, store: location.description, waited: wait)
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            taken.append(name)
        }
    }

    /// The accounts among `names` another session holds the lock of.
    private func busyAccounts(_ names: [String]) async throws -> [String] {
        var busy: [String] = []
        for name in Set(names).sorted() {
            if try await reader.tryAdvisoryLock(Self.accountLockSpace, key: name) {
                try await reader.advisoryUnlock(Self.accountLockSpace, key: name)
            } else {
                busy.append(name)
            }
        }
        return busy
    }

    // MARK: Runs

    /// Records the accounts and starts a run numbered by the database's sequence, holding its run
    /// lock; runs left `running` by a session that is gone (their lock is free) become `interrupted`.
    func beginRun(accounts: [AccountConfiguration]) async throws -> (run: Int64, startedAt: String) {
        let now = InventoryDatabase.timestamp()
        removeStageDirectory()
        try await markAbandonedRunsInterrupted()
        try await writer.execute("BEGIN")
        do {
            for account in accounts {
                try await writer.connection.query("""
                    INSERT INTO accounts (name, provider, endpoint, scopes, first_seen)
                    VALUES (\(account.name), \(account.provider.rawValue), \(account.apiURL), \(account.zones.joined(separator: ",")), \(now))
                    ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, endpoint = excluded.endpoint, scopes = excluded.scopes
                    """, logger: writer.logger)
            }
            let names = accounts.map(\.name).joined(separator: ",")
            let run = try await writer.integer("INSERT INTO sync_runs (started_at, status, accounts) VALUES (\(now), 'running', \(names)) RETURNING id")
            // Locked before the run is visible to other sessions, so none takes it for abandoned.
            _ = try await writer.integer("SELECT 1 FROM pg_advisory_lock(\(Self.runLockSpace), \(Self.runKey(run)))")
            try await writer.execute("COMMIT")
            return (run, now)
        } catch {
            try? await writer.execute("ROLLBACK")
            throw error
        }
    }

    /// The second key of a run's lock.
    private static func runKey(_ run: Int64) -> Int32 {
        Int32(truncatingIfNeeded: run)
    }

    private func markAbandonedRunsInterrupted() async throws {
        var running: [Int64] = []
        for try await id in try await reader.connection.query("SELECT id FROM sync_runs WHERE status = 'running'", logger: reader.logger)
            .decode(Int64.self) {
            running.append(id)
        }
        for run in running {
            let key = Self.runKey(run)
            guard try await reader.integer("SELECT CASE WHEN pg_try_advisory_lock(\(Self.runLockSpace), \(key)) THEN 1 ELSE 0 END") == 1 else { continue }
            try await reader.connection.query("UPDATE sync_runs SET status = 'interrupted' WHERE id = \(run) AND status = 'running'",
                                              logger: reader.logger)
            _ = try await reader.integer("SELECT CASE WHEN pg_advisory_unlock(\(Self.runLockSpace), \(key)) THEN 1 ELSE 0 END")
        }
    }

    /// Closes a run as `InventoryDatabase.finishRun` does, and releases its run lock.
    func finishRun(_ run: Int64, scopes: [ScopeReport], interrupted: Bool) throws {
        let applied = scopes.filter { $0.outcome == .applied }.count
        let failed = scopes.count - applied
        let status = interrupted ? "interrupted" : failed == 0 ? "ok" : applied == 0 ? "failed" : "partial"
        let failures = scopes.filter { $0.outcome == .failed }
        removeStageDirectory()
        try BlockingBridge.wait { [self] in
            for report in failures {
                let recorded = try await writer.integer("""
                    SELECT COUNT(*) FROM sync_scopes WHERE run_id = \(run) AND account = \(report.account) AND zone = \(report.zone)
                      AND kind = \(report.kind)
                    """)
                if recorded == 0 { try await recordFailure(report, run: run, on: writer) }
            }
            try await writer.connection.query("UPDATE sync_runs SET finished_at = \(InventoryDatabase.timestamp()), status = \(status) WHERE id = \(run)",
                                              logger: writer.logger)
            _ = try await writer.integer("SELECT CASE WHEN pg_advisory_unlock(\(Self.runLockSpace), \(Self.runKey(run))) THEN 1 ELSE 0 END")
        }
    }

    /// Refreshes the planner's statistics of the tables whose rows changed by a tenth or more since
    /// their last analysis (a first sync's, a large churn's), at once rather than when autovacuum
    /// comes by. The others are left to autovacuum: analysing every table took a third of a
    /// no-change sync.
    func analyze() async throws {
        let stale = try await writer.textRows("""
            SELECT relname::text FROM pg_stat_user_tables
            WHERE schemaname = 'public' AND n_mod_since_analyze > 0.1 * GREATEST(n_live_tup, 1000)
            ORDER BY relname
            """).compactMap { $0.first ?? nil }
        guard !stale.isEmpty else { return }
        try await writer.execute("ANALYZE " + stale.joined(separator: ", "))
    }

    // MARK: Scopes

    /// Where this process stages its scopes: a folder of its own, as other hosts' syncs stage on theirs.
    var stageDirectory: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-stage-\(getpid())").path
    }

    func makeStage(_ scope: Int64) throws -> ScopeStageFile {
        try FileManager.default.createDirectory(atPath: stageDirectory, withIntermediateDirectories: true)
        return try ScopeStageFile(path: "\(stageDirectory)/\(scope).sqlite", scope: scope)
    }

    private func removeStageDirectory() {
        try? FileManager.default.removeItem(atPath: stageDirectory)
    }

    func storedHashes(_ kind: ResourceKind, account: String, ids: [String]) async throws -> [String: StoredHashes] {
        guard !ids.isEmpty else { return [:] }
        let table = ResourceTableSpec.forKind(kind).table
        var bindings = PostgresBindings()
        bindings.append(account)
        bindings.append(ids)
        let query = PostgresQuery(unsafeSQL: """
            SELECT id, content_hash, wire_hash, zone, listing FROM \(table) WHERE account = $1 AND id = ANY($2) AND deleted_at IS NULL
            """, binds: bindings)
        var result: [String: StoredHashes] = [:]
        for try await (id, content, wire, zone, listing) in try await reader.connection.query(query, logger: reader.logger)
            .decode((String, Int64, Int64?, String, String).self) {
            result[id] = StoredHashes(content: content, wire: wire, zone: zone, listing: listing)
        }
        return result
    }

    func owner(of account: String) async throws -> String? {
        var owner: String?
        for try await value in try await reader.connection.query("SELECT owner FROM accounts WHERE name = \(account)", logger: reader.logger)
            .decode(String?.self) {
            owner = value
        }
        return owner
    }

    func hasLiveResources(_ scope: SyncScope) async throws -> Bool {
        let table = ResourceTableSpec.forKind(scope.kind).table
        var bindings = PostgresBindings()
        bindings.append(scope.account)
        bindings.append(scope.zone)
        bindings.append(scope.listingName)
        let query = PostgresQuery(unsafeSQL: """
            SELECT COUNT(*) FROM (SELECT 1 FROM \(table) WHERE account = $1 AND zone = $2 AND listing = $3 AND deleted_at IS NULL LIMIT 1) x
            """, binds: bindings)
        return try await reader.integer(query) > 0
    }

    /// Applies a staged scope and records it in one transaction, as `InventoryDatabase.apply` does:
    /// the staged rows go up into temporary tables, and the same applier runs on them.
    func apply(
        _ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport, owner: String?,
        settle: @escaping @Sendable ScopeApplier.Settle
    ) async throws -> ScopeCounts {
        await applying.acquire()
        do {
            let counts = try await applyAlone(scope, stage: stage, run: run, report: report, owner: owner, settle: settle)
            await applying.release()
            return counts
        } catch {
            await applying.release()
            throw error
        }
    }

    /// The apply itself, on a thread of its own, while no other apply of this process runs.
    private func applyAlone(
        _ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport, owner: String?,
        settle: @escaping @Sendable ScopeApplier.Settle
    ) async throws -> ScopeCounts {
        let now = InventoryDatabase.timestamp()
        return try await BlockingBridge.onOwnThread { [self] in
            let connection = PostgresApplyConnection(connection: writer.connection, logger: writer.logger, stage: stage)
            try connection.transaction("BEGIN")
            do {
                try connection.execute("""
                    CREATE TEMP TABLE IF NOT EXISTS delta (id text PRIMARY KEY, action text NOT NULL, old_raw text, old_zone text,
                                                           old_listing text);
                    CREATE TEMP TABLE IF NOT EXISTS child_delta (parent text NOT NULL, key text NOT NULL, action text NOT NULL,
                                                                 PRIMARY KEY (parent, key))
                    """, [:])
                try connection.uploadStage(of: ResourceTableSpec.forKind(scope.kind))
                let counts = try ScopeApplier(scope: scope, stage: stage.scope, run: run, now: now, dialect: .postgres)
                    .apply(connection, settle: settle)
                var applied = report
                applied.counts = counts
                try record(applied, run: run, finishedAt: now, on: connection)
                try connection.execute("UPDATE sync_runs SET scopes_applied = scopes_applied + 1 WHERE id = :run", ["run": .integer(run)])
                if let owner {
                    try connection.execute("UPDATE accounts SET owner = :owner WHERE name = :account",
                                           ["owner": .text(owner), "account": .text(scope.account)])
                }
                try connection.transaction("COMMIT")
                return counts
            } catch {
                try? connection.transaction("ROLLBACK")
                throw error
            }
        }
    }

    /// Records a scope that failed; the inventory is not touched. Waits for the write, so that it
    /// happens even in a cancelled task.
    func recordFailure(_ report: ScopeReport, run: Int64) throws {
        try BlockingBridge.wait { [self] in try await recordFailure(report, run: run, on: reader) }
    }

    /// One statement, so that it is whole on a session other statements share.
    private func recordFailure(_ report: ScopeReport, run: Int64, on store: PostgresStore) async throws {
        let now = InventoryDatabase.timestamp()
        try await store.connection.query("""
            WITH recorded AS (
                INSERT INTO sync_scopes (run_id, account, zone, kind, outcome, started_at, finished_at, seconds, pages, objects,
                                         created, updated, deleted, reappeared, error)
                VALUES (\(run), \(report.account), \(report.zone), \(report.kind), \(report.outcome.rawValue), \(report.startedAt), \(now),
                        \(report.seconds), \(Int64(report.pages)), \(Int64(report.objects)), 0, 0, 0, 0, \(report.error))
                RETURNING run_id)
            UPDATE sync_runs SET scopes_failed = scopes_failed + 1 WHERE id IN (SELECT run_id FROM recorded)
            """, logger: store.logger)
    }

    private func record(_ report: ScopeReport, run: Int64, finishedAt: String, on connection: PostgresApplyConnection) throws {
        try connection.execute("""
            INSERT INTO sync_scopes (run_id, account, zone, kind, outcome, started_at, finished_at, seconds, pages, objects,
                                     created, updated, deleted, reappeared, error)
            VALUES (:run, :account, :zone, :kind, :outcome, :started, :finished, CAST(:seconds AS double precision), :pages,
                    :objects, :created, :updated, :deleted, :reappeared, :error)
            """, [
                "run": .integer(run), "account": .text(report.account), "zone": .text(report.zone), "kind": .text(report.kind),
                "outcome": .text(report.outcome.rawValue), "started": .text(report.startedAt), "finished": .text(finishedAt),
                "seconds": .text(String(report.seconds)), "pages": .integer(Int64(report.pages)),
                "objects": .integer(Int64(report.objects)), "created": .integer(Int64(report.counts.created)),
                "updated": .integer(Int64(report.counts.updated)), "deleted": .integer(Int64(report.counts.deleted)),
                "reappeared": .integer(Int64(report.counts.reappeared)), "error": .text(report.error),
            ])
    }
}

extension PostgresStore {
    /// The first column of the first row, as an integer (0 when there is none).
    func integer(_ query: PostgresQuery) async throws -> Int64 {
        var value: Int64 = 0
        for try await number in try await connection.query(query, logger: logger).decode(Int64.self) { value = number }
        return value
    }

    /// Tries to take the session lock of (`space`, the hash of `key`); true when taken.
    func tryAdvisoryLock(_ space: Int32, key: String) async throws -> Bool {
        try await integer("SELECT CASE WHEN pg_try_advisory_lock(\(space), hashtext(\(key))) THEN 1 ELSE 0 END") == 1
    }

    func advisoryUnlock(_ space: Int32, key: String) async throws {
        _ = try await integer("SELECT CASE WHEN pg_advisory_unlock(\(space), hashtext(\(key))) THEN 1 ELSE 0 END")
    }
}
