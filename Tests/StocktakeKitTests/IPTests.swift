import Foundation
import GRDB
import Logging
@testable import StocktakeKit
import Testing

@Suite("IP addresses from recorded responses")
struct IPTests {
    /// Syncs one account's servers and IPs listings, served from the given bodies.
    static func sync(_ account: AccountConfiguration, routes: [(String, String, [(String, String)])], path: String) async throws -> SyncReport {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let database = try InventoryDatabase(path: path)
        return try await SyncEngine(configuration: StocktakeConfiguration(accounts: [account]), database: database,
                                    transport: FixtureTransport(routes: routes), logger: logger).run(acceptOwnerChange: true)
    }

    static func unattached(_ path: String) throws -> Set<String> {
        let result = try ReadOnlyInventory(path: path).execute(try QueryLibrary().query("unattached-ips").sql)
        let id = try #require(result.columns.firstIndex(of: "id"))
        return Set(result.rows.map { ResultFormat.plain($0[id]) })
    }

    static func temporaryPath() -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-ips-\(UUID().uuidString)")
        return (directory, directory.appendingPathComponent("ips.sqlite").path)
    }

    @Test("Recorded Scaleway IP listings, 2020 to 2025: unattached exactly when detached (or, before state existed, stateless) with no server",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func scalewayRecordings() async throws {
        let folder = Recordings.root.appendingPathComponent("new-kinds")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.contains("instance-ips-list.") && $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 4)
        for file in files {
            let (directory, path) = Self.temporaryPath()
            defer { try? FileManager.default.removeItem(at: directory) }
            let body = try Recordings.text("new-kinds/" + file)
            let ips = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["ips"] as? [[String: Any]] ?? []
            let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                               credentials: .scaleway(secretKey: "k"), kinds: [.servers, .ips])
            let report = try await Self.sync(account, routes: [
                ("/instance/v1/zones/fr-par-1/ips", body, [("X-Total-Count", "\(ips.count)")]),
                ("/instance/v1/zones/fr-par-1/servers", #"{"servers": []}"#, [("X-Total-Count", "0")]),
            ], path: path)
            #expect(report.exitCode == 0, "\(file): \(report.scopes.compactMap(\.error))")
            let expected = Set(ips.filter { ip in
                let state = ip["state"] as? String
                return ip["server"] is NSNull && (state == "detached" || state == nil)
            }.compactMap { $0["id"] as? String })
            #expect(try Self.unattached(path) == expected, "\(file)")
        }
    }

    @Test("A recorded CloudSigma IP whose own server is null while a server's NIC uses it is not offered",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func cloudSigmaRecordings() async throws {
        let (directory, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Recordings.text("new-kinds/cloudsigma-docs/server-static-ip-and-vlan-nics.2014-06-05.json")
        let servers = #"{"meta": {"limit": 0, "offset": 0, "total_count": 1}, "objects": ["# + server + "]}"
        let account = AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: "https://zrh.example/api/2.0/", zones: ["zrh"],
                                           credentials: .cloudsigma(username: "u", password: "p"), kinds: [.servers, .ips])
        let report = try await Self.sync(account, routes: [
            ("/api/2.0/ips/detail/", try Recordings.text("new-kinds/cloudsigma-docs/ips-detail.2014-06-05.json"), []),
            ("/api/2.0/servers/detail/", servers, []),
            ("/api/2.0/tags/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
        ], path: path)
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let row = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT address, status, server_id FROM ips WHERE id = '185.12.6.183'")
        }
        #expect(row?["address"] as String? == "185.12.6.183" && row?["status"] as String? == "unattached"
                && row?["server_id"] as String? == nil, "the IP's own side names no server")
        let used = try await DatabaseQueue(path: path).read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM server_nics WHERE ipv4_address = '185.12.6.183')")
        }
        #expect(used == true, "the server's NIC uses it")
        #expect(try Self.unattached(path).isEmpty)
    }

    @Test("A recorded CloudSigma VLAN that lists no server while a server's NIC is on it is not unused",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedVLAN() async throws {
        let (directory, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Recordings.text("new-kinds/cloudsigma-docs/server-static-ip-and-vlan-nics.2014-06-05.json")
        let servers = #"{"meta": {"limit": 0, "offset": 0, "total_count": 1}, "objects": ["# + server + "]}"
        let account = AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: "https://zrh.example/api/2.0/", zones: ["zrh"],
                                           credentials: .cloudsigma(username: "u", password: "p"), kinds: [.servers, .vlans])
        let routes: [(String, String, [(String, String)])] = [
            ("/api/2.0/vlans/detail/", try Recordings.text("new-kinds/cloudsigma-docs/vlans-detail.2014-06-05.json"), []),
            ("/api/2.0/servers/detail/", servers, []),
            ("/api/2.0/tags/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
        ]
        #expect(try await Self.sync(account, routes: routes, path: path).exitCode == 0)
        let unused = try ReadOnlyInventory(path: path).execute(try QueryLibrary().query("unused-networks").sql)
        #expect(unused.rows.isEmpty, "the VLAN lists no server, but the server's NIC is on it")
        let members = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM network_servers") }
        #expect(members == 0, "the VLAN's own side, as recorded, lists none")
        // Without the server, the same VLAN is unused.
        let (otherDirectory, otherPath) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: otherDirectory) }
        var empty = routes
        empty[1] = ("/api/2.0/servers/detail/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, [])
        #expect(try await Self.sync(account, routes: empty, path: otherPath).exitCode == 0)
        #expect(try ReadOnlyInventory(path: otherPath).execute(try QueryLibrary().query("unused-networks").sql).rows.count == 1)
    }
}
