import Foundation
import GRDB

/// What `stocktake status --max-age` alerts on: scopes not applied within the
/// age (or never), scopes whose newest attempt failed, and a last run that did
/// not apply every scope. Each alert names the scope and says why.
public struct StatusCheck: Sendable {
    /// One scope's standing, as `status` prints it.
    public struct Entry: Sendable, Equatable {
        public var status: ScopeStatus
        /// `ok`, `stale` (older than the maximum age), `never` (configured, never applied) or `failing`.
        public var state: String
    }

    public var entries: [Entry] = []
    /// One line per problem, for stderr.
    public var alerts: [String] = []

    /// Judges `statuses` against `maxAge` seconds (nil: no age limit, nothing is stale). With
    /// `configured` scopes (account, zone, kind), those no sync ever recorded are `never`, and
    /// only they are judged; `lastRun` is the newest run's (id, status), nil when none ran.
    public init(statuses: [ScopeStatus], configured: [(account: String, zone: String, kind: String)]?,
                maxAge: Double?, lastRun: (id: Int64, status: String)?) {
        var byKey = Dictionary(statuses.map { ("\($0.account)|\($0.zone)|\($0.kind)", $0) }, uniquingKeysWith: { a, _ in a })
        var judged = statuses
        if let configured {
            judged = configured.map { scope in
                byKey.removeValue(forKey: "\(scope.account)|\(scope.zone)|\(scope.kind)")
                    ?? ScopeStatus(account: scope.account, provider: "", zone: scope.zone, kind: scope.kind, lastComplete: nil,
                                   lastCompleteRun: nil, ageSeconds: nil, objects: 0, lastError: nil, lastErrorAt: nil)
            }
        }
        for status in judged {
            let name = "\(status.account) \(status.zone) \(status.kind)"
            var state = "ok"
            if let error = status.lastError {
                state = "failing"
                alerts.append("failing: \(name): the newest attempt failed at \(status.lastErrorAt ?? "?"): \(error)")
            } else if status.lastComplete == nil {
                state = "never"
                alerts.append("never applied: \(name): no sync has read this scope to the end")
            } else if let maxAge, let age = status.ageSeconds, age > maxAge {
                state = "stale"
                alerts.append("stale: \(name): last applied \(status.lastComplete ?? "") (\(Self.age(age)) ago, more than \(Self.age(maxAge)))")
            }
            entries.append(Entry(status: status, state: state))
        }
        if let lastRun, lastRun.status != "ok", lastRun.status != "running" {
            alerts.append("last run #\(lastRun.id) ended \(lastRun.status): not every scope applied")
        } else if lastRun == nil {
            alerts.append("no sync has run on this database")
        }
    }

    /// The table `status` prints, one row per scope: every field, or (`brief`, for a terminal) the
    /// ones a person reads.
    public func table(brief: Bool = false) -> ResultTable {
        let columns = brief
            ? ["account", "zone", "kind", "state", "last_complete", "age", "objects", "last_error"]
            : ["account", "provider", "zone", "kind", "state", "last_complete", "last_complete_run", "age", "age_seconds",
               "objects", "last_error", "last_error_at"]
        return ResultTable(columns: columns, rows: entries.map { entry in
            let status = entry.status
            let values: [String: DatabaseValue] = [
                "account": status.account.databaseValue, "provider": status.provider.databaseValue,
                "zone": status.zone.databaseValue, "kind": status.kind.databaseValue, "state": entry.state.databaseValue,
                "last_complete": status.lastComplete.databaseValue, "last_complete_run": status.lastCompleteRun.databaseValue,
                "age": status.ageSeconds.map(Self.age).databaseValue, "age_seconds": status.ageSeconds.databaseValue,
                "objects": status.objects.databaseValue, "last_error": status.lastError.databaseValue,
                "last_error_at": status.lastErrorAt.databaseValue,
            ]
            return columns.map { values[$0] ?? .null }
        })
    }

    /// The newest run's id and status, nil when no sync ran.
    public static func lastRun(_ inventory: ReadOnlyInventory) throws -> (id: Int64, status: String)? {
        let result = try inventory.execute("SELECT id, status FROM sync_runs ORDER BY id DESC LIMIT 1")
        guard let row = result.rows.first, let id = Int64.fromDatabaseValue(row[0]), let status = String.fromDatabaseValue(row[1])
        else { return nil }
        return (id, status)
    }

    /// An age for people: `45s`, `12m`, `5h`, `3d`.
    public static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: return "\(Int(seconds))s"
        case ..<7200: return "\(Int(seconds / 60))m"
        case ..<172_800: return "\(Int(seconds / 3600))h"
        default: return "\(Int(seconds / 86400))d"
        }
    }
}
