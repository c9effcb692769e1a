import Foundation
import GRDB
import Logging
import PostgresNIO
import Reliability
import Simulator
@testable import StocktakeKit
import Testing

@Suite("PostgreSQL store: syncs, locks and runs", .serialized)
struct PostgresSyncTests {
    /// Columns whose values are the moment a sync wrote them, or the live counters the simulator
    /// moves on every request (`runtime`), compared only as present or absent. The numbers of
    /// changes and scope records follow the order concurrent scopes committed and are left out.
    static let momentColumns: Set<String> = [
        "first_seen", "deleted_at", "valid_from", "valid_to", "changed_at", "started_at", "finished_at", "seconds", "runtime",
    ]

    /// One sync of the harness's accounts into the PostgreSQL database at `location`.
    @discardableResult
    static func sync(_ harness: SyncHarness, into location: PostgresLocation, accounts: [String] = []) async throws -> SyncReport {
        var logger = Logger(label: "test.sync")
        logger.logLevel = .critical
        let inventory = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
        do {
            try await inventory.lockAccounts(accounts.isEmpty ? harness.configuration.accounts.map(\.name) : accounts, wait: 0)
            let report = try await SyncEngine(configuration: harness.configuration, store: .postgres(inventory), logger: logger)
                .run(accounts: accounts)
            await inventory.close()
            return report
        } catch {
            await inventory.close()
            throw error
        }
    }

    @Test("The same syncs into SQLite and PostgreSQL leave the same inventory, versions, child rows, change log and run records",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func sameAsSQLite() async throws {
        try await SyncHarness.with { harness in
            try await TestPostgres.withDatabase { location in
                var reports: [(SyncReport, SyncReport)] = []
                for epoch in 0..<4 {
                    if epoch > 0 { _ = try harness.simulator.advanceEpoch(churn: 0.15) }
                    reports.append((try await harness.sync(), try await Self.sync(harness, into: location)))
                }
                for (sqlite, postgres) in reports {
                    #expect(sqlite.run == postgres.run && sqlite.failed == 0 && postgres.failed == 0, "\(postgres.scopes.compactMap(\.error).prefix(2))")
                    #expect(sqlite.scopes.map(\.counts) == postgres.scopes.map(\.counts), "run \(sqlite.run)")
                }
                #expect(reports.dropFirst().contains { $0.1.scopes.contains { $0.counts.updated > 0 } }, "the epochs updated something")
                let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
                for (table, columns) in try await store.tables() {
                    let compared = columns.compactMap { column -> (name: String, isText: Bool)? in
                        if column.name == "id", ["changes", "sync_scopes"].contains(table) { return nil }
                        guard Self.momentColumns.contains(column.name) else { return column }
                        return ("CASE WHEN \(column.name) IS NULL THEN 'absent' ELSE 'present' END", true)
                    }
                    let sqlite = try PostgresStoreTests.sqliteRows(table, columns: compared, path: harness.databasePath)
                    let postgres = try await PostgresStoreTests.postgresRows(table, columns: compared, store: store)
                    let onlySQLite = Set(sqlite).subtracting(postgres).sorted(), onlyPostgres = Set(postgres).subtracting(sqlite).sorted()
                    #expect(sqlite == postgres, """
                        \(table): \(sqlite.count) rows in SQLite, \(postgres.count) in PostgreSQL; only in SQLite: \(onlySQLite.prefix(2)); \
                        only in PostgreSQL: \(onlyPostgres.prefix(2))
                        """)
                }
                try await store.close()
            }
        }
    }

    @Test("One writer per account: a second sync of the same account exits busy or waits for it; other accounts go on in parallel",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func accountLocks() async throws {
        try await TestPostgres.withDatabase { location in
            let first = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            let second = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            try await first.lockAccounts(["scw"], wait: 0)
            do {
                try await second.lockAccounts(["cs", "scw"], wait: 0)
                Issue.record("took the lock of an account another session holds")
            } catch let error as SyncError {
                guard case .accountsBusy(let accounts, _, _) = error else { throw error }
                #expect(accounts == ["scw"], "names the account held, not the free one")
                #expect(error.description.contains("'scw'") && error.description.contains("--wait"))
            }
            // The failed attempt released what it had taken: a third session can take "cs".
            let third = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            try await third.lockAccounts(["cs"], wait: 0)
            await third.close()
            async let waited: Void = second.lockAccounts(["scw"], wait: 20)
            try await Task.sleep(for: .milliseconds(400))
            await first.close()
            try await waited
            await second.close()
        }
    }

    @Test("A run whose host died (its session gone) becomes interrupted when the next sync starts; a live host's run stays running",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func abandonedRuns() async throws {
        try await TestPostgres.withDatabase { location in
            let accounts = SyncHarness.configuration(baseURL: "http://127.0.0.1:9", zones: ["fr-par-1"], pageSize: 10, maxRetries: 0).accounts
            let dead = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            let live = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            let first = try await dead.beginRun(accounts: accounts).run
            let second = try await live.beginRun(accounts: accounts).run
            await dead.close()
            let next = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
            let third = try await next.beginRun(accounts: accounts).run
            #expect([first, second, third] == [1, 2, 3])
            var statuses: [Int64: String] = [:]
            for try await (id, status) in try await next.reader.connection.query("SELECT id, status FROM sync_runs", logger: next.reader.logger)
                .decode((Int64, String).self) {
                statuses[id] = status
            }
            #expect(statuses == [1: "interrupted", 2: "running", 3: "running"])
            try next.finishRun(third, scopes: [], interrupted: false)
            await live.close()
            await next.close()
        }
    }

    @Test("On PostgreSQL too, failing and lying listings change nothing of their scopes and delete nothing that exists; the next sync settles on the truth",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func faultsAndLiesChangeNothing() async throws {
        try await SyncHarness.with { harness in
            try await TestPostgres.withDatabase { location in
                #expect(try await Self.sync(harness, into: location).exitCode == 0)
                _ = try harness.simulator.advanceEpoch(churn: 0.15)
                let hit: [(rule: FaultRule, account: String, zone: String, table: String, listing: String)] = [
                    (FaultRule(.serverError, provider: "scaleway", resource: "servers", zone: "fr-par-1", fraction: 1, status: 500),
                     "scw", "fr-par-1", "servers", "servers"),
                    (FaultRule(.lie, provider: "scaleway", resource: "volumes", zone: "nl-ams-1", lie: .nullElement),
                     "scw", "nl-ams-1", "drives", "volumes"),
                    (FaultRule(.lie, provider: "cloudsigma", resource: "drives", lie: .total, total: 20), "cs", "zrh", "drives", "drives"),
                    (FaultRule(.truncatedBody, provider: "cloudsigma", resource: "servers", fraction: 1), "cs", "zrh", "servers", "servers"),
                ]
                func rows(_ scope: (rule: FaultRule, account: String, zone: String, table: String, listing: String)) async throws -> [[String?]] {
                    try await ScratchDatabase.rows(location, """
                        SELECT * FROM \(scope.table) WHERE account = '\(scope.account)' AND zone = '\(scope.zone)'
                          AND listing = '\(scope.listing)' ORDER BY id
                        """)
                }
                var before: [[[String?]]] = []
                for scope in hit {
                    before.append(try await rows(scope))
                    try harness.simulator.addFault(scope.rule)
                }
                let report = try await Self.sync(harness, into: location)
                let failed = Set(report.scopes.filter { $0.outcome == .failed }.map { "\($0.account) \($0.zone) \($0.kind)" })
                #expect(failed == Set(hit.map { "\($0.account) \($0.zone) \($0.listing)" }), "\(report.scopes.compactMap(\.error))")
                #expect(report.applied > 0 && report.exitCode == 2)
                for (scope, rowsBefore) in zip(hit, before) {
                    #expect(try await rows(scope) == rowsBefore, "\(scope.account) \(scope.zone) \(scope.listing) changed")
                }
                let truth = ExpectedInventory(harness.simulator.groundTruth())
                let alive = Set((truth.servers.union(truth.drives).union(truth.ips).union(truth.snapshots).union(truth.groups))
                    .map { $0.split(separator: "|").prefix(2).joined(separator: "|") })
                let deleted = try await ScratchDatabase.rows(location, """
                    SELECT account || '|' || resource_id FROM changes WHERE run_id = \(report.run) AND kind = 'deleted' AND child_key IS NULL
                    """).compactMap { $0.first ?? nil }
                #expect(deleted.filter(alive.contains).isEmpty, "deleted though they exist")
                harness.simulator.clearFaults()
                #expect(try await Self.sync(harness, into: location).exitCode == 0)
                var answers: [String: [[String?]]] = [:]
                for sql in ExpectedInventory.statements { answers[sql] = try await ScratchDatabase.rows(location, sql) }
                ExpectedInventory.expectEqual(try ExpectedInventory { answers[$0] ?? [] }, truth)
            }
        }
    }
}
