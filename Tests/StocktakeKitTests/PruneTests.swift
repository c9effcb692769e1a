import Foundation
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

@Suite("Retention: stocktake prune")
struct PruneTests {
    /// Every bundled query's answer as CSV, with `since` inside the kept window.
    static func answers(_ inventory: ReadOnlyInventory) throws -> [String: String] {
        let parameters = ["limit": "7", "since": "#3", "max_age": "0"]
        var answers: [String: String] = [:]
        for query in try QueryLibrary().all {
            let arguments = Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, parameters[$0.name] ?? $0.defaultValue) })
            answers[query.name] = ResultFormat.csv.render(try inventory.execute(query.sql, arguments: arguments))
        }
        return answers
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    @Test("After prune --keep-runs 2 of 4, every bundled query answers as of runs 3 and 4, and now, exactly as before; runs 1 and 2 are refused")
    func keepsAnswersInsideTheWindow() async throws {
        try await SyncHarness.with { harness in
            for epoch in 0...3 {
                if epoch > 0 { try harness.simulator.advanceEpoch(churn: 0.1) }
                #expect(try await harness.sync().exitCode == 0)
            }
            let path = harness.databasePath
            var before: [String: [String: String]] = [:]
            for asOf in ["3", "4", nil] as [String?] {
                before[asOf ?? "now"] = try Self.answers(ReadOnlyInventory(path: path, asOf: asOf))
            }
            let historyBefore = try Self.count(path, "SELECT COUNT(*) FROM servers_history")
            let changesBefore = try Self.count(path, "SELECT COUNT(*) FROM changes")
            #expect(try Self.count(path, "SELECT COUNT(*) FROM servers WHERE deleted_at IS NOT NULL") > 0)

            let summary = try await InventoryPruner(database: try InventoryDatabase(path: path)).prune(.runs(2))
            #expect(summary.firstKeptRun == 3)
            #expect(summary.versions > 0 && summary.changes > 0 && summary.resources > 0)
            #expect(try Self.count(path, "SELECT COUNT(*) FROM servers_history") < historyBefore)
            #expect(try Self.count(path, "SELECT COUNT(*) FROM changes") < changesBefore)
            #expect(try await DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")

            for asOf in ["3", "4", nil] as [String?] {
                let after = try Self.answers(ReadOnlyInventory(path: path, asOf: asOf))
                let saved = try #require(before[asOf ?? "now"])
                #expect(after.keys.sorted() == saved.keys.sorted())
                for name in saved.keys.sorted() {
                    #expect(after[name] == saved[name], "query \(name) as of \(asOf ?? "now")")
                }
            }
            for run in ["1", "#2"] {
                #expect(throws: QueryError.self) { try ReadOnlyInventory(path: path, asOf: run) }
            }
            // A second prune with the same window finds nothing more; the next sync works on the pruned file.
            let again = try await InventoryPruner(database: try InventoryDatabase(path: path)).prune(.runs(2))
            #expect(again.firstKeptRun == 3 && again.versions == 0 && again.changes == 0)
            try harness.simulator.advanceEpoch(churn: 0.1)
            #expect(try await harness.sync().exitCode == 0)
        }
    }

    /// Rows of the tables a prune removes from, by what its summary calls them.
    static func tally(_ path: String) throws -> [String: Int] {
        try DatabaseQueue(path: path).read { db in
            let versioned = try AsOfViews.versionedTables(in: db)
            var counts = ["versions": 0, "resources": 0]
            for table in versioned { counts["versions", default: 0] += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)_history") ?? 0 }
            for spec in ResourceTableSpec.all { counts["resources", default: 0] += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(spec.table)") ?? 0 }
            counts["changes"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes")
            counts["runs"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_runs")
            counts["scopes"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_scopes")
            return counts
        }
    }

    @Test("What a prune removes, it reports, row for row: versions closed before the window, scope records too", arguments: [2, 1])
    func reportsWhatItRemoves(keepRuns: Int) async throws {
        try await SyncHarness.with { harness in
            for epoch in 0...2 {
                if epoch > 0 { try harness.simulator.advanceEpoch(churn: 0.2) }
                #expect(try await harness.sync().exitCode == 0)
            }
            let path = harness.databasePath
            let first = Int64(4 - keepRuns)
            let neededOnlyBefore = try await DatabaseQueue(path: path).read { db in
                try AsOfViews.versionedTables(in: db).reduce(0) { total, table in
                    total + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)_history WHERE valid_to_run < ?", arguments: [first]) ?? 0)
                }
            }
            #expect(keepRuns == 2 || neededOnlyBefore > 0, "run 2's churn closed versions")
            let before = try Self.tally(path)
            let summary = try await InventoryPruner(database: try InventoryDatabase(path: path)).prune(.runs(keepRuns))
            let after = try Self.tally(path)
            #expect(summary.firstKeptRun == first)
            #expect(summary.versions == neededOnlyBefore && summary.versions == before["versions"]! - after["versions"]!)
            #expect(summary.resources == before["resources"]! - after["resources"]!)
            #expect(summary.changes == before["changes"]! - after["changes"]!)
            #expect(summary.runs == before["runs"]! - after["runs"]!)
            #expect(summary.scopeRecords == before["scopes"]! - after["scopes"]!)
            // Keeping run 3 only, run 1's scope records go (the newest outcome of each scope before the window stays).
            #expect(keepRuns == 2 || summary.scopeRecords > 0)
        }
    }

    @Test("--keep AGE keeps the run in effect when the window opens; a window holding every run prunes nothing")
    func ageWindow() async throws {
        try await SyncHarness.with { harness in
            for epoch in 0...2 {
                if epoch > 0 { try harness.simulator.advanceEpoch(churn: 0.1) }
                #expect(try await harness.sync().exitCode == 0)
            }
            let database = try InventoryDatabase(path: harness.databasePath)
            let nothing = try await InventoryPruner(database: database).prune(.age(3600))
            #expect(nothing.firstKeptRun == nil && nothing.versions == 0)
            let started = try await DatabaseQueue(path: harness.databasePath).read { db in
                try String.fetchOne(db, sql: "SELECT started_at FROM sync_runs WHERE id = 3")
            }
            let third = try #require(started.flatMap(TimeExpression.date))
            // A window opening just after run 3 started keeps run 3, the run in effect then.
            let pruned = try await InventoryPruner(database: database).prune(.age(1), now: third.addingTimeInterval(1.0005))
            #expect(pruned.firstKeptRun == 3)
        }
    }
}
