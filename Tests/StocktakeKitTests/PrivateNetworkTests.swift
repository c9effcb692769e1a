import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Scaleway private networks")
struct PrivateNetworkTests {
    static let account = AccountConfiguration(
        name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
        credentials: .scaleway(secretKey: "k"), kinds: [.servers, .privateNetworks])

    static let noServers = ("/instance/v1/zones/fr-par-1/servers", #"{"servers": []}"#, [("X-Total-Count", "0")])

    /// (id, name, zone, network_type, tags) of every stored network.
    static func networks(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: """
                SELECT n.id || '|' || COALESCE(n.name, '') || '|' || n.zone || '|' || n.network_type || '|'
                    || COALESCE((SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags t WHERE t.account = n.account
                        AND t.resource_type = 'network' AND t.resource_id = n.id ORDER BY tag)), '')
                FROM networks n WHERE n.deleted_at IS NULL ORDER BY n.id
                """)
        }
    }

    @Test("Every complete recorded VPC v2 listing, 2023 to 2026, maps each network: id, name, region, tags",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedListings() async throws {
        let folder = Recordings.root.appendingPathComponent("new-kinds-2")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.contains("vpc-v2-private-networks.") && $0.hasSuffix(".json") }.sorted()
        var complete = 0
        for file in files {
            let body = try Recordings.text("new-kinds-2/" + file)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            let networks = page["private_networks"] as? [[String: Any]] ?? []
            guard networks.count == page["total_count"] as? Int else { continue }
            complete += 1
            let (directory, path) = IPTests.temporaryPath()
            defer { try? FileManager.default.removeItem(at: directory) }
            let report = try await IPTests.sync(Self.account, routes: [
                ("/vpc/v2/regions/fr-par/private-networks", body, []), Self.noServers,
            ], path: path)
            #expect(report.exitCode == 0, "\(file): \(report.scopes.compactMap(\.error))")
            #expect(report.scopes.map(\.zone).sorted() == ["fr-par", "fr-par-1"], "one regional scope beside the zone's")
            let expected = networks.map { network in
                let tags = (network["tags"] as? [String] ?? []).sorted().joined(separator: ",")
                return "\(network["id"] as? String ?? "")|\(network["name"] as? String ?? "")|fr-par|private_network|\(tags)"
            }.sorted()
            #expect(try Self.networks(path) == expected, "\(file)")
            let raw = try await DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT raw FROM networks") }
            #expect(raw.allSatisfy { $0.contains("\"subnets\"") }, "the subnets stay in raw")
        }
        #expect(complete >= 7)
    }

    @Test("A recorded first page of 20 announcing 48 is never applied as the whole listing",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedFirstPageOnly() async throws {
        let body = try Recordings.text(
            "new-kinds-2/scaleway-sdk-python/vpc-v2-private-networks.fr-par.2025-09-02.20-of-48.page1-only.masked-ids.json")
        let (directory, path) = IPTests.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try await IPTests.sync(Self.account, routes: [
            ("/vpc/v2/regions/fr-par/private-networks", body, []), Self.noServers,
        ], path: path)
        let scope = try #require(report.scopes.first { $0.kind == "private_networks" })
        #expect(scope.outcome == .failed, "\(scope.line)")
        #expect(try Self.networks(path).isEmpty)
    }

    @Test("Recorded servers whose private NICs are on a recorded network: the network is in use, and joins their NICs",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedBundle() async throws {
        let prefix = "new-kinds-2/terraform-provider-scaleway/"
        let servers = try Recordings.text(prefix + "instance-v1-servers.fr-par-1.2026-07-30.2-servers.2-nics.data-source-servers-private-ips.json")
        let network = try Recordings.text(prefix + "vpc-v2-private-network-get.fr-par.2026-07-30.NOT-A-LIST.data-source-servers-private-ips.json")
        let (directory, path) = IPTests.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let serverCount = ((try JSONSerialization.jsonObject(with: Data(servers.utf8)) as? [String: Any])?["servers"] as? [Any])?.count ?? 0
        // An unused network of the same region beside the recorded one.
        let unused = #"{"id": "00000000-0000-4000-8000-000000000001", "name": "spare", "tags": [], "subnets": []}"#
        let report = try await IPTests.sync(Self.account, routes: [
            ("/vpc/v2/regions/fr-par/private-networks", #"{"private_networks": [\#(network), \#(unused)], "total_count": 2}"#, []),
            ("/instance/v1/zones/fr-par-1/servers", servers, [("X-Total-Count", "\(serverCount)")]),
        ], path: path)
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let inventory = try ReadOnlyInventory(path: path)
        let result = try inventory.execute(try QueryLibrary().query("unused-networks").sql)
        let id = try #require(result.columns.firstIndex(of: "id"))
        #expect(result.rows.map { ResultFormat.plain($0[id]) } == ["00000000-0000-4000-8000-000000000001"])
        let joined = try inventory.execute("""
            SELECT COUNT(*) FROM current_server_nics x JOIN current_networks n ON n.account = x.account AND n.id = x.private_network
            """)
        #expect(joined.rows.first?.first == DatabaseValue(value: Int64(2)), "both recorded NICs are on the recorded network")
    }

    @Test("Zones of one region list its private networks once; zones of two regions, once each")
    func regionalScopes() {
        var account = Self.account
        account.zones = ["fr-par-1", "fr-par-2", "nl-ams-1"]
        let networks = account.scopes.filter { $0.kind == .privateNetworks }.map(\.zone)
        #expect(networks == ["fr-par", "nl-ams"])
        #expect(account.scopes.filter { $0.kind == .servers }.map(\.zone) == ["fr-par-1", "fr-par-2", "nl-ams-1"])
    }
}
