import Foundation
import Reliability
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

@Suite("Sync against the simulator")
struct SyncTests {
    @Test("A first sync equals the simulator's ground truth, table by table")
    func firstSync() async throws {
        try await SyncHarness.with { harness in
            let progress = SyncProgress()
            let report = try await harness.sync(progress: progress)
            #expect(report.exitCode == 0)
            #expect(report.scopes.count == harness.configuration.accounts.flatMap(\.scopes).count)
            #expect(report.run == 1)
            // The live counts end at what was read: every object of every scope, every scope finished.
            for account in ["scw", "cs"] {
                let scopes = report.scopes.filter { $0.account == account }
                let expected = " pages, \(scopes.map(\.objects).reduce(0, +)) objects, \(scopes.count)/\(scopes.count) scopes"
                let part = progress.line.split(separator: "|").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(account + ": ") }
                #expect(part?.contains(expected) == true, "\(progress.line)")
            }
            let truth = harness.simulator.groundTruth()
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(truth))
            let created = try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM changes WHERE kind = 'created' AND resource_type IN ('server', 'drive', 'ip', 'security_group', 'snapshot', 'network')") }
            let resources: [Int] = [
                truth.scalewayServers.count, truth.scalewayVolumes.count, truth.blockVolumes.count, truth.scalewayIPs.count,
                truth.cloudSigmaIPs.count, truth.securityGroups.count, truth.instanceSnapshots.count,
                truth.blockSnapshots.count, truth.cloudSigmaSnapshots.count, truth.cloudSigmaServers.count,
                truth.cloudSigmaDrives.count, truth.cloudSigmaVLANs.count, truth.scalewayPrivateNetworks.count,
            ]
            #expect(created == resources.reduce(0, +))
        }
    }

    @Test("After each epoch, the sync's change log and versions are exactly what the epoch changed")
    func epochs() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let quiet = try await harness.sync()
            #expect(quiet.scopes.allSatisfy { $0.counts == ScopeCounts() })
            let quietChanges = try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM changes WHERE run_id = 2") }
            #expect(quietChanges == 0, "runtime counters changed between the two reads but must make no change")

            for epoch in 1...3 {
                let changes = try harness.simulator.advanceEpoch(churn: 0.06)
                let report = try await harness.sync()
                #expect(report.exitCode == 0)
                let run = report.run
                let expected = Set(changes.map { "\(Self.changeType($0.resource))|\($0.id)|\($0.action.rawValue)" })
                let logged = try harness.read { try Self.changedResources(run: run, in: $0) }
                #expect(logged == expected, "epoch \(epoch): missing \(changes.filter { !logged.contains("\(Self.changeType($0.resource))|\($0.id)|\($0.action.rawValue)") })")
                let versions = try harness.read { db in
                    try Int.fetchOne(db, sql: """
                        SELECT (SELECT COUNT(*) FROM servers_history WHERE valid_from_run = ?)
                             + (SELECT COUNT(*) FROM drives_history WHERE valid_from_run = ?)
                             + (SELECT COUNT(*) FROM ips_history WHERE valid_from_run = ?)
                             + (SELECT COUNT(*) FROM security_groups_history WHERE valid_from_run = ?)
                             + (SELECT COUNT(*) FROM snapshots_history WHERE valid_from_run = ?)
                             + (SELECT COUNT(*) FROM networks_history WHERE valid_from_run = ?)
                        """, arguments: [run, run, run, run, run, run])
                }
                #expect(versions == changes.filter { $0.action != .deleted }.count)
                let stored = try harness.read { try ExpectedInventory(database: $0) }
                ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
            }
        }
    }

    /// The change log's resource type of a simulator change (`volume` and `block_volume` are drives).
    static func changeType(_ resource: String) -> String {
        switch resource {
        case "server", "ip", "security_group", "snapshot": return resource
        case "vlan": return "network"
        case "block_snapshot": return "snapshot"
        default: return "drive"
        }
    }

    /// `type|id|kind` per resource a run changed; a change to a server's attachments,
    /// NICs or tags counts as an update of the server.
    static func changedResources(run: Int64, in db: Database) throws -> Set<String> {
        var kinds: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT resource_type, resource_id, kind FROM changes WHERE run_id = ? AND resource_type NOT IN ('price', 'usage', 'subscription')", arguments: [run]) {
            let type: String = row["resource_type"]
            let parent = ["server", "ip", "security_group", "snapshot", "network"].first { type.hasPrefix($0) } ?? "drive"
            let key = "\(parent)|\(row["resource_id"] as String)"
            if type == parent {
                kinds[key, default: []].insert(row["kind"])
            } else if kinds[key] == nil {
                kinds[key] = []
            }
        }
        return Set(kinds.map { key, kinds in "\(key)|\(kinds.first ?? "updated")" })
    }

    @Test("Attachments show in the change log as created and deleted server_drives rows")
    func attachmentChanges() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let before = try harness.read { try ExpectedInventory(database: $0).attachments }
            try harness.simulator.advanceEpoch(churn: 0.1)
            let report = try await harness.sync()
            let after = try harness.read { try ExpectedInventory(database: $0).attachments }
            let logged = try harness.read { db in
                try Row.fetchAll(db, sql: "SELECT account, resource_id, child_key, kind FROM changes WHERE run_id = ? AND resource_type = 'server_drive'",
                                 arguments: [report.run])
                    .map { ("\($0["account"] as String)|\($0["resource_id"] as String)|\($0["child_key"] as String)", $0["kind"] as String) }
            }
            #expect(Set(logged.filter { $0.1 == "created" }.map(\.0)) == after.subtracting(before))
            #expect(Set(logged.filter { $0.1 == "deleted" }.map(\.0)) == before.subtracting(after))
        }
    }

    @Test("A deleted resource that comes back is logged as reappeared and gets a new version")
    func reappeared() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let server = try #require(harness.simulator.groundTruth().cloudSigmaServers.first)
            let deletedAt = try harness.read { db in
                try String.fetchOne(db, sql: "SELECT deleted_at FROM servers WHERE id = ?", arguments: [server.uuid])
            }
            #expect(deletedAt == nil)
            // Given the inventory believes the server was deleted (as after a listing that lacked it)...
            let database = try InventoryDatabase(path: harness.databasePath)
            try await database.pool.write { db in
                try db.execute(sql: "UPDATE servers SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = ?", arguments: [server.uuid])
            }
            // ...when a complete listing holds it again,
            let report = try await harness.sync(["cs"])
            // then it is logged as reappeared.
            let kinds = try harness.read { db in
                try String.fetchAll(db, sql: "SELECT kind FROM changes WHERE run_id = ? AND resource_id = ? AND resource_type = 'server'",
                                    arguments: [report.run, server.uuid])
            }
            #expect(kinds == ["reappeared"])
        }
    }
}
