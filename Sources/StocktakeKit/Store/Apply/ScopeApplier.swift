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
    let arguments: [String: DatabaseCell]
    let dialect: SQLDialect

    init(scope: SyncScope, stage: Int64, run: Int64, now: String, dialect: SQLDialect) {
        spec = ResourceTableSpec.forKind(scope.kind)
        self.stage = stage
        self.dialect = dialect
        arguments = [
            "account": .text(scope.account), "zone": .text(scope.zone), "provider": .text(scope.provider.rawValue),
            "stage": .integer(stage), "run": .integer(run), "now": .text(now), "type": .text(spec.changeType),
            "listing": .text(scope.listingName),
        ]
    }

    /// The connection's temporary `delta` table: the resources the scope changes.
    private var delta: String { "\(dialect.temporary).delta" }
    /// The connection's temporary `child_delta` table: the child rows the scope changes.
    private var childDelta: String { "\(dialect.temporary).child_delta" }
    /// The scope's staged resources.
    private var staged: String { "\(dialect.staged).\(spec.stageTable(stage))" }
    /// The scope's staged child rows of `child`.
    private func staged(_ child: ChildTableSpec) -> String { "\(dialect.staged).\(child.stageTable(stage))" }

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
    func apply(_ db: some ApplyConnection, settle: Settle) throws -> ScopeCounts {
        try computeDelta(db)
        let (withheld, contested) = try leaveAlone(db, settle: settle)
        try db.execute(lifecycleChangesSQL, arguments)
        // The per-column comparisons scan the whole delta once per column: skip them when nothing was updated.
        let updated = try exists(db, "SELECT EXISTS (SELECT 1 FROM \(delta) WHERE action = 'updated')")
        if updated {
            try db.execute(fieldChangesSQL, arguments)
        }
        try writeVersions(db)
        for child in spec.children {
            try applyChild(child, db)
        }
        if updated {
            try db.writeRawChanges(self)
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
    private func leaveAlone(_ db: some ApplyConnection, settle: Settle) throws -> (withheld: Int, contested: Int) {
        var candidates = Candidates()
        let rows = try db.rows("SELECT id, action, old_zone, old_listing FROM \(delta) WHERE \(Self.deletedOrMoved)", arguments)
        for row in rows {
            let id = row[0].text ?? ""
            if row[1].text == "deleted" {
                candidates.deletions.append(id)
            } else {
                candidates.moves.append((id, row[2].text ?? "", row[3].text ?? ""))
            }
        }
        guard !rows.isEmpty else { return (0, 0) }
        let (kept, withheld, contested) = try settle(candidates)
        let leave = Array(kept.union(withheld).union(contested))
        for start in stride(from: 0, to: leave.count, by: 500) {
            let chunk = leave[start..<min(start + 500, leave.count)]
            var named: [String: DatabaseCell] = [:]
            for (index, id) in chunk.enumerated() { named["id\(index)"] = .text(id) }
            try db.execute("DELETE FROM \(delta) WHERE id IN (\(named.keys.sorted().map { ":\($0)" }.joined(separator: ", ")))", named)
        }
        return (withheld.count, contested.count)
    }

    /// The yes/no a `SELECT EXISTS (...)` answers.
    private func exists(_ db: some ApplyConnection, _ sql: String) throws -> Bool {
        try db.rows(sql, arguments).first?.first?.integer == 1
    }

    /// Delta rows that delete a resource, or move one here from another zone or listing.
    private static let deletedOrMoved = """
        (action = 'deleted' OR (action = 'updated' AND (old_zone IS DISTINCT FROM :zone OR old_listing IS DISTINCT FROM :listing)))
        """

    /// Brings the columns that never make a change or a version (the runtime
    /// values and the wire fingerprint) up to date on every resource read. (An unchanged staged row
    /// may carry a new fingerprint: a stale stored one costs a mapping, and is written here.)
    private func writeUnversioned(_ db: some ApplyConnection) throws {
        let columns = (spec.hasRuntime ? ["runtime"] : []) + ["wire_hash"]
        try db.execute("""
            UPDATE \(spec.table) SET \(columns.map { "\($0) = s.\($0)" }.joined(separator: ", "))
            FROM \(staged) s
            WHERE s.scope = :stage AND \(spec.table).account = :account AND \(spec.table).id = s.id
              AND (\(columns.map { "\(spec.table).\($0) IS DISTINCT FROM s.\($0)" }.joined(separator: " OR ")))
            """, arguments)
    }

    /// Whether a scope of the account applied earlier in this run created, changed or deleted anything:
    /// only then can a stored row differ from what an unchanged staged row says of it.
    static let earlierWritesThisRun = """
        EXISTS (SELECT 1 FROM sync_scopes e WHERE e.run_id = :run AND e.account = :account
                AND e.created + e.updated + e.deleted + e.reappeared > 0)
        """

    private func computeDelta(_ db: some ApplyConnection) throws {
        try db.execute("DELETE FROM \(delta)", [:])
        try db.execute("""
            INSERT INTO \(delta) (id, action, old_raw, old_zone, old_listing)
            SELECT s.id, CASE WHEN c.id IS NULL THEN 'created' WHEN c.deleted_at IS NOT NULL THEN 'reappeared'
                              ELSE 'updated' END, c.raw, c.zone, c.listing
            FROM \(staged) s LEFT JOIN \(spec.table) c ON c.account = :account AND c.id = s.id
            WHERE s.scope = :stage AND s.raw <> ''
              AND (c.id IS NULL OR c.deleted_at IS NOT NULL OR c.content_hash <> s.content_hash
                   OR c.zone IS DISTINCT FROM :zone OR c.listing IS DISTINCT FROM :listing);
            INSERT INTO \(delta) (id, action)
            SELECT c.id, 'deleted' FROM \(spec.table) c
            WHERE c.account = :account AND c.zone = :zone AND c.listing = :listing AND c.deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM \(staged) s WHERE s.scope = :stage AND s.id = c.id);
            """, arguments)
    }

    private var lifecycleChangesSQL: String {
        """
        INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind)
        SELECT :run, :now, :account, :type, id, action FROM \(delta) WHERE action <> 'updated'
        """
    }

    private var fieldChangesSQL: String {
        let selects = spec.columns.map { column in
            """
            SELECT :run, :now, :account, :type, d.id, 'updated', '\(column)', \(dialect.changeValue("c.\(column)")),
                   \(dialect.changeValue("s.\(column)"))
            FROM \(delta) d \(dialect.orderedJoin) \(staged) s ON s.scope = :stage AND s.id = d.id
            \(dialect.orderedJoin) \(spec.table) c ON c.account = :account AND c.id = d.id
            WHERE d.action = 'updated' AND s.\(column) IS DISTINCT FROM c.\(column)
            """
        }
        // A move (another zone or listing returned the object before) is said as zone and listing changes.
        let moves = ["zone", "listing"].map { column in
            """
            SELECT :run, :now, :account, :type, d.id, 'updated', '\(column)', d.old_\(column), :\(column)
            FROM \(delta) d WHERE d.action = 'updated' AND d.old_\(column) IS DISTINCT FROM :\(column)
            """
        }
        return """
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind, field, old_value, new_value)
            \((selects + moves).joined(separator: "\nUNION ALL\n"))
            """
    }

    /// For updates that changed no column and no child row: one change per top-level key of `raw` that differs.
    var rawChangesSQL: String {
        let unchanged = """
            d.action = 'updated' AND NOT EXISTS (
                SELECT 1 FROM changes x WHERE x.account = :account AND x.resource_id = d.id AND x.run_id = :run)
            """
        return """
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, kind, field, old_value, new_value)
            SELECT :run, :now, :account, :type, id, 'updated', field, old_value, new_value FROM (
            \(rawDifferences(candidates: "\(delta) d", staged: staged, where: unchanged)))
            """
    }

    /// The updated resources that changed no column and no child row this run, with their previous `raw`.
    var rawCandidatesSQL: String {
        """
        SELECT d.id, d.old_raw FROM \(delta) d
        WHERE d.action = 'updated' AND NOT EXISTS (
            SELECT 1 FROM changes x WHERE x.account = :account AND x.resource_id = d.id AND x.run_id = :run)
        """
    }

    /// SQLite's SELECT of (id, field, old_value, new_value), one row per top-level key of `raw` that
    /// differs between `candidates` (aliased `d`, with `id` and `old_raw`) and the staged rows.
    func rawDifferences(candidates: String, staged: String, where condition: String) -> String {
        let base = "FROM \(candidates) JOIN \(staged) s ON s.scope = :stage AND s.id = d.id"
        return """
            SELECT d.id AS id, 'raw.' || n.key AS field, o.value AS old_value, n.value AS new_value
            \(base) JOIN json_each(s.raw) n LEFT JOIN json_each(d.old_raw) o ON o.key = n.key
            WHERE \(condition) AND (o.key IS NULL OR o.value IS NOT n.value)
            UNION ALL
            SELECT d.id, 'raw.' || o.key, o.value, NULL
            \(base) JOIN json_each(d.old_raw) o
            WHERE \(condition) AND NOT EXISTS (SELECT 1 FROM json_each(s.raw) n WHERE n.key = o.key)
            """
    }

    private func writeVersions(_ db: some ApplyConnection) throws {
        let columns = spec.columns.joined(separator: ", ")
        let sColumns = spec.columns.map { "s.\($0)" }.joined(separator: ", ")
        let updates = (spec.columns + ["raw", "content_hash", "wire_hash"] + (spec.hasRuntime ? ["runtime"] : []))
            .map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let runtime = spec.hasRuntime ? ", runtime" : ""
        let sRuntime = spec.hasRuntime ? ", s.runtime" : ""
        // The open version keeps no raw of its own (the current row holds it): a first sync writes each
        // object once. Closing a version copies the raw in, before the current row takes the new one.
        try db.execute("""
            UPDATE \(spec.table)_history SET valid_to_run = :run, valid_to = :now,
                raw = (SELECT c.raw FROM \(spec.table) c WHERE c.account = \(spec.table)_history.account AND c.id = \(spec.table)_history.id)
            WHERE account = :account AND valid_to_run IS NULL
              AND id IN (SELECT id FROM \(delta) WHERE action IN ('updated', 'deleted'));
            UPDATE \(spec.table) SET deleted_at = :now
            WHERE account = :account AND id IN (SELECT id FROM \(delta) WHERE action = 'deleted');
            INSERT INTO \(spec.table) (account, id, provider, zone, listing, \(columns), first_seen, first_seen_run,
                                       deleted_at, raw, content_hash, wire_hash\(runtime))
            SELECT :account, s.id, :provider, :zone, :listing, \(sColumns), :now, :run, NULL, s.raw, s.content_hash,
                   s.wire_hash\(sRuntime)
            FROM \(staged) s JOIN \(delta) d ON d.id = s.id AND d.action <> 'deleted'
            WHERE s.scope = :stage AND s.raw <> ''
            ON CONFLICT (account, id) DO UPDATE SET deleted_at = NULL, zone = excluded.zone, listing = excluded.listing,
                \(updates);
            INSERT INTO \(spec.table)_history (account, id, provider, zone, listing, \(columns), first_seen, raw, valid_from_run,
                                               valid_from)
            SELECT c.account, c.id, c.provider, c.zone, c.listing, \(spec.columns.map { "c.\($0)" }.joined(separator: ", ")),
                   c.first_seen, '', :run, :now
            FROM \(delta) d JOIN \(spec.table) c ON c.account = :account AND c.id = d.id
            WHERE d.action <> 'deleted';
            """, arguments)
    }

    /// Diffs the child rows of every resource in the delta against what was staged.
    private func applyChild(_ child: ChildTableSpec, _ db: some ApplyConnection) throws {
        let parent = child.parentColumn
        let key = child.keyColumn
        let fixed = child.discriminatorFilter("c")
        let stageFixed = child.discriminatorFilter("s")
        let match = "s.scope = :stage AND s.\(parent) = c.\(parent) AND s.\(key) = c.\(key)\(stageFixed)"
        let differs = child.attributes.map { "s.\($0) IS DISTINCT FROM c.\($0)" }.joined(separator: " OR ")
        try db.execute("""
            DELETE FROM \(childDelta);
            INSERT INTO \(childDelta) (parent, key, action)
            SELECT c.\(parent), c.\(key), 'deleted' FROM \(child.table) c
            WHERE c.account = :account\(fixed) AND c.\(parent) IN (SELECT id FROM \(delta))
              AND NOT EXISTS (SELECT 1 FROM \(staged(child)) s WHERE \(match));
            INSERT INTO \(childDelta) (parent, key, action)
            SELECT s.\(parent), s.\(key), CASE WHEN c.\(parent) IS NULL THEN 'created' ELSE 'updated' END
            FROM \(staged(child)) s JOIN \(delta) d ON d.id = s.\(parent) AND d.action <> 'deleted'
            LEFT JOIN \(child.table) c ON c.account = :account\(fixed) AND c.\(parent) = s.\(parent) AND c.\(key) = s.\(key)
            WHERE s.scope = :stage\(stageFixed) AND (c.\(parent) IS NULL\(differs.isEmpty ? "" : " OR \(differs)"));
            INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, child_key, kind)
            SELECT :run, :now, :account, '\(child.changeType)', parent, key, action FROM \(childDelta)
            WHERE action <> 'updated';
            """, arguments)
        let updated = try exists(db, "SELECT EXISTS (SELECT 1 FROM \(childDelta) WHERE action = 'updated')")
        if updated, !child.attributes.isEmpty {
            let selects = child.attributes.map { column in
                """
                SELECT :run, :now, :account, '\(child.changeType)', x.parent, x.key, 'updated', '\(column)',
                       \(dialect.changeValue("c.\(column)")), \(dialect.changeValue("s.\(column)"))
                FROM \(childDelta) x
                \(dialect.orderedJoin) \(staged(child)) s ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key
                \(dialect.orderedJoin) \(child.table) c ON c.account = :account AND c.\(parent) = x.parent AND c.\(key) = x.key
                WHERE x.action = 'updated' AND s.\(column) IS DISTINCT FROM c.\(column)
                """
            }
            try db.execute("""
                INSERT INTO changes (run_id, changed_at, account, resource_type, resource_id, child_key, kind, field, old_value, new_value)
                \(selects.joined(separator: "\nUNION ALL\n"))
                """, arguments)
        }
        try writeChildVersions(child, db)
    }

    private func writeChildVersions(_ child: ChildTableSpec, _ db: some ApplyConnection) throws {
        let parent = child.parentColumn
        let key = child.keyColumn
        let fixedColumn = child.discriminator.map { ", \($0.column)" } ?? ""
        let fixedValue = child.discriminator.map { ", '\($0.value)'" } ?? ""
        let fixed = child.discriminator.map { " AND \($0.column) = '\($0.value)'" } ?? ""
        let attributes = child.attributes.map { ", \($0)" }.joined()
        let sAttributes = child.attributes.map { ", s.\($0)" }.joined()
        let changed = "(\(parent), \(key)) IN (SELECT parent, key FROM \(childDelta) WHERE action IN"
        try db.execute("""
            UPDATE \(child.table)_history SET valid_to_run = :run, valid_to = :now
            WHERE account = :account\(fixed) AND valid_to_run IS NULL AND \(changed) ('deleted', 'updated'));
            DELETE FROM \(child.table)
            WHERE account = :account\(fixed) AND \(changed) ('deleted', 'updated'));
            INSERT INTO \(child.table) (account\(fixedColumn), \(parent), \(key)\(attributes))
            SELECT :account\(fixedValue), s.\(parent), s.\(key)\(sAttributes)
            FROM \(childDelta) x JOIN \(staged(child)) s
              ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key\(child.discriminatorFilter("s"))
            WHERE x.action IN ('created', 'updated');
            INSERT INTO \(child.table)_history (account\(fixedColumn), \(parent), \(key)\(attributes), valid_from_run, valid_from)
            SELECT :account\(fixedValue), s.\(parent), s.\(key)\(sAttributes), :run, :now
            FROM \(childDelta) x JOIN \(staged(child)) s
              ON s.scope = :stage AND s.\(parent) = x.parent AND s.\(key) = x.key\(child.discriminatorFilter("s"))
            WHERE x.action IN ('created', 'updated');
            """, arguments)
    }

    /// What the apply did, in one query: the delta's actions, the moves among its updates, and the
    /// staged unchanged rows no longer equal to the stored ones (another scope of the run wrote them
    /// after this one read them; they carry no content to write, so `computeDelta` leaves them out;
    /// looked for only when an earlier scope of the run wrote anything).
    private func counts(_ db: some ApplyConnection) throws -> ScopeCounts {
        let row = try db.rows("""
            SELECT (SELECT COUNT(*) FROM \(delta) WHERE action = 'created'),
                   (SELECT COUNT(*) FROM \(delta) WHERE action = 'updated'),
                   (SELECT COUNT(*) FROM \(delta) WHERE action = 'deleted'),
                   (SELECT COUNT(*) FROM \(delta) WHERE action = 'reappeared'),
                   (SELECT COUNT(*) FROM \(delta) WHERE \(Self.deletedOrMoved) AND action = 'updated'),
                   CASE WHEN \(Self.earlierWritesThisRun) THEN (SELECT COUNT(*) FROM \(staged) s
                    LEFT JOIN \(spec.table) c ON c.account = :account AND c.id = s.id
                    WHERE s.scope = :stage AND s.raw = ''
                      AND (c.id IS NULL OR c.deleted_at IS NOT NULL OR c.content_hash <> s.content_hash)) ELSE 0 END
            """, arguments).first ?? []
        let number = { (index: Int) in row.indices.contains(index) ? Int(row[index].integer) : 0 }
        var counts = ScopeCounts()
        counts.created = number(0)
        counts.updated = number(1)
        counts.deleted = number(2)
        counts.reappeared = number(3)
        counts.moved = number(4)
        counts.contested = number(5)
        return counts
    }
}
