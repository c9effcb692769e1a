import Foundation
import GRDB

/// Where one scope stands: its last complete sync, its size, its last error.
public struct ScopeStatus: Sendable, Codable, Equatable {
    public var account: String
    public var provider: String
    public var zone: String
    public var kind: String
    /// When the scope was last applied, and by which run.
    public var lastComplete: String?
    public var lastCompleteRun: Int64?
    /// Seconds since `lastComplete`.
    public var ageSeconds: Double?
    /// Resources of the scope that exist now.
    public var objects: Int
    /// The newest failure, when it came after the last complete sync.
    public var lastError: String?
    public var lastErrorAt: String?

    enum CodingKeys: String, CodingKey {
        case account, provider, zone, kind, objects
        case lastComplete = "last_complete"
        case lastCompleteRun = "last_complete_run"
        case ageSeconds = "age_seconds"
        case lastError = "last_error"
        case lastErrorAt = "last_error_at"
    }
}

extension InventoryDatabase {
    /// Every scope any sync has recorded, with its standing, as of `now`.
    public func status(now: Date = Date()) async throws -> [ScopeStatus] {
        try await pool.read { db in try ScopeStatus.all(in: db, now: now) }
    }
}

extension ReadOnlyInventory {
    /// Every scope any sync has recorded, with its standing, as of `now`.
    public func status(now: Date = Date()) throws -> [ScopeStatus] {
        try withReader { db in try ScopeStatus.all(in: db, now: now) }
    }
}

extension ScopeStatus {
    /// Every scope any sync has recorded, with its standing, as of `now`, read from either store.
    static func all(in db: some SQLReader, now: Date) throws -> [ScopeStatus] {
        let rows = try db.rows("""
            SELECT s.account, a.provider, s.zone, s.kind,
                   (SELECT MAX(run_id) FROM sync_scopes x WHERE x.account = s.account AND x.zone = s.zone
                      AND x.kind = s.kind AND x.outcome = 'applied') AS applied_run,
                   (SELECT MAX(run_id) FROM sync_scopes x WHERE x.account = s.account AND x.zone = s.zone
                      AND x.kind = s.kind AND x.outcome = 'failed') AS failed_run
            FROM (SELECT DISTINCT account, zone, kind FROM sync_scopes) s
            LEFT JOIN accounts a ON a.name = s.account
            ORDER BY s.account, s.zone, s.kind
            """, [:])
        return try rows.map { row in try Self.status(row, now: now, db: db) }
    }

    private static func status(_ row: [DatabaseCell], now: Date, db: some SQLReader) throws -> ScopeStatus {
        let account = row[0].text ?? "", zone = row[2].text ?? "", kind = row[3].text ?? ""
        let appliedRun = row[4].text.flatMap { Int64($0) }
        let failedRun = row[5].text.flatMap { Int64($0) }
        var status = ScopeStatus(account: account, provider: row[1].text ?? "", zone: zone, kind: kind,
                                 lastComplete: nil, lastCompleteRun: appliedRun, ageSeconds: nil, objects: 0,
                                 lastError: nil, lastErrorAt: nil)
        let scope: [String: DatabaseCell] = ["account": .text(account), "zone": .text(zone), "kind": .text(kind)]
        if let appliedRun {
            status.lastComplete = try db.rows("""
                SELECT finished_at FROM sync_scopes WHERE account = :account AND zone = :zone AND kind = :kind AND run_id = :run
                  AND outcome = 'applied'
                """, scope.merging(["run": .integer(appliedRun)]) { $1 }).first?.first?.text
            if let text = status.lastComplete, let date = try? Date(text, strategy: .iso8601) {
                status.ageSeconds = (now.timeIntervalSince(date) * 10).rounded() / 10
            }
        }
        if let failedRun, failedRun > (appliedRun ?? 0) {
            let failure = try db.rows("""
                SELECT error, finished_at FROM sync_scopes WHERE account = :account AND zone = :zone AND kind = :kind
                  AND run_id = :run AND outcome = 'failed'
                """, scope.merging(["run": .integer(failedRun)]) { $1 }).first
            status.lastError = failure?[0].text
            status.lastErrorAt = failure?[1].text
        }
        // `kind` is the listing's word (servers, volumes, drives); the provider says which table holds it.
        if let provider = Provider(rawValue: status.provider), let resource = ResourceKind.named(kind, for: provider) {
            status.objects = Int(try db.rows("""
                SELECT COUNT(*) FROM \(ResourceTableSpec.forKind(resource).table)
                WHERE account = :account AND zone = :zone AND listing = :kind AND deleted_at IS NULL
                """, scope).first?.first?.integer ?? 0)
        }
        return status
    }
}

extension InventoryDatabase {
    /// How many changes a run recorded, per resource type and kind.
    public func changeSummary(run: Int64) async throws -> [(String, String, Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT resource_type, kind, COUNT(*) AS n FROM changes WHERE run_id = ?
                GROUP BY resource_type, kind ORDER BY resource_type, kind
                """, arguments: [run]).map { ($0["resource_type"], $0["kind"], $0["n"]) }
        }
    }
}
