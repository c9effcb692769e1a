import Foundation
import Reliability
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

/// A credential of another organisation or user must never delete an account's inventory.
@Suite("Listings from another owner")
struct SyncOwnershipTests {
    /// The harness's configuration with every account pointed at another simulator's URL.
    static func pointed(_ configuration: StocktakeConfiguration, at baseURL: String) -> StocktakeConfiguration {
        var moved = configuration
        moved.accounts = configuration.accounts.map { account in
            var account = account
            switch account.provider {
            case .scaleway: account.apiURL = baseURL
            case .cloudsigma: account.apiURL = baseURL + "/api/2.0/"
            }
            return account
        }
        return moved
    }

    @Test("The owner is remembered; complete listings of another owner fail every scope and delete nothing")
    func otherOwner() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let owners = try harness.read { db in
                try Row.fetchAll(db, sql: "SELECT name, owner FROM accounts ORDER BY name").map { "\($0["name"] as String)=\($0["owner"] as String? ?? "nil")" }
            }
            #expect(owners.count == 2 && owners.allSatisfy { !$0.hasSuffix("=nil") }, "\(owners)")
            let dump = try harness.read { db in try Row.fetchAll(db, sql: "SELECT * FROM drives ORDER BY account, id").map(\.description) }

            // Another organisation and user (another seed), whose fleet has nothing in nl-ams-1:
            // there the listing is empty, and must not empty the zone either.
            let other = try FleetSimulator(configuration: FleetConfiguration(seed: 99, servers: 20, drives: 40, zones: ["fr-par-1"]))
            try await SimulatorServer.withRunning(other) { otherURL in
                let report = try await harness.sync(configuration: Self.pointed(harness.configuration, at: otherURL))
                #expect(report.applied == 0, "\(report.scopes.map(\.line))")
                #expect(report.scopes.allSatisfy { $0.error?.contains("nothing applied and nothing deleted") == true }, "\(report.scopes.map(\.line))")
                #expect(try harness.read { db in try Row.fetchAll(db, sql: "SELECT * FROM drives ORDER BY account, id").map(\.description) } == dump)

                // The account really moved: accepted once, then the new owner is the one remembered.
                let accepted = try await harness.sync(configuration: Self.pointed(harness.configuration, at: otherURL), acceptOwnerChange: true)
                #expect(accepted.exitCode == 0, "\(accepted.scopes.map(\.line))")
                let stored = try harness.read { try ExpectedInventory(database: $0) }
                ExpectedInventory.expectEqual(stored, ExpectedInventory(other.groundTruth()))
                let again = try await harness.sync(configuration: Self.pointed(harness.configuration, at: otherURL))
                #expect(again.exitCode == 0)
            }
        }
    }

    @Test("An empty listing applies (and deletes) when the account's other listings confirm its owner")
    func emptyListingOfTheSameOwner() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            // The same organisation and user (same seed) with nothing left in nl-ams-1: that zone's
            // complete, empty listings delete its resources, since fr-par-1's confirm the owner.
            let emptied = try FleetSimulator(configuration: FleetConfiguration(seed: 17, servers: 80, drives: 160, zones: ["fr-par-1"]))
            try await SimulatorServer.withRunning(emptied) { url in
                let report = try await harness.sync(configuration: SyncOwnershipTests.pointed(harness.configuration, at: url))
                #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
                let stored = try harness.read { try ExpectedInventory(database: $0) }
                ExpectedInventory.expectEqual(stored, ExpectedInventory(emptied.groundTruth()))
                let leftInZone = try harness.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM servers WHERE zone = 'nl-ams-1' AND deleted_at IS NULL")
                }
                #expect(leftInZone == 0)
            }
        }
    }
}
