import Foundation
import Reliability
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

/// Listings that lie, served over loopback by the simulator with one thing
/// wrong: each must fail its scope and change nothing, never delete.
@Suite("Listings that lie fail their scope and delete nothing")
struct ListingTrustTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: FaultRule
        /// The account and zone of the scope the lie hits, and its table.
        var account: String
        var zone: String
        var table: String
        /// What the scope's error must say.
        var message: String

        /// The listing the lie hits, as `sync_scopes.kind` and `drives.listing` name it.
        var listing: String { rule.resource ?? "" }

        var testDescription: String {
            "\(rule.provider ?? "") \(rule.lie?.rawValue ?? rule.kind.rawValue)\(rule.value.map { " \($0)" } ?? "")\(rule.total.map { " \($0)" } ?? "")\(rule.after.map { " after \($0)" } ?? "")"
        }

        static func scaleway(_ lie: FaultRule.Lie, value: String? = nil, total: Int64? = nil, after: Int? = nil, _ message: String) -> Case {
            Case(rule: FaultRule(.lie, provider: "scaleway", resource: "volumes", zone: "fr-par-1", lie: lie, value: value,
                                 total: total, after: after),
                 account: "scw", zone: "fr-par-1", table: "drives", message: message)
        }

        static func block(_ lie: FaultRule.Lie, value: String? = nil, total: Int64? = nil, after: Int? = nil, _ message: String) -> Case {
            Case(rule: FaultRule(.lie, provider: "scaleway", resource: "block_volumes", zone: "nl-ams-1", lie: lie, value: value,
                                 total: total, after: after),
                 account: "scw", zone: "nl-ams-1", table: "drives", message: message)
        }

        static func cloudSigma(_ lie: FaultRule.Lie, value: String? = nil, total: Int64? = nil, after: Int? = nil, _ message: String) -> Case {
            Case(rule: FaultRule(.lie, provider: "cloudsigma", resource: "drives", lie: lie, value: value, total: total, after: after),
                 account: "cs", zone: "zrh", table: "drives", message: message)
        }
    }

    static let cases: [Case] = [
        .scaleway(.nullElement, "element 1 of `volumes` is null, not an object"),
        .scaleway(.nullElement, after: 2, "element 1 of `volumes` is null, not an object"),
        .scaleway(.nullElementNoTotal, "element 1 of `volumes` is null, not an object"),
        .scaleway(.noTotalNoLink, "neither an X-Total-Count nor a Link header"),
        .scaleway(.total, total: 10, "announced 10 objects"),
        .scaleway(.total, total: 27, after: 1, "announced"),
        .scaleway(.total, total: Int64.max, "cannot be right"),
        .scaleway(.total, total: 1_000_000_000_000, "cannot be right"),
        .scaleway(.total, total: -5, "cannot be right"),
        .scaleway(.idValue, value: #""""#, "has an empty `id`"),
        .scaleway(.idValue, value: "42", "has a number as its `id`, not a string"),
        .scaleway(.idValue, value: "true", "has a boolean as its `id`, not a string"),
        .scaleway(.idValue, value: "null", "has null as its `id`, not a string"),
        .scaleway(.idValue, value: #""\u0007bell""#, "with control characters"),
        .scaleway(.invalidUTF8ID, "invalid UTF-8"),
        .scaleway(.rawName, value: "1.2.3", "invalid JSON at byte"),
        .scaleway(.rawName, value: "1-2", "invalid JSON at byte"),
        .scaleway(.rawName, value: #""\x""#, "an invalid escape"),
        .block(.nullElement, "element 1 of `volumes` is null, not an object"),
        .block(.total, total: 10, "announced 10 objects"),
        .block(.noTotal, "no total_count in the response"),
        .block(.idValue, value: "42", "has a number as its `id`, not a string"),
        .cloudSigma(.nullElement, "element 1 of `objects` is null, not an object"),
        .cloudSigma(.total, total: 20, "announced 20 objects"),
        .cloudSigma(.total, total: Int64.max, "cannot be right"),
        .cloudSigma(.noTotal, "no meta.total_count"),
        .cloudSigma(.idValue, value: "42", "has a number as its `uuid`"),
        .cloudSigma(.rawName, value: "01", "invalid JSON at byte"),
    ]

    @Test("A lying listing fails only its scope, with a message, and the inventory keeps every row", arguments: cases)
    func lyingListing(_ lie: Case) async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            try harness.simulator.advanceEpoch(churn: 0.1)
            let before = try harness.snapshot(table: lie.table, account: lie.account, zone: lie.zone, listing: lie.listing)
            try harness.simulator.addFault(lie.rule)
            let report = try await harness.sync()
            let failed = report.scopes.filter { $0.outcome == .failed }
            #expect(failed.count == 1, "\(failed.map(\.line))")
            let scope = try #require(failed.first)
            #expect(scope.account == lie.account && scope.zone == lie.zone && scope.kind == lie.listing)
            #expect(scope.error?.contains(lie.message) == true, "\(scope.error ?? "")")
            #expect(report.exitCode == 2)
            #expect(try harness.snapshot(table: lie.table, account: lie.account, zone: lie.zone, listing: lie.listing) == before)
            let deletedNow = try harness.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changes WHERE run_id = 2 AND kind = 'deleted' AND resource_type = 'drive' AND account = ?",
                                 arguments: [lie.account])
            }
            let truthDeleted = try harness.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM drives WHERE account = ? AND NOT (zone = ? AND listing = ?) AND deleted_at IS NOT NULL
                    """, arguments: [lie.account, lie.zone, lie.listing])
            }
            #expect(deletedNow == truthDeleted, "only the other zones' real deletions")
            // The lie gone, the next sync settles on the truth.
            harness.simulator.clearFaults()
            #expect(try await harness.sync().exitCode == 0)
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
        }
    }

    @Test("Without X-Total-Count, the Link header's rel=\"next\" is the evidence, and the listing applies")
    func linkWithoutTotal() async throws {
        try await SyncHarness.with { harness in
            // The Instance API's listings; Block Storage has no Link header (its test is in BlockStorageTests).
            try harness.simulator.addFault(FaultRule(.lie, provider: "scaleway", resource: "servers", lie: .noTotal))
            try harness.simulator.addFault(FaultRule(.lie, provider: "scaleway", resource: "volumes", lie: .noTotal))
            let report = try await harness.sync()
            #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
        }
    }

    @Test("A full last page is no proof of the end: a listing longer than announced is never applied")
    func fullLastPage() async throws {
        // 40 volumes per zone at 10 a page: announcing 30 (three full pages) must not delete the last ten.
        try await SyncHarness.with { harness in
            try await harness.sync()
            let zone = try harness.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drives WHERE account = 'scw' AND zone = 'fr-par-1' AND deleted_at IS NULL")
            }
            let count = try #require(zone)
            let announced = Int64(count / 10 * 10 - 10)
            try harness.simulator.addFault(FaultRule(.lie, provider: "scaleway", resource: "volumes", zone: "fr-par-1", lie: .total, total: announced))
            let report = try await harness.sync()
            let failed = try #require(report.scopes.first { $0.outcome == .failed })
            #expect(failed.error?.contains("announced \(announced) objects") == true, "\(failed.error ?? "")")
            #expect(try harness.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drives WHERE deleted_at IS NOT NULL") } == 0)
        }
    }
}

@Suite("A server that ignores paging")
struct IgnoredPagingTests {
    @Test("Every page the same full page, with a total that matches it: the page after the end is not empty, so nothing applies")
    func samePageEverywhere() async throws {
        let objects = (0..<10).map { #"{"id": "00000000-0000-4000-8000-00000000000\#($0)", "name": "v\#($0)", "organization": "o"}"# }
        let body = #"{"volumes": [\#(objects.joined(separator: ","))]}"#
        let transport = FixtureTransport(routes: [
            ("/volumes", body, [("X-Total-Count", "10")]),
            ("/servers", #"{"servers": []}"#, [("X-Total-Count", "0")]),
        ])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-paging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = StocktakeConfiguration(accounts: [
            AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "http://127.0.0.1:9", zones: ["fr-par-1"],
                                 credentials: .scaleway(secretKey: "k")),
        ], sync: SyncSettings(concurrency: 2, pageSize: 10, timeoutSeconds: 5, maxRetries: 0))
        let database = try InventoryDatabase(path: directory.appendingPathComponent("inventory.sqlite").path)
        let report = try await SyncEngine(configuration: configuration, database: database, transport: transport).run()
        let volumes = try #require(report.scopes.first { $0.kind == "volumes" })
        #expect(volumes.outcome == .failed)
        #expect(volumes.error?.contains("the page after its announced end was not empty") == true, "\(volumes.error ?? "")")
    }
}

@Suite("Listing declarations")
struct ListingDeclarationTests {
    @Test("Every provider's listing of every kind has a URL, pinned here as the APIs document them")
    func urls() {
        func url(_ kind: ResourceKind, _ provider: Provider, _ root: String, _ zone: String) -> String? {
            ListingDeclaration.of(kind, on: provider)?.url(root: root, zone: zone)
        }
        #expect(url(.servers, .scaleway, "https://api.scaleway.com", "fr-par-1")
                == "https://api.scaleway.com/instance/v1/zones/fr-par-1/servers")
        #expect(url(.drives, .scaleway, "https://api.scaleway.com", "nl-ams-1")
                == "https://api.scaleway.com/instance/v1/zones/nl-ams-1/volumes")
        #expect(url(.blockVolumes, .scaleway, "https://api.scaleway.com", "pl-waw-2")
                == "https://api.scaleway.com/block/v1/zones/pl-waw-2/volumes")
        #expect(url(.servers, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh")
                == "https://zrh.cloudsigma.com/api/2.0/servers/detail/")
        #expect(url(.drives, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh")
                == "https://zrh.cloudsigma.com/api/2.0/drives/detail/")
        #expect(url(.ips, .scaleway, "https://api.scaleway.com", "fr-par-2") == "https://api.scaleway.com/instance/v1/zones/fr-par-2/ips")
        #expect(ListingDeclaration.of(.blockVolumes, on: .cloudsigma) == nil)
        #expect(Provider.scaleway.resourceKinds == [.servers, .drives, .blockVolumes, .ips, .securityGroups, .snapshots, .blockSnapshots,
                                                    .privateNetworks, .serverTypes, .catalog, .priceTable])
        #expect(url(.privateNetworks, .scaleway, "https://api.scaleway.com", "fr-par")
                == "https://api.scaleway.com/vpc/v2/regions/fr-par/private-networks")
        #expect(ListingDeclaration.of(.privateNetworks, on: .scaleway)?.scope == .region)
        #expect(Provider.cloudsigma.resourceKinds == [.servers, .drives, .ips, .snapshots, .vlans, .pricing, .balance, .usage, .subscriptions])
        #expect(url(.subscriptions, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh") == "https://zrh.cloudsigma.com/api/2.0/subscriptions/")
        #expect(url(.usage, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh") == "https://zrh.cloudsigma.com/api/2.0/currentusage/")
        #expect(url(.serverTypes, .scaleway, "https://api.scaleway.com", "fr-par-3")
                == "https://api.scaleway.com/instance/v1/zones/fr-par-3/products/servers")
        #expect(url(.catalog, .scaleway, "https://api.scaleway.com", "nl-ams-2")
                == "https://api.scaleway.com/product-catalog/v2alpha1/public-catalog/products?product_types=instance&zone=nl-ams-2")
        #expect(url(.pricing, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh") == "https://zrh.cloudsigma.com/api/2.0/pricing/")
        #expect(url(.balance, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh") == "https://zrh.cloudsigma.com/api/2.0/balance/")
        #expect(url(.ips, .cloudsigma, "https://zrh.cloudsigma.com/api/2.0/", "zrh") == "https://zrh.cloudsigma.com/api/2.0/ips/detail/")
        for provider in Provider.allCases {
            for kind in provider.resourceKinds {
                let listing = ListingDeclaration.of(kind, on: provider)
                // A listing of one object (balance/) or of no request (the price table) has no envelope.
                let unenveloped = listing.map { $0.shape == .single || $0.paging == .bundled } ?? false
                #expect(listing.map { ($0.envelope.isEmpty == unenveloped) && !$0.path.hasPrefix("/") && !$0.permission.isEmpty } == true)
                #expect(ResourceKind.named(kind.listingName(for: provider), for: provider) == kind)
            }
        }
        #expect(ResourceKind.named("block_volumes", for: .cloudsigma) == nil)
    }
}
