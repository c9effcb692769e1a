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

    let database: InventoryDatabase

    public init(database: InventoryDatabase) {
        self.database = database
    }

    /// Prunes outside `window`, then (with `vacuum`) gives the freed pages back to the file system.
    public func prune(_ window: Window, now: Date = Date(), vacuum: Bool = true) async throws -> Summary {
        let bytesBefore = size()
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
        summary.bytesAfter = size()
        return summary
    }

    /// The first run of the window, nil when no run falls before it.
    static func firstKeptRun(_ window: Window, now: Date, in db: Database) throws -> Int64? {
        let oldest = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM sync_runs")
        let first: Int64?
        switch window {
        case .runs(let count):
            first = try Int64.fetchOne(db, sql: "SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1 OFFSET ?",
                                       arguments: [max(1, count) - 1])
        case .age(let seconds):
            // The run in effect when the window opens: the newest that started before it.
            let opens = TimeExpression.stored(now.addingTimeInterval(-seconds))
            first = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM sync_runs WHERE started_at <= ?", arguments: [opens])
        }
        guard let first, let oldest, first > oldest else { return nil }
        return first
    }

    private static func prune(before first: Int64, summary start: Summary, in db: Database) throws -> Summary {
        var summary = start
        summary.firstKeptRun = first
        let opened = try String.fetchOne(db, sql: "SELECT started_at FROM sync_runs WHERE id = ?", arguments: [first]) ?? ""
        for table in try AsOfViews.versionedTables(in: db) {
            try db.execute(sql: "DELETE FROM \(table)_history WHERE valid_to_run IS NOT NULL AND valid_to_run < ?",
                           arguments: [first])
            summary.versions += db.changesCount
        }
        for spec in ResourceTableSpec.all {
            // Child rows first: they reference their resource.
            for child in spec.children {
                try db.execute(sql: """
                    DELETE FROM \(child.table) WHERE EXISTS (
                        SELECT 1 FROM \(spec.table) p WHERE p.account = \(child.table).account
                          AND p.id = \(child.table).\(child.parentColumn) AND p.deleted_at < ?)\(child.discriminatorFilter(child.table))
                    """, arguments: [opened])
            }
            try db.execute(sql: "DELETE FROM \(spec.table) WHERE deleted_at < ?", arguments: [opened])
            summary.resources += db.changesCount
        }
        let exists = ResourceTableSpec.all.map { "SELECT 1 FROM \($0.table) t WHERE t.account = c.account AND t.id = c.resource_id" }
        try db.execute(sql: """
            DELETE FROM changes WHERE run_id < :first AND (
                id NOT IN (SELECT MAX(id) FROM changes WHERE run_id < :first
                           GROUP BY account, resource_type, resource_id, child_key, kind, field)
                OR id IN (SELECT c.id FROM changes c WHERE c.run_id < :first
                          AND NOT EXISTS (\(exists.joined(separator: " UNION ALL ")))))
            """, arguments: ["first": first])
        summary.changes = db.changesCount
        try db.execute(sql: """
            DELETE FROM sync_scopes WHERE run_id < :first AND id NOT IN (
                SELECT MAX(id) FROM sync_scopes WHERE run_id < :first GROUP BY account, zone, kind, outcome)
            """, arguments: ["first": first])
        summary.scopeRecords = db.changesCount
        try db.execute(sql: """
            DELETE FROM sync_runs WHERE id < :first
              AND NOT EXISTS (SELECT 1 FROM sync_scopes s WHERE s.run_id = sync_runs.id)
              AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.run_id = sync_runs.id);
            """, arguments: ["first": first])
        summary.runs = db.changesCount
        try db.execute(sql: """
            INSERT INTO prunes (pruned_at, first_kept_run, versions, resources, changes, runs) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [InventoryDatabase.timestamp(), first, summary.versions, summary.resources, summary.changes, summary.runs])
        return summary
    }

    private func size() -> Int64 {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: database.path + suffix)[.size] as? Int64) ?? 0)
        }
    }
}
