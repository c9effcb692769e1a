import Synchronization
import Foundation
import Reliability
import GRDB
import Logging
import Simulator
@testable import StocktakeKit
import Testing

@Suite("Sync under faults")
struct SyncFaultTests {
    /// Every row of the scope's table for one account and zone, as text, to compare before and after.
    static func snapshot(_ harness: SyncHarness, table: String, account: String, zone: String, listing: String? = nil) throws -> [String] {
        try harness.snapshot(table: table, account: account, zone: zone, listing: listing)
    }

    @Test("A scope that keeps failing changes nothing; the others apply; exit code 2 and a message naming it")
    func persistentFailure() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            try harness.simulator.advanceEpoch(churn: 0.2)
            let before = try Self.snapshot(harness, table: "drives", account: "scw", zone: "fr-par-1", listing: "volumes")
            try harness.simulator.addFault(FaultRule(.serverError, provider: "scaleway", resource: "volumes", zone: "fr-par-1", status: 500))
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let failed = report.scopes.filter { $0.outcome == .failed }
            #expect(failed.map(\.kind) == ["volumes"])
            #expect(failed.first?.zone == "fr-par-1")
            #expect(failed.first?.error?.contains("account 'scw'") == true)
            #expect(failed.first?.error?.contains("HTTP 500") == true)
            #expect(try Self.snapshot(harness, table: "drives", account: "scw", zone: "fr-par-1", listing: "volumes") == before)
            let truth = ExpectedInventory(harness.simulator.groundTruth())
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            #expect(stored.servers == truth.servers, "the other scopes applied the epoch")
            let status = try await InventoryDatabase(path: harness.databasePath).status()
            #expect(status.first { $0.account == "scw" && $0.zone == "fr-par-1" && $0.kind == "volumes" }?.lastError?.contains("HTTP 500") == true)
        }
    }

    @Test("Transient faults are retried and the sync applies everything", arguments: [
        FaultRule(.rateLimit, count: 2, retryAfter: 1),
        FaultRule(.rateLimit, count: 2),
        FaultRule(.serverError, count: 3, status: 503),
        FaultRule(.serverError, count: 2, status: 502),
        FaultRule(.concurrency, provider: "cloudsigma", count: 2),
        FaultRule(.truncatedBody, count: 2),
        FaultRule(.dropConnection, count: 2),
        FaultRule(.delay, count: 3, delayMilliseconds: 200),
    ])
    func transientFaults(rule: FaultRule) async throws {
        try await SyncHarness.with { harness in
            try harness.simulator.addFault(rule)
            let report = try await harness.sync()
            #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
            #expect(harness.simulator.stats().faultsByKind[rule.kind.rawValue] == rule.count)
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
        }
    }

    @Test("401 fails that account at once, with a message naming it; the other account applies")
    func authentication() async throws {
        try await SyncHarness.with { harness in
            try harness.simulator.addFault(FaultRule(.serverError, provider: "cloudsigma", status: 401))
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let cloudSigma = report.scopes.filter { $0.account == "cs" }
            #expect(cloudSigma.count == Provider.cloudsigma.resourceKinds.count)
            #expect(cloudSigma.allSatisfy { $0.outcome == .failed && $0.error?.contains("account 'cs'") == true
                && $0.error?.contains("refused the credentials") == true })
            #expect(report.scopes.filter { $0.account == "scw" }.allSatisfy { $0.outcome == .applied })
            #expect(harness.simulator.stats().requestsByEndpoint["cloudsigma tags"] == 1, "no retry after a 401")
        }
    }

    @Test("When a listing's credentials are refused, every scope of the account is recorded failed with that reason")
    func authenticationCancelsSiblings() async throws {
        try await SyncHarness.with { harness in
            // One scope is refused while its siblings are still reading (slowed down): they are cancelled.
            try harness.simulator.addFault(FaultRule(.serverError, provider: "scaleway", resource: "servers", zone: "fr-par-1", status: 401))
            try harness.simulator.addFault(FaultRule(.delay, provider: "scaleway", delayMilliseconds: 300))
            let report = try await harness.sync()
            let scaleway = report.scopes.filter { $0.account == "scw" }
            #expect(scaleway.count == harness.scopeCount(account: "scw") && scaleway.allSatisfy { $0.outcome == .failed && $0.error?.contains("refused the credentials") == true },
                    "\(scaleway.map(\.line))")
            let recorded = try harness.read { db in
                try String.fetchAll(db, sql: "SELECT outcome || ': ' || error FROM sync_scopes WHERE run_id = 1 AND account = 'scw'")
            }
            #expect(recorded.count == harness.scopeCount(account: "scw"))
            #expect(recorded.allSatisfy { $0.hasPrefix("failed: ") && $0.contains("refused the credentials") }, "\(recorded)")
            let run = try harness.read { db in
                try String.fetchOne(db, sql: "SELECT status || ' ' || scopes_applied || ' ' || scopes_failed FROM sync_runs WHERE id = 1")
            }
            #expect(run == "partial \(harness.scopeCount(account: "cs")) \(harness.scopeCount(account: "scw"))")
            let status = try ReadOnlyInventory(path: harness.databasePath).status()
            #expect(status.filter { $0.account == "scw" }.allSatisfy { $0.lastError?.contains("refused the credentials") == true })
        }
    }

    @Test("403 on one listing fails only that listing, naming the account and the permission; the account's others apply")
    func forbiddenListing() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let before = try harness.snapshot(table: "drives", account: "scw", zone: "nl-ams-1")
            try harness.simulator.addFault(FaultRule(.serverError, provider: "scaleway", resource: "volumes", zone: "nl-ams-1", status: 403))
            let requestsBefore = harness.simulator.stats().requests
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let failed = report.scopes.filter { $0.outcome == .failed }
            #expect(failed.map { "\($0.account) \($0.zone) \($0.kind)" } == ["scw nl-ams-1 volumes"], "\(report.scopes.map(\.line))")
            #expect(failed.first?.error?.contains("account 'scw': Scaleway does not let these credentials list") == true)
            #expect(failed.first?.error?.contains("InstancesReadOnly") == true)
            #expect(try harness.snapshot(table: "drives", account: "scw", zone: "nl-ams-1") == before)
            // 6 scopes, a few pages each; the refused listing was asked once, not retried.
            #expect(harness.simulator.stats().faultsByKind["server_error"] == 1)
            #expect(harness.simulator.stats().requests > requestsBefore)
        }
    }

    @Test("A body larger than the transport accepts fails its scope at once, without retries or memory to match")
    func oversizedBody() async throws {
        try await SyncHarness.with { harness in
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let database = try InventoryDatabase(path: harness.databasePath)
            // The listings whose pages are larger than 4000 bytes (an IP page may be smaller).
            var configuration = harness.configuration
            configuration.accounts[0].kinds = [.servers, .drives, .blockVolumes]
            let engine = SyncEngine(configuration: configuration, database: database,
                                    transport: AsyncHTTPTransport(maximumBodyBytes: 4000), logger: logger)
            let report = try await engine.run(accounts: ["scw"])
            #expect(report.applied == 0)
            #expect(report.scopes.allSatisfy { $0.error?.contains("a body of more than 4000 bytes, which no listing page is") == true },
                    "\(report.scopes.map(\.line))")
            #expect(harness.simulator.stats().requests == 6, "one request per scope, none retried")
        }
    }

    /// Counts the requests the sync makes through the real transport, per URL.
    final class CountingTransport: HTTPTransport, Sendable {
        let inner = AsyncHTTPTransport()
        let counts = Mutex<[String: Int]>([:])

        func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
            counts.withLock { $0[url, default: 0] += 1 }
            return try await inner.get(url, headers: headers, timeout: timeout)
        }
    }

    @Test("A host that refuses connections fails its account naming the host, each request tried once more at most")
    func connectionRefused() async throws {
        try await SyncHarness.with { harness in
            var configuration = harness.configuration
            configuration.accounts[0].apiURL = "http://127.0.0.1:1"
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let transport = CountingTransport()
            let engine = SyncEngine(configuration: configuration, database: try InventoryDatabase(path: harness.databasePath),
                                    transport: transport, logger: logger)
            let report = try await engine.run(accounts: ["scw"])
            // "connection refused", not a deadline: the client itself did not retry the connect until its timeout.
            // Every scope that asks the host; the price table asks nothing and applies.
            let asked = report.scopes.filter { $0.kind != "price_table" }
            #expect(!asked.isEmpty && asked.allSatisfy { $0.error?.contains("cannot reach 127.0.0.1:1: connection refused") == true }, "\(report.scopes.map(\.line))")
            // The retry policy's verdict: one quick retry of an unreachable host, not the 3 of a flaky one.
            let counts = transport.counts.withLock { $0 }
            #expect(!counts.isEmpty && counts.values.allSatisfy { $0 <= 1 + RetryPolicy().unreachableRetries }, "\(counts)")
            #expect(configuration.sync.maxRetries > RetryPolicy().unreachableRetries)
        }
    }

    @Test("A CloudSigma api_url without /api/2.0/ fails each listing, naming it, what failed and the URL's form")
    func cloudSigmaURLWithoutAPIPath() async throws {
        try await SyncHarness.with { harness in
            var configuration = harness.configuration
            let index = try #require(configuration.accounts.firstIndex { $0.provider == .cloudsigma })
            configuration.accounts[index].apiURL = configuration.accounts[index].apiURL.replacingOccurrences(of: "api/2.0/", with: "")
            let report = try await harness.sync([configuration.accounts[index].name], configuration: configuration)
            #expect(report.applied == 0 && !report.scopes.isEmpty)
            for scope in report.scopes {
                #expect(scope.line.hasPrefix("\(scope.account) \(scope.zone) \(scope.kind): failed: not read: the tag names"), "\(scope.line)")
                #expect(scope.line.contains("HTTP 404") && scope.line.contains("CloudSigma API URLs end in /api/2.0/"), "\(scope.line)")
            }
        }
    }

    @Test("A scope not read within scope_timeout_seconds fails, and deletes nothing")
    func scopeDeadline() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let before = try harness.snapshot(table: "servers", account: "cs", zone: "zrh")
            try harness.simulator.addFault(FaultRule(.delay, provider: "cloudsigma", resource: "servers", delayMilliseconds: 1500))
            var configuration = harness.configuration
            configuration.sync.scopeTimeoutSeconds = 1
            let report = try await harness.sync(["cs"], configuration: configuration)
            let failed = try #require(report.scopes.first { $0.kind == "servers" })
            #expect(failed.error?.contains("not read within 1 s") == true, "\(failed.line)")
            #expect(try harness.snapshot(table: "servers", account: "cs", zone: "zrh") == before)
        }
    }

    @Test("Retries that run out fail the scope after staged pages, and Retry-After is waited for")
    func retriesExhaustedAfterPages() async throws {
        try await SyncHarness.with(maxRetries: 2) { harness in
            try await harness.sync()
            let before = try harness.snapshot(table: "drives", account: "scw", zone: "nl-ams-1", listing: "volumes")
            try harness.simulator.advanceEpoch(churn: 0.2)
            // Two pages answer, then every request of the listing is rate limited with Retry-After: 1.
            try harness.simulator.addFault(FaultRule(.rateLimit, provider: "scaleway", resource: "volumes", zone: "nl-ams-1",
                                                     retryAfter: 1, after: 2))
            let started = ContinuousClock.now
            let report = try await harness.sync(["scw"])
            let elapsed = ContinuousClock.now - started
            let failed = try #require(report.scopes.first { $0.outcome == .failed })
            #expect(failed.zone == "nl-ams-1" && failed.kind == "volumes" && failed.error?.contains("HTTP 429") == true, "\(failed.line)")
            #expect(elapsed >= .seconds(2), "two retries, each after Retry-After: 1")
            #expect(try harness.snapshot(table: "drives", account: "scw", zone: "nl-ams-1", listing: "volumes") == before)
        }
    }

    @Test("Objects created or deleted between pages: the scope is read again and ends equal to the truth")
    func listingMovesOnce() async throws {
        try await SyncHarness.with { harness in
            try harness.simulator.addFault(FaultRule(.createBetweenPages, provider: "cloudsigma", resource: "servers", count: 1))
            try harness.simulator.addFault(FaultRule(.deleteBetweenPages, provider: "scaleway", resource: "servers", zone: "nl-ams-1", count: 1))
            let report = try await harness.sync()
            #expect(report.exitCode == 0)
            // The faulted listings were read again and match the truth; a deletion may also have detached
            // a volume after its own listing was read, which the next sync picks up.
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            #expect(stored.servers == ExpectedInventory(harness.simulator.groundTruth()).servers)
            try await harness.sync()
            let settled = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(settled, ExpectedInventory(harness.simulator.groundTruth()))
            let reread = report.scopes.first { $0.account == "cs" && $0.kind == "servers" }
            #expect((reread?.pages ?? 0) > 4, "read twice")
        }
    }

    @Test("A listing that keeps moving fails its scope and deletes nothing")
    func listingKeepsMoving() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let before = try Self.snapshot(harness, table: "servers", account: "scw", zone: "fr-par-1")
            try harness.simulator.addFault(FaultRule(.deleteBetweenPages, provider: "scaleway", resource: "servers", zone: "fr-par-1"))
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let failed = try #require(report.scopes.first { $0.outcome == .failed })
            #expect(failed.error?.contains("changed while it was read") == true)
            #expect(try Self.snapshot(harness, table: "servers", account: "scw", zone: "fr-par-1") == before)
        }
    }
}

extension FaultRule: CustomTestStringConvertible {
    public var testDescription: String {
        "\(kind.rawValue)\(status.map { " \($0)" } ?? "")\(retryAfter.map { " retry-after \($0)" } ?? "")"
    }
}
