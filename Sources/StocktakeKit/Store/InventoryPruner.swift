import Foundation
import GRDB

/// Retention: removes what only answers questions about times before a window,
/// keeping every answer inside it exactly as it was.
///
/// The window starts at its first kept run K (the run in effect when the window
/// opens). As of any run r >= K a version is alive only if it closed after r; the
/// versions that closed at K itself still name what run K deleted or changed (the
/// change log of `--since #K` shows those names), so every version that closed
/// before K goes, and so do resources deleted before K
/// (with their child rows). Runs before K keep a floor, so that
/// questions inside the window that look back still get the same answer: of the
/// change log, the newest change of each field of each resource that still
/// exists (when a server was last stopped); of `sync_scopes`, the newest outcome
/// of each scope (when it last applied). The rest of the change log and of the
/// run records before K goes. `--as-of` a run before K is refused from then on.
public struct InventoryPruner: Sendable {
    /// What a prune removed.
    public struct Summary: Sendable, Equatable, Codable {
        /// The first run whose answers are kept whole; nil when there was nothing to prune.
        public var firstKeptRun: Int64?
        public var versions = 0
        public var resources = 0
        public var changes = 0
        public var runs = 0
        /// `sync_scopes` rows removed (each scope's newest outcome before the window stays).
        public var scopeRecords = 0
        public var bytesBefore: Int64 = 0
        public var bytesAfter: Int64 = 0

        enum CodingKeys: String, CodingKey {
            case versions, resources, changes, runs
            case scopeRecords = "scope_records"
            case firstKeptRun = "first_kept_run"
            case bytesBefore = "bytes_before"
            case bytesAfter = "bytes_after"
        }
    }

    /// Which runs to keep.
    public enum Window: Sendable, Equatable {
        /// The newest `count` runs (at least 1).
        case runs(Int)
        /// Every run whose answers a time within this many seconds of now needs.
        case age(Double)
    }

    let store: InventoryStore

    public init(database: InventoryDatabase) {
        store = .sqlite(database)
    }

    /// A pruner of either store. On PostgreSQL the removal is one transaction too, while other
    /// hosts may sync (it touches only what closed before the window); two prunes take turns.
    public init(store: InventoryStore) {
        self.store = store
    }

    /// Prunes outside `window`, then (with `vacuum`, on SQLite) gives the freed pages back to the
    /// file system. (PostgreSQL's autovacuum reuses them.)
    public func prune(_ window: Window, now: Date = Date(), vacuum: Bool = true) async throws -> Summary {
        switch store {
        case .sqlite(let database):
            return try await prune(database, window, now: now, vacuum: vacuum)
        case .postgres(let inventory):
            let bytesBefore = try await inventory.writer.integer("SELECT pg_database_size(current_database())")
            var summary = try await BlockingBridge.onOwnThread { [inventory] in
                let session = PostgresSession(inventory.writer)
                try session.execute("BEGIN", [:])
                do {
                    _ = try session.rows("SELECT pg_advisory_xact_lock(\(PostgresInventory.runLockSpace), 0)", [:])
                    var summary = Summary()
                    if let first = try Self.firstKeptRun(window, now: now, in: session) {
                        summary = try Self.prune(before: first, summary: summary, in: session)
                    }
                    try session.execute("COMMIT", [:])
                    return summary
                } catch {
                    try? session.execute("ROLLBACK", [:])
                    throw error
                }
            }
            summary.bytesBefore = bytesBefore
            summary.bytesAfter = try await inventory.writer.integer("SELECT pg_database_size(current_database())")
            return summary
        }
    }

    private func prune(_ database: InventoryDatabase, _ window: Window, now: Date, vacuum: Bool) async throws -> Summary {
        let bytesBefore = size(database.path)
        let start = Summary()
        var summary = try await database.pool.write { db in
            guard let first = try Self.firstKeptRun(window, now: now, in: db) else { return start }
            return try Self.prune(before: first, summary: start, in: db)
        }
        summary.bytesBefore = bytesBefore
        if vacuum, summary.firstKeptRun != nil {
            // In WAL mode readers keep reading their snapshot while VACUUM rewrites the file.
            try await database.pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.checkpoint(.truncate)
            }
        }
        summary.bytesAfter = size(database.path)
        return summary
    }

    /// The first run of the window, nil when no run falls before it.
    static func firstKeptRun(_ window: Window, now: Date, in db: some SQLExecutor) throws -> Int64? {
        let oldest = try db.rows("SELECT MIN(id) FROM sync_runs", [:]).first?.first
        let first: DatabaseCell?
        switch window {
        case .runs(let count):
            first = try db.rows("SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1 OFFSET :offset",
                                ["offset": .integer(Int64(max(1, count) - 1))]).first?.first
        case .age(let seconds):
            // The run in effect when the window opens: the newest that started before it.
            let opens = TimeExpression.stored(now.addingTimeInterval(-seconds))
            first = try db.rows("SELECT MAX(id) FROM sync_runs WHERE started_at <= :opens", ["opens": .text(opens)]).first?.first
        }
        guard case .integer(let kept?) = first, case .integer(let earliest?) = oldest, kept > earliest else { return nil }
        return kept
    }

    /// Runs a DELETE and returns how many rows it removed (`RETURNING`, which both stores know).
    private static func delete(_ sql: String, _ arguments: [String: DatabaseCell], in db: some SQLExecutor) throws -> Int {
        try db.rows(sql + " RETURNING 1", arguments).count
    }

    private static func prune(before first: Int64, summary start: Summary, in db: some SQLExecutor) throws -> Summary {
        var summary = start
        summary.firstKeptRun = first
        let kept: [String: DatabaseCell] = ["first": .integer(first)]
        let opened: [String: DatabaseCell] = [
            "opened": try db.rows("SELECT started_at FROM sync_runs WHERE id = :first", kept).first?.first ?? .text(""),
        ]
        for table in ResourceTableSpec.allTables.map(\.table) {
            summary.versions += try delete("DELETE FROM \(table)_history WHERE valid_to_run IS NOT NULL AND valid_to_run < :first",
                                           kept, in: db)
        }
        for spec in ResourceTableSpec.all {
            // Child rows first: they reference their resource.
            for child in spec.children {
                try db.execute("""
                    DELETE FROM \(child.table) WHERE EXISTS (
                        SELECT 1 FROM \(spec.table) p WHERE p.account = \(child.table).account
                          AND p.id = \(child.table).\(child.parentColumn) AND p.deleted_at < :opened)\(child.discriminatorFilter(child.table))
                    """, opened)
            }
            summary.resources += try delete("DELETE FROM \(spec.table) WHERE deleted_at < :opened", opened, in: db)
        }
        let exists = ResourceTableSpec.all.map { "SELECT 1 FROM \($0.table) t WHERE t.account = c.account AND t.id = c.resource_id" }
        summary.changes = try delete("""
            DELETE FROM changes WHERE run_id < :first AND (
                id NOT IN (SELECT MAX(id) FROM changes WHERE run_id < :first
                           GROUP BY account, resource_type, resource_id, child_key, kind, field)
                OR id IN (SELECT c.id FROM changes c WHERE c.run_id < :first
                          AND NOT EXISTS (\(exists.joined(separator: " UNION ALL ")))))
            """, kept, in: db)
        summary.scopeRecords = try delete("""
            DELETE FROM sync_scopes WHERE run_id < :first AND id NOT IN (
                SELECT MAX(id) FROM sync_scopes WHERE run_id < :first GROUP BY account, zone, kind, outcome)
            """, kept, in: db)
        summary.runs = try delete("""
            DELETE FROM sync_runs WHERE id < :first
              AND NOT EXISTS (SELECT 1 FROM sync_scopes s WHERE s.run_id = sync_runs.id)
              AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.run_id = sync_runs.id)
            """, kept, in: db)
        try db.execute("""
            INSERT INTO prunes (pruned_at, first_kept_run, versions, resources, changes, runs)
            VALUES (:now, :first, :versions, :resources, :changes, :runs)
            """, [
                "now": .text(InventoryDatabase.timestamp()), "first": .integer(first), "versions": .integer(Int64(summary.versions)),
                "resources": .integer(Int64(summary.resources)), "changes": .integer(Int64(summary.changes)),
                "runs": .integer(Int64(summary.runs)),
            ])
        return summary
    }

    private func size(_ path: String) -> Int64 {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int64) ?? 0)
        }
    }
}
