import Foundation
import GRDB
import Reliability
import Simulator
import StocktakeKit
import Testing

@Suite("stocktake backup and prune, as processes")
struct BackupCommandTests {
    static func readOnly(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    @Test("A backup taken while a sync runs opens, passes its integrity check, and holds every scope all before or all after")
    func duringSync() async throws {
        try await CLIHarness.with(pageSize: 5) { harness in
            #expect(try await harness.run(["sync"]).status == 0)
            let before = try await Self.readOnly(harness.databasePath).read { try ExpectedInventory(database: $0) }
            try harness.simulator.advanceEpoch(churn: 0.2)
            let after = ExpectedInventory(harness.simulator.groundTruth())
            #expect(before != after)
            try harness.simulator.addFault(FaultRule(.delay, fraction: 0.5, delayMilliseconds: 150))
            let sync = try harness.spawn(["sync"])
            // Taken once the sync has applied a scope of run 2 that created or deleted servers or drives.
            let midway = try await SpawnedProcess.eventually {
                let applied = try? Self.readOnly(harness.databasePath).read { db in
                    try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM sync_scopes WHERE run_id = 2 AND outcome = 'applied' AND kind IN ('servers', 'volumes', 'drives')
                          AND created + deleted > 0
                        """)
                }
                return (applied ?? 0) > 0
            }
            #expect(midway)
            let copy = harness.directory.appendingPathComponent("copy.sqlite").path
            let backup = try await harness.run(["backup", copy])
            #expect(backup.status == 0, "\(backup.stderr)")
            #expect(backup.stderr.contains("to restore, stop syncs"))
            #expect(await sync.finish().status == 0)

            let queue = try Self.readOnly(copy)
            #expect(try await queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
            let run2 = try await queue.read { db in try Row.fetchOne(db, sql: "SELECT status, scopes_applied FROM sync_runs WHERE id = 2") }
            #expect(run2?["status"] as String? == "running", "the copy was taken while run 2 was going on")
            let copied = try await queue.read { try ExpectedInventory(database: $0) }
            let zones = harness.simulator.groundTruth().scalewayServers.map(\.zone)
            let scopes = ReliabilityHarness.scopes(account: "scw", provider: .scaleway, zones: Array(Set(zones)).sorted())
                + ReliabilityHarness.scopes(account: "cs", provider: .cloudsigma, zones: ["zrh"])
            var whole = 0, changed = 0
            for scope in scopes {
                let rows = copied.scope(scope.rows, account: scope.account, zone: scope.zone, listing: scope.listing)
                let old = before.scope(scope.rows, account: scope.account, zone: scope.zone, listing: scope.listing)
                let new = after.scope(scope.rows, account: scope.account, zone: scope.zone, listing: scope.listing)
                #expect(rows == old || rows == new, "scope \(scope.account) \(scope.zone) \(scope.listing ?? "") is whole")
                if rows == old || rows == new { whole += 1 }
                if rows == new && old != new { changed += 1 }
            }
            let applied = try await queue.read { db in
                try String.fetchAll(db, sql: "SELECT account || ' ' || zone || ' ' || kind || ' ' || (created + updated + deleted) FROM sync_scopes WHERE run_id = 2")
            }
            #expect(whole == scopes.count && changed > 0, "some scopes of the running sync are in the copy: \(applied)")

            let again = try await harness.run(["backup", copy])
            #expect(again.status == 1 && again.stderr.contains("exists; name a new file for the backup, or pass --force"))
            #expect(try await harness.run(["backup", "--force", copy]).status == 0)
            let missing = try await harness.run(["backup", harness.directory.appendingPathComponent("no/such/dir.sqlite").path])
            #expect(missing.status == 1 && missing.stderr.contains("nothing was written there"))
        }
    }

    @Test("prune keeps the newest runs, says what it removed, and --as-of a pruned run is refused with the reason")
    func prune() async throws {
        try await CLIHarness.with { harness in
            for epoch in 0...2 {
                if epoch > 0 { try harness.simulator.advanceEpoch(churn: 0.1) }
                #expect(try await harness.run(["sync", "--quiet"]).status == 0)
            }
            let neither = try await harness.run(["prune"])
            #expect(neither.status == 64 && neither.stderr.contains("give one of --keep AGE or --keep-runs N"))
            let wide = try await harness.run(["prune", "--keep", "30d"])
            #expect(wide.status == 0 && wide.stderr.contains("nothing to prune"))
            let pruned = try await harness.run(["prune", "--keep-runs", "1"])
            #expect(pruned.status == 0, "\(pruned.stderr)")
            #expect(pruned.stderr.contains("kept runs from #3 on (--as-of an earlier run is refused from now on); removed ") && pruned.stderr.contains(" MB -> "))
            let old = try await harness.run(["query", "stopped-servers", "--as-of", "2"])
            #expect(old.status == 1 && old.stderr.contains("which `stocktake prune` removed; answers are kept from run 3 on"))
            #expect(try await harness.run(["query", "stopped-servers", "--as-of", "3"]).status == 0)
            #expect(try await harness.run(["sync", "--quiet"]).status == 0, "a sync after a prune")

            // retention: in the configuration: each sync prunes afterwards, keeping the newest two runs.
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
            try (text + "\nretention:\n  keep_runs: 2\n").write(toFile: harness.configPath, atomically: true, encoding: .utf8)
            let retained = try await harness.run(["sync"])
            #expect(retained.status == 0 && retained.stderr.contains("retention: kept runs from #4 on"), "\(retained.stderr)")
            #expect(try await harness.run(["query", "stopped-servers", "--as-of", "3"]).status == 1)
            #expect(try await harness.run(["query", "stopped-servers", "--as-of", "4"]).status == 0)
        }
    }
}
