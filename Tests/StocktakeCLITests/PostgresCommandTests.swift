import Foundation
import Reliability
import Simulator
import Testing

@Suite("stocktake with a PostgreSQL store, as a process", .serialized)
struct PostgresCommandTests {
    static let url = ProcessInfo.processInfo.environment["STOCKTAKE_TEST_POSTGRES_URL"]
    static var enabled: Bool { url != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    @Test("migrate-store moves a SQLite inventory into PostgreSQL; syncs go on there with the next run number; a second copy is refused",
          .enabled(if: enabled, "needs STOCKTAKE_TEST_POSTGRES_URL (scripts/postgres-cluster.sh start DIR prints one)"))
    func migrateThenSync() async throws {
        let url = try #require(Self.url, "CI must export STOCKTAKE_TEST_POSTGRES_URL (see .ci/run)")
        try await CLIHarness.with { harness in
            #expect(try await harness.run(["sync", "--quiet"]).status == 0)
            _ = try harness.simulator.advanceEpoch(churn: 0.1)
            #expect(try await harness.run(["sync", "--quiet"]).status == 0)
            try await ScratchDatabase.with(url) { location in
                let target = location.description
                let copy = await (try SpawnedProcess(["migrate-store", "--from", harness.databasePath, "--to", target], environment: [:])).finish()
                #expect(copy.status == 0 && copy.stderr.contains("through run #2"), "\(copy.stderr)")
                _ = try harness.simulator.advanceEpoch(churn: 0.1)
                let sync = try await harness.run(["sync", "--json"], store: target)
                #expect(sync.status == 0, "\(sync.stderr)")
                let summary = try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any]
                #expect(summary?["run"] as? Int == 3 && summary?["database"] as? String == target)
                let runs = try await ScratchDatabase.rows(location, "SELECT id, status FROM sync_runs ORDER BY id")
                #expect(runs == [["1", "ok"], ["2", "ok"], ["3", "ok"]])
                let again = await (try SpawnedProcess(["migrate-store", "--from", harness.databasePath, "--to", target], environment: [:])).finish()
                #expect(again.status == 1 && again.stderr.contains("already holds an inventory"), "\(again.stderr)")
            }
            let notPostgres = await (try SpawnedProcess(["migrate-store", "--from", harness.databasePath, "--to", "copy.sqlite"], environment: [:])).finish()
            #expect(notPostgres.status == 64 && notPostgres.stderr.contains("--to must be a PostgreSQL URL"))
        }
    }
}
