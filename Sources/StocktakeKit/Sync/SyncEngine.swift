import Foundation
import GRDB
import Logging

/// Runs a sync: every scope of every selected account, accounts in parallel and
/// each account's requests capped at `sync.concurrency`.
///
/// A scope is applied only after its listing was read to the end, in one
/// transaction; a failed scope changes nothing and the others still apply.
public struct SyncEngine: Sendable {
    public let configuration: StocktakeConfiguration
    public let database: InventoryDatabase
    public let transport: any HTTPTransport
    public let logger: Logger

    public init(
        configuration: StocktakeConfiguration, database: InventoryDatabase,
        transport: any HTTPTransport = AsyncHTTPTransport(), logger: Logger = Logger(label: "stocktake.sync")
    ) {
        self.configuration = configuration
        self.database = database
        self.transport = transport
        self.logger = logger
    }

    /// Syncs `accounts` (all when empty), calling `onScope` as each scope finishes.
    public func run(
        accounts names: [String] = [], onScope: @escaping @Sendable (ScopeReport) -> Void = { _ in }
    ) async throws -> SyncReport {
        let accounts = names.isEmpty ? configuration.accounts : configuration.accounts.filter { names.contains($0.name) }
        let (run, startedAt) = try await database.beginRun(accounts: accounts)
        logger.info("sync run \(run) started", metadata: ["accounts": "\(accounts.map(\.name))"])
        var stageBase: Int64 = 0
        let reports = await withTaskGroup(of: [ScopeReport].self) { group in
            for account in accounts {
                let base = stageBase
                stageBase += Int64(account.scopes.count)
                group.addTask { await self.sync(account, run: run, stageBase: base, onScope: onScope) }
            }
            var all: [ScopeReport] = []
            for await reports in group { all += reports }
            return all
        }
        let ordered = reports.sorted { ($0.account, $0.zone, $0.kind) < ($1.account, $1.zone, $1.kind) }
        let applied = ordered.filter { $0.outcome == .applied }.count
        try await database.finishRun(run, applied: applied, failed: ordered.count - applied)
        return SyncReport(run: run, startedAt: startedAt, finishedAt: InventoryDatabase.timestamp(),
                          database: database.path, scopes: ordered)
    }

    private func client(for account: AccountConfiguration) -> AccountHTTPClient {
        let settings = configuration.sync
        let authorization: (String, String)
        switch account.credentials {
        case .scaleway(let secretKey):
            authorization = ("X-Auth-Token", secretKey)
        case .cloudsigma(let username, let password):
            authorization = ("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        }
        return AccountHTTPClient(
            account: account.name, provider: account.provider, transport: transport,
            gate: AsyncSemaphore(settings.concurrency), policy: RetryPolicy(maxRetries: settings.maxRetries),
            timeout: .seconds(settings.timeoutSeconds), authorization: authorization, logger: logger)
    }

    private func sync(
        _ account: AccountConfiguration, run: Int64, stageBase: Int64, onScope: @escaping @Sendable (ScopeReport) -> Void
    ) async -> [ScopeReport] {
        let client = client(for: account)
        let settings = configuration.sync
        let reader: any ListingReader
        var tagNames: [String: String] = [:]
        var accountFailure: SyncError?
        switch account.provider {
        case .scaleway:
            reader = ScalewayListingReader(client: client, baseURL: account.apiURL, pageSize: settings.pageSize,
                                           window: settings.concurrency)
        case .cloudsigma:
            let sigma = CloudSigmaListingReader(client: client, baseURL: account.apiURL, pageSize: settings.pageSize,
                                                window: settings.concurrency)
            reader = sigma
            do {
                tagNames = try await sigma.tagNames()
            } catch {
                accountFailure = error as? SyncError
                    ?? .transport(account: account.name, url: account.apiURL + "tags/", detail: "\(error)")
            }
        }
        let scopes = account.scopes
        if let accountFailure {
            return await failAll(scopes, run: run, error: accountFailure, onScope: onScope)
        }
        let mapping = ResourceMapping(provider: account.provider, tagNames: tagNames)
        return await withTaskGroup(of: (ScopeReport, Bool).self) { group in
            for (index, scope) in scopes.enumerated() {
                group.addTask {
                    await self.sync(scope, stage: stageBase + Int64(index), run: run, reader: reader, mapping: mapping)
                }
            }
            var reports: [ScopeReport] = []
            var authentication: String?
            for await (report, failsAccount) in group {
                var report = report
                if failsAccount, authentication == nil {
                    authentication = report.error
                    group.cancelAll()
                } else if report.outcome == .failed, let authentication {
                    report.error = authentication
                }
                onScope(report)
                reports.append(report)
            }
            return reports
        }
    }

    private func failAll(
        _ scopes: [SyncScope], run: Int64, error: SyncError,
        onScope: @Sendable (ScopeReport) -> Void
    ) async -> [ScopeReport] {
        var reports: [ScopeReport] = []
        for scope in scopes {
            var report = ScopeReport(scope: scope, startedAt: InventoryDatabase.timestamp())
            report.error = error.description
            try? await database.recordFailure(report, run: run)
            onScope(report)
            reports.append(report)
        }
        return reports
    }

    /// Reads a scope (twice at most, when the count disagrees with the announced total) and applies it.
    private func sync(
        _ scope: SyncScope, stage: Int64, run: Int64, reader: any ListingReader, mapping: ResourceMapping
    ) async -> (ScopeReport, Bool) {
        let started = ContinuousClock.now
        var report = ScopeReport(scope: scope, startedAt: InventoryDatabase.timestamp())
        do {
            for attempt in 1...2 {
                let staged = try database.makeStage(stage)
                defer { staged.remove() }
                let summary = try await reader.read(scope) { objects in
                    try await self.stage(objects, scope: scope, into: staged, mapping: mapping)
                }
                let count = try await staged.finish(scope.kind)
                report.pages += summary.pages
                report.objects = count
                let totals = Array(Set(summary.announcedTotals)).sorted()
                if totals.isEmpty || totals == [count] {
                    report.outcome = .applied
                    report.seconds = (ContinuousClock.now - started).seconds
                    report.counts = try await database.apply(scope, stage: staged, run: run, report: report)
                    return (report, false)
                }
                guard attempt == 1 else {
                    throw SyncError.incompleteListing(scope: scope, announced: totals, read: count)
                }
                logger.warning("the listing changed while it was read; reading it again",
                               metadata: ["scope": "\(scope)", "announced": "\(totals)", "read": "\(count)"])
            }
        } catch {
            report.outcome = .failed
            report.counts = ScopeCounts()
            report.error = Self.message(error, scope: scope)
            report.seconds = (ContinuousClock.now - started).seconds
            logger.error("scope failed", metadata: ["scope": "\(scope)", "error": "\(report.error ?? "")"])
            try? await database.recordFailure(report, run: run)
            return (report, (error as? SyncError)?.failsAccount ?? false)
        }
        return (report, false)
    }

    static func message(_ error: any Error, scope: SyncScope) -> String {
        switch error {
        case let error as SyncError: return error.description
        case is CancellationError: return "cancelled: another request of this account failed its authentication"
        case let error as DatabaseError: return "\(scope): database error: \(error.message ?? "\(error.resultCode)")"
        default: return "\(scope): \(error)"
        }
    }

    /// Sorts a page's objects into unchanged ones (their wire fingerprint is
    /// the stored one) and mapped rows, and stages them.
    private func stage(
        _ objects: [WireValue], scope: SyncScope, into staged: ScopeStageFile, mapping: ResourceMapping
    ) async throws {
        let ids = objects.map(mapping.id(of:))
        let stored = try await database.storedHashes(scope.kind, account: scope.account, ids: ids.compactMap { $0 })
        switch scope.kind {
        case .servers:
            try await staged.stage(servers: StagedPage(objects, ids: ids, stored: stored, mapping: mapping,
                                                       map: mapping.server, runtime: mapping.runtime(of:)))
        case .drives:
            try await staged.stage(drives: StagedPage(objects, ids: ids, stored: stored, mapping: mapping,
                                                      map: mapping.drive, runtime: { _ in nil }))
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
