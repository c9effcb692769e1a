import Foundation
import GRDB
import Reliability
import Simulator
import StocktakeKit
import Testing

@Suite("stocktake backup, as a process")
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
}
