/// What a whole `stocktake sync` did.
public struct SyncReport: Sendable, Codable, Equatable {
    /// The run number (runs count from 1, one per sync).
    public var run: Int64
    public var startedAt: String
    public var finishedAt: String
    public var database: String
    public var scopes: [ScopeReport]
    /// True when the sync was stopped (SIGINT, SIGTERM) before every scope was read.
    public var interrupted = false

    public var applied: Int { scopes.filter { $0.outcome == .applied }.count }
    public var failed: Int { scopes.filter { $0.outcome == .failed }.count }

    /// 0 when every scope applied, 2 when some failed and others applied, 1 when none applied.
    public var exitCode: Int32 {
        failed == 0 ? 0 : applied > 0 ? 2 : 1
    }

    enum CodingKeys: String, CodingKey {
        case run, database, scopes, applied, failed, interrupted
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    public init(
        run: Int64, startedAt: String, finishedAt: String, database: String, scopes: [ScopeReport], interrupted: Bool = false
    ) {
        self.interrupted = interrupted
        self.run = run
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.database = database
        self.scopes = scopes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        run = try container.decode(Int64.self, forKey: .run)
        startedAt = try container.decode(String.self, forKey: .startedAt)
        finishedAt = try container.decode(String.self, forKey: .finishedAt)
        database = try container.decode(String.self, forKey: .database)
        scopes = try container.decode([ScopeReport].self, forKey: .scopes)
        interrupted = try container.decodeIfPresent(Bool.self, forKey: .interrupted) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(database, forKey: .database)
        try container.encode(applied, forKey: .applied)
        try container.encode(failed, forKey: .failed)
        try container.encode(interrupted, forKey: .interrupted)
        try container.encode(scopes, forKey: .scopes)
    }
}
