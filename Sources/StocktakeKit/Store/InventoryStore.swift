import Foundation

/// The store of record a sync writes into: one SQLite file, or a shared PostgreSQL database.
///
/// Both receive the same staged scopes and run the same applier (`ScopeApplier`) on them, each in
/// one transaction per scope; they differ in where runs are numbered and locked, and where stage
/// files live.
public enum InventoryStore: Sendable, CustomStringConvertible {
    case sqlite(InventoryDatabase)
    case postgres(PostgresInventory)

    /// The file's path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let database): return database.path
        case .postgres(let inventory): return inventory.location.description
        }
    }

    /// Every scope any sync has recorded, with its standing, as of `now`.
    public func status(now: Date = Date()) async throws -> [ScopeStatus] {
        switch self {
        case .sqlite(let database): return try await database.status(now: now)
        case .postgres(let inventory): return try await inventory.status(now: now)
        }
    }

    func beginRun(accounts: [AccountConfiguration]) async throws -> (run: Int64, startedAt: String) {
        switch self {
        case .sqlite(let database): return try await database.beginRun(accounts: accounts)
        case .postgres(let inventory): return try await inventory.beginRun(accounts: accounts)
        }
    }

    func finishRun(_ run: Int64, scopes: [ScopeReport], interrupted: Bool) throws {
        switch self {
        case .sqlite(let database): try database.finishRun(run, scopes: scopes, interrupted: interrupted)
        case .postgres(let inventory): try inventory.finishRun(run, scopes: scopes, interrupted: interrupted)
        }
    }

    func analyze() async throws {
        switch self {
        case .sqlite(let database): try await database.analyze()
        case .postgres(let inventory): try await inventory.analyze()
        }
    }

    func makeStage(_ scope: Int64) throws -> ScopeStageFile {
        switch self {
        case .sqlite(let database): return try database.makeStage(scope)
        case .postgres(let inventory): return try inventory.makeStage(scope)
        }
    }

    func storedHashes(_ kind: ResourceKind, account: String, ids: [String]) async throws -> [String: StoredHashes] {
        switch self {
        case .sqlite(let database): return try await database.storedHashes(kind, account: account, ids: ids)
        case .postgres(let inventory): return try await inventory.storedHashes(kind, account: account, ids: ids)
        }
    }

    func owner(of account: String) async throws -> String? {
        switch self {
        case .sqlite(let database): return try await database.owner(of: account)
        case .postgres(let inventory): return try await inventory.owner(of: account)
        }
    }

    func hasLiveResources(_ scope: SyncScope) async throws -> Bool {
        switch self {
        case .sqlite(let database): return try await database.hasLiveResources(scope)
        case .postgres(let inventory): return try await inventory.hasLiveResources(scope)
        }
    }

    func apply(
        _ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport, owner: String?,
        settle: @escaping @Sendable ScopeApplier.Settle
    ) async throws -> ScopeCounts {
        switch self {
        case .sqlite(let database):
            return try await database.apply(scope, stage: stage, run: run, report: report, owner: owner, settle: settle)
        case .postgres(let inventory):
            return try await inventory.apply(scope, stage: stage, run: run, report: report, owner: owner, settle: settle)
        }
    }

    func recordFailure(_ report: ScopeReport, run: Int64) throws {
        switch self {
        case .sqlite(let database): try database.recordFailure(report, run: run)
        case .postgres(let inventory): try inventory.recordFailure(report, run: run)
        }
    }
}
