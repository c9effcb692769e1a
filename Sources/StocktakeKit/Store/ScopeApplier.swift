import GRDB

/// What applying one scope changed.
public struct ScopeCounts: Sendable, Equatable, Codable {
    public var created = 0
    public var updated = 0
    public var deleted = 0
    public var reappeared = 0
    /// Objects another listing held before that this one now holds (same id): moved here,
    /// with a `zone` and `listing` change, never deleted and re-created. Counted in `updated` too.
    public var moved = 0
    /// Objects this listing returned that another listing of the same run also returned
    /// and keeps (one object listed twice, e.g. in two zones, or in the Instance and the
    /// Block Storage listing): left where and as that listing has them.
    public var contested = 0
    /// Rows this listing no longer returns that were not deleted, because another listing of
    /// their table failed this run and may hold them: the next sync decides.
    public var withheld = 0

    public init() {}
}

/// Applies a fully read, staged scope to the inventory with set-based SQL, inside
/// the caller's transaction: infers creations, updates, deletions and
/// reappearances; writes field-level changes, closes and opens versions, and
/// diffs attachments, NICs and tags of the resources that changed.
///
/// Resources whose content hash did not change are not written, except for the
/// volatile `runtime` column of servers and the `wire_hash` of every resource,
/// which never make a change or a version.
struct ScopeApplier {
    let spec: ResourceTableSpec
    let stage: Int64
    let arguments: StatementArguments

    init(scope: SyncScope, stage: Int64, run: Int64, now: String) {
        spec = ResourceTableSpec.forKind(scope.kind)
        self.stage = stage
        arguments = [
            "account": scope.account, "zone": scope.zone, "provider": scope.provider.rawValue, "stage": stage,
            "run": run, "now": now, "type": ResourceTableSpec.forKind(scope.kind).changeType,
            "listing": scope.listingName,
        ]
    }

    /// The rows a scope's apply would delete or move into its listing, for `ListingPeers` to judge.
    struct Candidates: Sendable {
        var deletions: [String] = []
        var moves: [(id: String, zone: String, listing: String)] = []
    }

    /// What `settle` says to leave alone: deletions another listing holds or a failed one may hold,
    /// moves whose own listing still holds them.
    typealias Settle = @Sendable (Candidates) throws -> (kept: Set<String>, withheld: Set<String>, contested: Set<String>)

    /// Applies the scope. `settle` is asked about the rows it would delete or move
    /// (when there are any) and returns those to leave alone; it throws to undo the
    /// whole apply.
    func apply(_ db: Database, settle: Settle) throws -> ScopeCounts {
        try computeDelta(db)
        let (withheld, contested) = try leaveAlone(db, settle: settle)
        try db.execute(sql: lifecycleChangesSQL, arguments: arguments)
        // The per-column comparisons scan the whole delta once per column: skip them when nothing was updated.
        let updated = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.delta WHERE action = 'updated')") ?? false
        if updated {
            try db.execute(sql: fieldChangesSQL, arguments: arguments)
        }
        try writeVersions(db)
        for child in spec.children {
            try applyChild(child, db)
        }
        if updated {
            try db.execute(sql: rawChangesSQL, arguments: arguments)
        }
        try writeUnversioned(db)
        var counts = try counts(db)
        counts.contested += contested
        counts.withheld = withheld
        return counts
    }

    /// Asks `settle` about the delta's deletions and moves and takes out of the delta what it
    /// says to leave alone; returns how many deletions were withheld and how many moves were left to
    /// the listing that holds them.
    private func leaveAlone(_ db: Database, settle: Settle) throws -> (withheld: Int, contested: Int) {
        var candidates = Candidates()
        let rows = try Row.fetchAll(db, sql: "SELECT id, action, old_zone, old_listing FROM temp.delta WHERE \(Self.deletedOrMoved)",
                                    arguments: arguments)
        for row in rows {
            if row["action"] as String == "deleted" {
                candidates.deletions.append(row["id"])
            } else {
                candidates.moves.append((row["id"], row["old_zone"], row["old_listing"]))
            }
        }
        guard !rows.isEmpty else { return (0, 0) }
        let (kept, withheld, contested) = try settle(candidates)
        let leave = Array(kept.union(withheld).union(contested))
        for start in stride(from: 0, to: leave.count, by: 500) {
            let chunk = Array(leave[start..<min(start + 500, leave.count)])
            try db.execute(sql: "DELETE FROM temp.delta WHERE id IN (\(ScopeStaging.placeholders(chunk.count)))",
                           arguments: StatementArguments(chunk))
        }
        return (withheld.count, contested.count)
    }

    /// Delta rows that delete a resource, or move one here from another zone or listing.
    private static let deletedOrMoved = """
        (action = 'deleted' OR (action = 'updated' AND (old_zone IS NOT :zone OR old_listing IS NOT :listing)))
        """

    /// Brings the columns that never make a change or a version (the runtime
    /// values and the wire fingerprint) up to date on every resource read.
    private func writeUnversioned(_ db: Database) throws {
        let columns = (spec.hasRuntime ? ["runtime"] : []) + ["wire_hash"]
        try db.execute(sql: """
            UPDATE \(spec.table) SET \(columns.map { "\($0) = s.\($0)" }.joined(separator: ", "))
            FROM \(ScopeStaging.schema).\(spec.stageTable(stage)) s
            WHERE s.scope = :stage AND \(spec.table).account = :account AND \(spec.table).id = s.id
              AND (\(columns.map { "\(spec.table).\($0) IS NOT s.\($0)" }.joined(separator: " OR ")))
            """, arguments: arguments)
    }

    private func computeDelta(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM temp.delta")
        try db.execute(sql: """
            INSERT INTO temp.delta (id, action, old_raw, old_zone, old_listing)
            SELECT s.id, CASE WHEN c.id IS NULL THEN 'created' WHEN c.deleted_at IS NOT NULL THEN 'reappeared'
                              ELSE 'updated' END, c.raw, c.zone, c.listing
            FROM \(ScopeStaging.schema).\(spec.stageTable(stage)) s LEFT JOIN \(spec.table) c ON c.account = :account AND c.id = s.id
            WHERE s.scope = :stage AND s.raw <> ''
              AND (c.id IS NULL OR c.deleted_at IS NOT NULL OR c.content_hash <> s.content_hash
                   OR c.zone IS NOT :zone OR c.listing IS NOT :listing);
            INSERT INTO temp.delta (id, action)
            SELECT c.id, 'deleted' FROM \(spec.table) c
            WHERE c.account = :account AND c.zone = :zone AND c.listing = :listing AND c.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM \(ScopeStaging.schema).\(spec.stageTable(stage)) s WHERE s.scope = :stage AND s.id = c.id);
            """, arguments: arguments)
    }

    private var lifecycleChangesSQL: String {
        """
        INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind)
        SELECT :run, :now, :account, :type, id, action FROM temp.delta WHERE action <> 'updated'
        """
    }

    private var fieldChangesSQL: String {
        let selects = spec.columns.map { column in
            """
            SELECT :run, :now, :account, :type, d.id, 'updated', '\(column)', c.\(column), s.\(column)
            FROM temp.delta d CROSS JOIN \(ScopeStaging.schema).\(spec.stageTable(stage)) s ON s.scope = :stage AND s.id = d.id
            CROSS JOIN \(spec.table) c ON c.account = :account AND c.id = d.id
            WHERE d.action = 'updated' AND s.\(column) IS NOT c.\(column)
            """
        }
        // A move (another zone or listing returned the object before) is said as zone and listing changes.
        let moves = ["zone", "listing"].map { column in
            """
            SELECT :run, :now, :account, :type, d.id, 'updated', '\(column)', d.old_\(column), :\(column)
            FROM temp.delta d WHERE d.action = 'updated' AND d.old_\(column) IS NOT :\(column)
            """
        }
        return """
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind, field, old_value, new_value)
            \((selects + moves).joined(separator: "\nUNION ALL\n"))
            """
    }

    /// For updates that changed no column and no child row: one change per top-level key of `raw` that differs.
    private var rawChangesSQL: String {
        let base = """
            FROM temp.delta d JOIN \(ScopeStaging.schema).\(spec.stageTable(stage)) s ON s.scope = :stage AND s.id = d.id
            """
        let unchanged = """
            d.action = 'updated' AND NOT EXISTS (
                SELECT 1 FROM changes x WHERE x.account = :account AND x.resource_id = d.id AND x.run_id = :run)
            """
        return """
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind, field, old_value, new_value)
            SELECT :run, :now, :account, :type, d.id, 'updated', 'raw.' || n.key, o.value, n.value
            \(base) JOIN json_each(s.raw) n LEFT JOIN json_each(d.old_raw) o ON o.key = n.key
            WHERE \(unchanged) AND (o.key IS NULL OR o.value IS NOT n.value)
            UNION ALL
            SELECT :run, :now, :account, :type, d.id, 'updated', 'raw.' || o.key, o.value, NULL
            \(base) JOIN json_each(d.old_raw) o
            WHERE \(unchanged) AND NOT EXISTS (SELECT 1 FROM json_each(s.raw) n WHERE n.key = o.key)
            """
    }

    private func writeVersions(_ db: Database) throws {
        let columns = spec.columns.joined(separator: ", ")
        let sColumns = spec.columns.map { "s.\($0)" }.joined(separator: ", ")
        let updates = (spec.columns + ["raw", "content_hash", "wire_hash"] + (spec.hasRuntime ? ["runtime"] : []))
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let runtime = spec.hasRuntime ? ", runtime" : ""
        let sRuntime = spec.hasRuntime ? ", s.runtime" : ""
        try db.execute(sql: """
            UPDATE \(spec.table)_history SET valid_to_run = :run, valid_to = :now
            WHERE account = :account AND valid_to_run IS NULL
              AND id IN (SELECT id FROM temp.delta WHERE action IN ('updated', 'deleted'));
            UPDATE \(spec.table) SET deleted_at = :now
            WHERE account = :account AND id IN (SELECT id FROM temp.delta WHERE action = 'deleted');
            INSERT INTO \(spec.table) (account, id, provider, zone, listing, \(columns), first_seen, first_seen_run,
                                       deleted_at, raw, content_hash, wire_hash\(runtime))
            SELECT :account, s.id, :provider, :zone, :listing, \(sColumns), :now, :run, NULL, s.raw, s.content_hash,
                   s.wire_hash\(sRuntime)
            FROM \(ScopeStaging.schema).\(spec.stageTable(stage)) s JOIN temp.delta d ON d.id = s.id AND d.action <> 'deleted'
            WHERE s.scope = :stage AND s.raw <> ''
            ON CONFLICT (account, id) DO UPDATE SET deleted_at = NULL, zone = excluded.zone, listing = excluded.listing,
                \(updates);
            INSERT INTO \(spec.table)_history (account, id, provider, zone, listing, \(columns), first_seen, raw, valid_from_run,
                                               valid_from)
            SELECT c.account, c.id, c.provider, c.zone, c.listing, \(spec.columns.map { "c.\($0)" }.joined(separator: ", ")),
                   c.first_seen, c.raw, :run, :now
            FROM temp.delta d JOIN \(spec.table) c ON c.account = :account AND c.id = d.id
            WHERE d.action <> 'deleted';
            """, arguments: arguments)
    }

    /// Diffs the child rows of every resource in the delta against what was staged.
    private func applyChild(_ child: ChildTableSpec, _ db: Database) throws {
        let parent = child.parentColumn
        let key = child.keyColumn
        let fixed = child.discriminatorFilter("c")
        let stageFixed = child.discriminatorFilter("s")
        let match = "s.scope = :stage AND s.\(parent) = c.\(parent) AND s.\(key) = c.\(key)\(stageFixed)"
        let differs = child.attributes.map { "s.\($0) IS NOT c.\($0)" }.joined(separator: " OR ")
        try db.execute(sql: """
            DELETE FROM temp.child_delta;
            INSERT INTO temp.child_delta (parent, key, action)
            SELECT c.\(parent), c.\(key), 'deleted' FROM \(child.table) c
            WHERE c.account = :account\(fixed) AND c.\(parent) IN (SELECT id FROM temp.delta)
              AND NOT EXISTS (SELECT 1 FROM \(ScopeStaging.schema).\(child.stageTable(stage)) s WHERE \(match));
            INSERT INTO temp.child_delta (parent, key, action)
            SELECT s.\(parent), s.\(key), CASE WHEN c.\(parent) IS NULL THEN 'created' ELSE 'updated' END
            FROM \(ScopeStaging.schema).\(child.stageTable(stage)) s JOIN temp.delta d ON d.id = s.\(parent) AND d.action <> 'deleted'
            LEFT JOIN \(child.table) c ON c.account = :account\(fixed) AND c.\(parent) = s.\(parent) AND c.\(key) = s.\(key)
            WHERE s.scope = :stage\(stageFixed) AND (c.\(parent) IS NULL\(differs.isEmpty ? "" : " OR \(differs)"));
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, child_key, kind)
            SELECT :run, :now, :account, '\(child.changeType)', parent, key, action FROM temp.child_delta
            WHERE action <> 'updated';
            """, arguments: arguments)
        let updated = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.child_delta WHERE action = 'updated')") ?? false
        if updated, !child.attributes.isEmpty {
            let selects = child.attributes.map { column in
                """
                SELECT :run, :now, :account, '\(child.changeType)', x.parent, x.key, 'updated', '\(column)', c.\(column), s.\(column)
                FROM temp.child_delta x
                CROSS JOIN \(ScopeStaging.schema).\(child.stageTable(stage)) s ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key
                CROSS JOIN \(child.table) c ON c.account = :account AND c.\(parent) = x.parent AND c.\(key) = x.key
                WHERE x.action = 'updated' AND s.\(column) IS NOT c.\(column)
                """
            }
            try db.execute(sql: """
                INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, child_key, kind, field, old_value, new_value)
                \(selects.joined(separator: "\nUNION ALL\n"))
                """, arguments: arguments)
        }
        try writeChildVersions(child, db)
    }

    private func writeChildVersions(_ child: ChildTableSpec, _ db: Database) throws {
        let parent = child.parentColumn
        let key = child.keyColumn
        let fixedColumn = child.discriminator.map { ", \($0.column)" } ?? ""
        let fixedValue = child.discriminator.map { ", '\($0.value)'" } ?? ""
        let fixed = child.discriminator.map { " AND \($0.column) = '\($0.value)'" } ?? ""
        let attributes = child.attributes.map { ", \($0)" }.joined()
        let sAttributes = child.attributes.map { ", s.\($0)" }.joined()
        let changed = "(\(parent), \(key)) IN (SELECT parent, key FROM temp.child_delta WHERE action IN"
        try db.execute(sql: """
            UPDATE \(child.table)_history SET valid_to_run = :run, valid_to = :now
            WHERE account = :account\(fixed) AND valid_to_run IS NULL AND \(changed) ('deleted', 'updated'));
            DELETE FROM \(child.table)
            WHERE account = :account\(fixed) AND \(changed) ('deleted', 'updated'));
            INSERT INTO \(child.table) (account\(fixedColumn), \(parent), \(key)\(attributes))
            SELECT :account\(fixedValue), s.\(parent), s.\(key)\(sAttributes)
            FROM temp.child_delta x JOIN \(ScopeStaging.schema).\(child.stageTable(stage)) s
              ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key\(child.discriminatorFilter("s"))
            WHERE x.action IN ('created', 'updated');
            INSERT INTO \(child.table)_history (account\(fixedColumn), \(parent), \(key)\(attributes), valid_from_run, valid_from)
            SELECT :account\(fixedValue), s.\(parent), s.\(key)\(sAttributes), :run, :now
            FROM temp.child_delta x JOIN \(ScopeStaging.schema).\(child.stageTable(stage)) s
              ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key\(child.discriminatorFilter("s"))
            WHERE x.action IN ('created', 'updated');
            """, arguments: arguments)
    }

    /// Staged unchanged (hashes only, `raw` empty) yet no longer equal to the stored row: another
    /// scope of the run wrote it after this one read it. Such rows carry no content to write, so
    /// `computeDelta` leaves them out; this counts them.
    private func contested(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM \(ScopeStaging.schema).\(spec.stageTable(stage)) s
            LEFT JOIN \(spec.table) c ON c.account = :account AND c.id = s.id
            WHERE s.scope = :stage AND s.raw = ''
              AND (c.id IS NULL OR c.deleted_at IS NOT NULL OR c.content_hash <> s.content_hash)
            """, arguments: arguments) ?? 0
    }

    private func counts(_ db: Database) throws -> ScopeCounts {
        var counts = ScopeCounts()
        counts.contested = try contested(db)
        counts.moved = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.delta WHERE \(Self.deletedOrMoved) AND action = 'updated'",
                                        arguments: arguments) ?? 0
        for row in try Row.fetchAll(db, sql: "SELECT action, COUNT(*) AS n FROM temp.delta GROUP BY action") {
            let number: Int = row["n"]
            switch row["action"] as String {
            case "created": counts.created = number
            case "updated": counts.updated = number
            case "deleted": counts.deleted = number
            default: counts.reappeared = number
            }
        }
        return counts
    }
}
