/// How one scope of a sync went.
public struct ScopeReport: Sendable, Codable, Equatable {
    /// Applied, or failed and left the inventory untouched.
    public enum Outcome: String, Sendable, Codable {
        case applied, failed
    }

    public var account: String
    public var provider: String
    public var zone: String
    /// servers, volumes or drives.
    public var kind: String
    public var outcome: Outcome
    public var pages = 0
    /// Distinct objects read.
    public var objects = 0
    public var counts = ScopeCounts()
    public var seconds = 0.0
    public var startedAt: String
    public var error: String?

    init(scope: SyncScope, startedAt: String) {
        account = scope.account
        provider = scope.provider.rawValue
        zone = scope.zone
        kind = scope.listingName
        outcome = .failed
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case account, provider, zone, kind, outcome, pages, objects, counts, seconds, error
        case startedAt = "started_at"
    }

    /// The one line `stocktake sync` prints on stderr for the scope.
    public var line: String {
        let head = "\(account) \(zone) \(kind)"
        guard outcome == .applied else {
            // Messages that name the scope themselves are not prefixed twice.
            let message = error.map { $0.hasPrefix(head + ": ") ? String($0.dropFirst(head.count + 2)) : $0 }
            return "\(head): failed: \(message ?? "unknown error")"
        }
        var text = "\(head): \(objects) objects, \(counts.created) created, \(counts.updated) updated, \(counts.deleted) deleted"
        if counts.reappeared > 0 { text += ", \(counts.reappeared) reappeared" }
        if counts.moved > 0 { text += ", \(counts.moved) moved here from another zone or listing" }
        if counts.withheld > 0 {
            text += ", \(counts.withheld) not deleted while another listing of theirs failed (the next sync decides)"
        }
        if counts.contested > 0 {
            text += ", \(counts.contested) also returned by another listing of this run (left as that listing has them)"
        }
        return text + ", " + String(format: "%.2f s", seconds)
    }
}
