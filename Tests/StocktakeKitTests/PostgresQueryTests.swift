import Foundation
@testable import StocktakeKit
import Testing

@Suite("PostgreSQL store: every read answers as on SQLite", .serialized)
struct PostgresQueryTests {
    /// A query's answer as text, row by row, in its order.
    static func answer(_ inventory: ReadOnlyInventory, _ query: NamedQuery, _ arguments: [String: String]) throws -> [String] {
        let result = try inventory.execute(inventory.sql(of: query), arguments: arguments)
        return [result.columns.joined(separator: "|")] + result.rows.map { $0.map(ResultFormat.plain).joined(separator: "|") }
    }

    @Test("Every bundled query, with its defaults and from run 2 on, answers row for row the same on a PostgreSQL copy, now and as of every run",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func everyQueryAsOfEveryRun() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            for _ in 0..<3 {
                _ = try harness.simulator.advanceEpoch(churn: 0.15)
                try await harness.sync()
            }
            try await TestPostgres.withDatabase { location in
                let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
                try await InventoryCopier(from: harness.databasePath, to: store).copy()
                try await store.close()
                let queries = try QueryLibrary().all
                let now = Date()
                var compared = 0, rows = 0
                for asOf in [nil, "1", "2", "3", "4"] {
                    let sqlite = try ReadOnlyInventory(path: harness.databasePath, asOf: asOf, now: now)
                    let postgres = try ReadOnlyInventory(location: .postgresql(location), asOf: asOf, now: now)
                    #expect(sqlite.asOfRun == postgres.asOfRun && sqlite.referenceNow == postgres.referenceNow)
                    for query in queries {
                        var variants = [try query.arguments()]
                        if query.parameters.contains(where: { $0.name == "since" }) { variants.append(try query.arguments([("since", "#2")])) }
                        for arguments in variants {
                            let expected = try Self.answer(sqlite, query, arguments)
                            let actual = try Self.answer(postgres, query, arguments)
                            #expect(actual == expected, """
                                \(query.name) \(arguments) as of \(asOf ?? "now"): only on SQLite \(Set(expected).subtracting(actual).prefix(2)); \
                                only on PostgreSQL \(Set(actual).subtracting(expected).prefix(2))
                                """)
                            compared += 1
                            rows += expected.count - 1
                        }
                    }
                    #expect(try sqlite.status(now: now) == postgres.status(now: now), "status as of \(asOf ?? "now")")
                    // The report's costs (cards, waste sections, the cost trend priced over the history twins) too.
                    let sqliteReport = try ReportBuilder(inventory: sqlite, library: try QueryLibrary()).build(since: "#2")
                    let postgresReport = try ReportBuilder(inventory: postgres, library: try QueryLibrary()).build(since: "#2")
                    #expect(postgresReport.accounts == sqliteReport.accounts, "report cards as of \(asOf ?? "now")")
                    #expect(postgresReport.waste == sqliteReport.waste, "report waste as of \(asOf ?? "now")")
                    #expect(postgresReport.costTrends.map(\.currency) == sqliteReport.costTrends.map(\.currency)
                            && zip(postgresReport.costTrends, sqliteReport.costTrends).allSatisfy { abs($0.monthlyCost - $1.monthlyCost) < 1e-6 && $0.run == $1.run },
                            "report cost trend as of \(asOf ?? "now")")
                }
                #expect(compared >= queries.count * 5 && rows > 500, "\(compared) answers, \(rows) rows compared")
            }
        }
    }

    @Test("prune on a PostgreSQL copy removes what it removes on SQLite, table for table, and says the same counts",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func pruneAsOnSQLite() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            for _ in 0..<3 {
                _ = try harness.simulator.advanceEpoch(churn: 0.2)
                try await harness.sync()
            }
            try await TestPostgres.withDatabase { location in
                let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
                try await InventoryCopier(from: harness.databasePath, to: store).copy()
                let inventory = try await PostgresInventory.open(location, environment: [:], home: "/nonexistent")
                let postgres = try await InventoryPruner(store: .postgres(inventory)).prune(.runs(2))
                await inventory.close()
                let sqlite = try await InventoryPruner(database: try InventoryDatabase(path: harness.databasePath)).prune(.runs(2))
                #expect(postgres.firstKeptRun == 3 && sqlite.firstKeptRun == 3)
                let counts: (InventoryPruner.Summary) -> [Int] = { [$0.versions, $0.resources, $0.changes, $0.runs, $0.scopeRecords] }
                #expect(counts(postgres) == counts(sqlite))
                #expect(postgres.versions > 0 && postgres.changes > 0)
                for (table, columns) in try await store.tables() {
                    let compared = columns.filter { $0.name != "pruned_at" }
                    let expected = try PostgresStoreTests.sqliteRows(table, columns: compared, path: harness.databasePath)
                    let actual = try await PostgresStoreTests.postgresRows(table, columns: compared, store: store)
                    #expect(actual == expected, "\(table): \(expected.count) rows on SQLite, \(actual.count) on PostgreSQL")
                }
                try await store.close()
            }
        }
    }
}
