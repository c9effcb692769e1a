import Foundation
import GRDB
import Logging
import PostgresNIO

/// Runs a sync: every scope of every selected account, accounts in parallel and
/// each account's requests capped at `sync.concurrency`.
///
/// A scope is applied only after its listing was read to the end, in one
/// transaction; a failed scope changes nothing and the others still apply.
public struct SyncEngine: Sendable {
    public let configuration: StocktakeConfiguration
    /// Where the sync writes: a SQLite file or a shared PostgreSQL database.
    public let store: InventoryStore
    public let transport: any HTTPTransport
    public let logger: Logger
    /// Live counts for a display, when one watches (`stocktake sync` on a terminal).
    public var progress: SyncProgress?

    public init(
        configuration: StocktakeConfiguration, store: InventoryStore,
        transport: any HTTPTransport = AsyncHTTPTransport(), logger: Logger = Logger(label: "stocktake.sync")
    ) {
        self.configuration = configuration
        self.store = store
        self.transport = transport
        self.logger = logger
    }

    /// A sync into the SQLite file `database`.
    public init(
        configuration: StocktakeConfiguration, database: InventoryDatabase,
        transport: any HTTPTransport = AsyncHTTPTransport(), logger: Logger = Logger(label: "stocktake.sync")
    ) {
        self.init(configuration: configuration, store: .sqlite(database), transport: transport, logger: logger)
    }

    /// Syncs `accounts` (all when empty), calling `onScope` as each scope finishes.
    ///
    /// When the calling task is cancelled (SIGINT, SIGTERM), the scopes still
    /// being read stop and are recorded as not applied, the scopes already
    /// applied stay, and the run is recorded `interrupted`.
    public func run(
        accounts names: [String] = [], acceptOwnerChange: Bool = false,
        onScope: @escaping @Sendable (ScopeReport) -> Void = { _ in }
    ) async throws -> SyncReport {
        let accounts = names.isEmpty ? configuration.accounts : configuration.accounts.filter { names.contains($0.name) }
        let (run, startedAt) = try await store.beginRun(accounts: accounts)
        logger.info("sync run \(run) started", metadata: ["accounts": "\(accounts.map(\.name))"])
        var stageBase: Int64 = 0
        let reports = await withTaskGroup(of: [ScopeReport].self) { group in
            for account in accounts {
                let base = stageBase
                stageBase += Int64(account.scopes.count)
                group.addTask {
                    await self.sync(account, run: run, stageBase: base, acceptOwnerChange: acceptOwnerChange, onScope: onScope)
                }
            }
            var all: [ScopeReport] = []
            for await reports in group { all += reports }
            return all
        }
        let ordered = reports.sorted { ($0.account, $0.zone, $0.kind) < ($1.account, $1.zone, $1.kind) }
        let applied = ordered.filter { $0.outcome == .applied }.count
        let interrupted = Task.isCancelled
        try store.finishRun(run, scopes: ordered, interrupted: interrupted)
        if !interrupted, applied > 0 {
            // Statistics only speed queries up: a full disk or a busy file must not turn a recorded run into an error.
            do {
                try await store.analyze()
            } catch {
                logger.warning("could not refresh the query statistics (ANALYZE); queries may be slower until the next sync",
                               metadata: ["error": "\(error)"])
            }
        }
        return SyncReport(run: run, startedAt: startedAt, finishedAt: InventoryDatabase.timestamp(),
                          database: store.description, scopes: ordered, interrupted: interrupted)
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
        _ account: AccountConfiguration, run: Int64, stageBase: Int64, acceptOwnerChange: Bool,
        onScope: @escaping @Sendable (ScopeReport) -> Void
    ) async -> [ScopeReport] {
        let client = client(for: account)
        let settings = configuration.sync
        let reader: any ListingReader
        var tagNames: [String: String] = [:]
        var accountFailure: (any Error)?
        switch account.provider {
        case .scaleway:
            reader = PriceTableReader(
                table: account.priceTable,
                provider: ScalewayListingReader(client: client, baseURL: account.apiURL, pageSize: settings.pageSize,
                                                window: settings.concurrency))
        case .cloudsigma:
            let sigma = CloudSigmaListingReader(client: client, baseURL: account.apiURL, pageSize: settings.pageSize,
                                                window: settings.concurrency)
            reader = sigma
            do {
                tagNames = try await sigma.tagNames()
            } catch let error as SyncError where !error.failsAccount {
                accountFailure = SyncError.accountLookup(account: account.name, what: "the tag names (GET tags/)",
                                                         reason: error.description)
            } catch {
                accountFailure = error
            }
        }
        let scopes = account.scopes
        progress?.begin(account: account.name, scopes: scopes.count)
        if let accountFailure {
            return failAll(scopes, run: run, error: accountFailure, onScope: onScope)
        }
        let mapping = ResourceMapping(provider: account.provider, tagNames: tagNames)
        var known: String?
        if !acceptOwnerChange {
            do {
                known = try await store.owner(of: account.name)
            } catch {
                logger.warning("cannot read the account's owner; its listings are not checked against it this run",
                               metadata: ["account": "\(account.name)", "error": "\(error)"])
            }
        }
        let witness = OwnerWitness(known: known, scopes: scopes.count)
        let peers = ListingPeers(scopes: scopes)
        return await withTaskGroup(of: (ScopeReport, Bool).self) { group in
            for (index, scope) in scopes.enumerated() {
                group.addTask {
                    await self.sync(scope, stage: stageBase + Int64(index), run: run, reader: reader, mapping: mapping,
                                    witness: witness, peers: Peer(listings: peers, index: index))
                }
            }
            var reports: [ScopeReport] = []
            var authentication: String?
            for await (report, failsAccount) in group {
                var report = report
                if failsAccount, authentication == nil {
                    authentication = report.error
                    group.cancelAll()
                } else if report.outcome == .failed, report.error == Self.stoppedMessage, let authentication {
                    // Cancelled because a sibling's credentials were refused: say that, not "stopped".
                    report.error = authentication
                }
                if report.outcome == .failed { record(report, run: run) }
                progress?.scopeFinished(account: report.account, applied: report.outcome == .applied)
                onScope(report)
                reports.append(report)
            }
            return reports
        }
    }

    /// Records a scope that did not apply. The write is synchronous, so it is
    /// kept even when the sync is being cancelled.
    private func record(_ failure: ScopeReport, run: Int64) {
        do {
            try store.recordFailure(failure, run: run)
        } catch {
            logger.warning("cannot record the failed scope yet; it is recorded when the run ends", metadata: ["scope": "\(failure.account) \(failure.zone) \(failure.kind)",
                                                                       "error": "\(error)"])
        }
    }

    private func failAll(
        _ scopes: [SyncScope], run: Int64, error: any Error, onScope: @Sendable (ScopeReport) -> Void
    ) -> [ScopeReport] {
        var reports: [ScopeReport] = []
        for scope in scopes {
            var report = ScopeReport(scope: scope, startedAt: InventoryDatabase.timestamp())
            report.error = message(error, scope: scope)
            record(report, run: run)
            progress?.scopeFinished(account: report.account, applied: false)
            onScope(report)
            reports.append(report)
        }
        return reports
    }

    /// Reads a scope (twice at most, when the count disagrees with the announced total) and applies it.
    /// The failure of a scope is returned, not recorded: the account's task records it.
    /// A scope's place among its account's listings.
    private struct Peer: Sendable {
        let listings: ListingPeers
        let index: Int
    }

    private func sync(
        _ scope: SyncScope, stage: Int64, run: Int64, reader: any ListingReader, mapping: ResourceMapping,
        witness: OwnerWitness, peers: Peer
    ) async -> (ScopeReport, Bool) {
        let started = ContinuousClock.now
        var report = ScopeReport(scope: scope, startedAt: InventoryDatabase.timestamp())
        var judged = false
        let owners = OwnerSet()
        defer { peers.listings.finishedReading(scope: peers.index, complete: false) }
        do {
            for attempt in 1...2 {
                let staged = try store.makeStage(stage)
                defer { staged.remove() }
                let summary = try await withDeadline(scope) {
                    try await reader.read(scope) { objects in
                        owners.insert(objects.compactMap(mapping.owner(of:)))
                        self.progress?.pageRead(account: scope.account, objects: objects.count)
                        try await self.stage(objects, scope: scope, into: staged, mapping: mapping, peers: peers)
                    }
                }
                let count = try await staged.finish(scope.kind)
                report.pages += summary.pages
                report.objects = count
                let totals = Array(Set(summary.announcedTotals)).sorted()
                if !summary.moreAfterEnd, totals.isEmpty || totals == [count] {
                    peers.listings.finishedReading(scope: peers.index, complete: true)
                    let hadResources = owners.isEmpty ? try await store.hasLiveResources(scope) : true
                    judged = true
                    let owner: String?
                    switch await witness.judge(owners: owners.all, hadResources: hadResources) {
                    case .apply(let learnt): owner = learnt
                    case .otherOwner(let other):
                        throw SyncError.otherOwner(scope: scope, known: witness.known.flatMap(OwnerWitness.stored) ?? "", seen: other)
                    }
                    try Task.checkCancellation()
                    report.outcome = .applied
                    report.seconds = (ContinuousClock.now - started).seconds
                    report.counts = try await apply(scope, stage: staged, run: run, report: report, owner: owner, peers: peers)
                    return (report, false)
                }
                guard attempt == 1 else {
                    throw SyncError.incompleteListing(scope: scope, announced: totals, read: count, moreAfterEnd: summary.moreAfterEnd)
                }
                logger.warning("the listing changed while it was read; reading it again",
                               metadata: ["scope": "\(scope)", "announced": "\(totals)", "read": "\(count)"])
            }
        } catch {
            if case SyncError.forbidden = error { peers.listings.finishedReading(scope: peers.index, complete: false, forbidden: true) }
            if !judged { await witness.abandon(owners: owners.all) }
            report.outcome = .failed
            report.counts = ScopeCounts()
            report.error = message(error, scope: scope)
            report.seconds = (ContinuousClock.now - started).seconds
            logger.debug("scope failed", metadata: ["scope": "\(scope)", "error": "\(report.error ?? "")"])
            return (report, (error as? SyncError)?.failsAccount ?? false)
        }
        return (report, false)
    }

    /// Applies a read scope. When it would delete or move rows while a listing of the
    /// same table that may hold them is still being read, nothing is applied yet: it
    /// waits for those listings and applies then (see `ListingPeers`).
    private func apply(
        _ scope: SyncScope, stage: ScopeStageFile, run: Int64, report: ScopeReport, owner: String?, peers: Peer
    ) async throws -> ScopeCounts {
        while true {
            do {
                return try await store.apply(scope, stage: stage, run: run, report: report, owner: owner) { candidates in
                    switch peers.listings.decide(scope: peers.index, deletions: candidates.deletions, moves: candidates.moves) {
                    case .waitForPeers: throw PeersStillReading()
                    case .proceed(let kept, let withheld, let contested): return (kept, withheld, contested)
                    }
                }
            } catch is PeersStillReading {
                await peers.listings.waitForPeers(of: peers.index)
                try Task.checkCancellation()
            }
        }
    }

    /// Thrown inside an apply's transaction to undo it until the listings it waits for were read.
    private struct PeersStillReading: Error {}

    /// Runs `body`, failing the scope when it takes longer than `sync.scope_timeout_seconds`.
    private func withDeadline<T: Sendable>(_ scope: SyncScope, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let seconds = configuration.sync.scopeTimeoutSeconds
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw SyncError.scopeTimeout(scope: scope, seconds: seconds)
            }
            return result
        }
    }

    /// The reason a scope gives when it was cancelled before its listing was read.
    static let stoppedMessage = "the sync was stopped before this listing was read to the end; nothing applied"

    private func message(_ error: any Error, scope: SyncScope) -> String {
        Self.message(error, scope: scope, database: store.description)
    }

    static func message(_ error: any Error, scope: SyncScope, database: String) -> String {
        switch error {
        case SyncError.forbidden(let account, let provider, let url, let detail, nil):
            let permission = ListingDeclaration.of(scope.kind, on: scope.provider)?.permission
            return SyncError.forbidden(account: account, provider: provider, url: url, detail: detail, permission: permission).description
        case let error as SyncError: return error.description
        case is CancellationError: return stoppedMessage
        case let error as DatabaseError where StorageSpace.isFull(error, near: database):
            return "\(scope): \(InventoryError.diskFull(path: database).description)"
        case let error as DatabaseError: return "\(scope): database error: \(error.message ?? "\(error.resultCode)")"
        case let error as PSQLError: return "\(scope): database error: \(PostgresStore.describe(error))"
        default: return "\(scope): \(error)"
        }
    }

    /// Sorts a page's objects into unchanged ones (their wire fingerprint is
    /// the stored one) and mapped rows, and stages them.
    private func stage(
        _ objects: [WireValue], scope: SyncScope, into staged: ScopeStageFile, mapping: ResourceMapping, peers: Peer
    ) async throws {
        let ids = objects.map(mapping.id(of:))
        peers.listings.hold(ids, scope: peers.index)
        let stored = try await store.storedHashes(scope.kind, account: scope.account, ids: ids.compactMap { $0 })
        let page = PageToStage(objects: objects, ids: ids, stored: stored, scope: scope, mapping: mapping)
        try await ListingDeclaration.of(scope).mapping.stage(page, staged)
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
