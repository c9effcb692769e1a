import Foundation
import GRDB
import Logging
@testable import StocktakeKit
import Testing

@Suite("Objects shaped as in the two API documents")
struct DocumentShapeTests {
    /// The server listing from scaleway-servers.apib, the detailed server and drive listings from
    /// cloudsigma-servers.txt, verbatim; the volume listing is made of the server's own volume objects.
    static func transport() throws -> FixtureTransport {
        let servers = try FixtureTransport.fixture("scaleway-list-servers")
        let parsed = try JSONSerialization.jsonObject(with: Data(servers.utf8)) as? [String: Any]
        let server = (parsed?["servers"] as? [[String: Any]])?.first
        let volumes = (server?["volumes"] as? [String: Any])?.sorted { $0.key < $1.key }.map(\.value) ?? []
        let volumeBody = String(decoding: try JSONSerialization.data(withJSONObject: ["volumes": volumes]), as: UTF8.self)
        return FixtureTransport(routes: [
            ("/zones/fr-par-1/servers", servers, [("X-Total-Count", "1")]),
            ("/zones/fr-par-1/volumes", volumeBody, [("X-Total-Count", "\(volumes.count)")]),
            ("/api/2.0/servers/detail/", try FixtureTransport.fixture("cloudsigma-servers-detail"), []),
            ("/api/2.0/drives/detail/", try FixtureTransport.fixture("cloudsigma-drives-detail"), []),
            ("/api/2.0/tags/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
        ])
    }

    @Test("The documents' objects sync: fields, attachments, NICs, and no secret in raw",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func documentObjects() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-doc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = StocktakeConfiguration(accounts: [
            // The document predates Block Storage: its account lists Instance servers and volumes only.
            AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                 credentials: .scaleway(secretKey: "k"), kinds: [.servers, .drives]),
            AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: "https://zrh.example/api/2.0/", zones: ["zrh"],
                                 credentials: .cloudsigma(username: "u", password: "p"), kinds: [.servers, .drives]),
        ], sync: SyncSettings(concurrency: 2, pageSize: 100))
        let database = try InventoryDatabase(path: directory.appendingPathComponent("doc.sqlite").path)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let report = try await SyncEngine(configuration: configuration, database: database, transport: try Self.transport(),
                                          logger: logger).run()
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")

        try await database.pool.read { db in
            let server = try #require(try Row.fetchOne(db, sql: "SELECT * FROM servers WHERE account = 'scw'"))
            #expect(server["id"] as String == "22a5c380-0a27-4a55-8f91-bedf427f6b6a")
            #expect(server["name"] as String == "scw-be19b9")
            #expect(server["status"] as String == "running")
            #expect(server["commercial_type"] as String == "START1-L")
            #expect(server["image"] as String == "Ubuntu Xenial")
            #expect(server["created_at"] as String == "2018-05-24T13:48:18.865352+00:00")
            let attached = try String.fetchAll(db, sql: "SELECT drive_id FROM server_drives WHERE account = 'scw' ORDER BY slot")
            #expect(attached == ["1cb48c59-1816-47b9-b3d8-54560772389c", "ae789518-73c1-4e8b-8235-357da8dd9e04"])
            let addresses = try String.fetchAll(db, sql: "SELECT ipv4_address FROM server_nics WHERE account = 'scw' ORDER BY interface_type DESC")
            #expect(addresses == ["163.172.136.159", "10.14.167.165"])
            let volumes = try Row.fetchAll(db, sql: "SELECT status, size_bytes FROM drives WHERE account = 'scw' ORDER BY size_bytes")
            #expect(volumes.map { $0["size_bytes"] as Int64 } == [50_000_000_000, 150_000_000_000])
            #expect(volumes.allSatisfy { $0["status"] as String == "mounted" })

            let statuses = try String.fetchAll(db, sql: "SELECT status FROM servers WHERE account = 'cs'")
            #expect(statuses.count == 9)
            #expect(Set(statuses) == ["stopped", "stopping"])
            let drives = try Row.fetchAll(db, sql: "SELECT name, media, status, size_bytes FROM drives WHERE account = 'cs'")
            #expect(drives.count == 5)
            #expect(drives.filter { $0["media"] as String == "cdrom" }.map { $0["name"] as String } == ["test_drive_2"])
            #expect(drives.allSatisfy { $0["status"] as String == "unmounted" })
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM servers WHERE raw LIKE '%vnc_password%' OR raw LIKE '%testserver%'") == 0)
        }
    }

    @Test("A running CloudSigma server: DHCP address from runtime, counters kept out of raw and the content hash")
    func runningServer() throws {
        let text = try FixtureTransport.fixture("cloudsigma-server-running")
        let object = try WireValue(json: text)
        let row = try #require(CloudSigmaMapping.server(object, tagNames: [:]))
        #expect(row.status == "running")
        #expect(row.nics.map(\.ipv4Address) == ["31.171.248.69"])
        #expect(row.nics.map(\.ipv4Conf) == ["dhcp"])
        #expect(row.drives.map(\.driveID) == ["815eb6bc-8d3f-4642-b22b-b3c86dc2a02b"])
        #expect(!row.raw.contains("bytes_recv") && !row.raw.contains("active_since") && !row.raw.contains("vnc_password"))
        #expect(row.runtime?.contains("bytes_recv") == true)

        var busier = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var runtime = busier["runtime"] as? [String: Any] ?? [:]
        runtime["active_since"] = "2030-01-01T00:00:00+00:00"
        busier["runtime"] = runtime
        let busierText = String(decoding: try JSONSerialization.data(withJSONObject: busier), as: UTF8.self)
        let again = try #require(CloudSigmaMapping.server(try WireValue(json: busierText), tagNames: [:]))
        #expect(again.runtime != row.runtime)
        #expect(DatabaseCell.contentHash(again.versionedValues) == DatabaseCell.contentHash(row.versionedValues))
    }

    @Test("Missing fields, nulls where objects were expected, numbers as strings: never an error")
    func lenientShapes() throws {
        let text = #"""
            {"id": "s1", "state": "stopped in place", "image": null, "public_ip": null, "volumes": null,
             "tags": ["b", "a", 7], "private_nics": null}
            """#
        let object = try WireValue(json: text)
        let server = try #require(ScalewayMapping.server(object))
        #expect(server.status == "stopped")
        #expect(server.name == nil && server.image == nil && server.drives.isEmpty && server.nics.isEmpty)
        #expect(server.tags == ["7", "a", "b"])
        let drive = try #require(CloudSigmaMapping.drive(try WireValue(json: #"{"uuid": "d1", "size": "1024", "allow_multimount": "true"}"#), tagNames: [:]))
        #expect(drive.sizeBytes == 1024 && drive.allowMultimount == true && drive.status == "other")
        #expect(ScalewayMapping.server(try WireValue(json: #"{"name": "no id"}"#)) == nil)
    }
}
