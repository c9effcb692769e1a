import Foundation
import GRDB
import Logging
import Reliability
import Simulator
@testable import StocktakeKit
import Testing

@Suite("Scaleway Block Storage volumes")
struct BlockStorageTests {
    @Test("403 on Block Storage fails only its scopes, naming the account and BlockStorageReadOnly; the rest applies")
    func forbiddenBlockStorage() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let before = try SyncHarness.zones.map { try harness.snapshot(table: "drives", account: "scw", zone: $0) }
            try harness.simulator.advanceEpoch(churn: 0.1)
            try harness.simulator.addFault(FaultRule(.serverError, provider: "scaleway", resource: "block_volumes", status: 403))
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let failed = report.scopes.filter { $0.outcome == .failed }
            #expect(failed.map { "\($0.account) \($0.zone) \($0.kind)" } == SyncHarness.zones.map { "scw \($0) block_volumes" },
                    "\(report.scopes.map(\.line))")
            #expect(failed.allSatisfy {
                $0.error?.contains("account 'scw': Scaleway does not let these credentials list") == true
                    && $0.error?.contains("/block/v1/zones/") == true
                    && $0.error?.contains("the BlockStorageReadOnly permission set") == true
                    && $0.error?.contains("permissions_denied") == true
            }, "\(failed.compactMap(\.error))")
            // The Instance listings applied the epoch; no Block Storage row changed.
            let blockRows = try harness.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM drives WHERE account = 'scw' AND listing = 'block_volumes' ORDER BY id")
                    .map(\.description)
            }
            let beforeBlock = before.flatMap { $0 }.filter { $0.contains("listing:\"block_volumes\"") }
            #expect(!blockRows.isEmpty && blockRows.sorted() == beforeBlock.sorted())
            #expect(report.scopes.filter { $0.kind != "block_volumes" }.allSatisfy { $0.outcome == .applied })
        }
    }

    @Test("401 on the Block Storage listing still fails the whole account")
    func unauthorizedBlockStorage() async throws {
        try await SyncHarness.with { harness in
            try harness.simulator.addFault(FaultRule(.serverError, provider: "scaleway", resource: "block_volumes", status: 401))
            // Every other Scaleway listing answers slowly, so none applies before the refusal arrives.
            try harness.simulator.addFault(FaultRule(.delay, provider: "scaleway", delayMilliseconds: 300))
            let report = try await harness.sync()
            #expect(report.exitCode == 2)
            let scaleway = report.scopes.filter { $0.account == "scw" }
            #expect(scaleway.count == harness.scopeCount(account: "scw") && scaleway.allSatisfy { $0.outcome == .failed && $0.error?.contains("refused the credentials") == true },
                    "\(scaleway.map(\.line))")
            #expect(report.scopes.filter { $0.account == "cs" }.allSatisfy { $0.outcome == .applied })
        }
    }

    @Test("A Block listing without total_count, or announcing another total, fails its scope and deletes nothing")
    func blockListingWithoutEvidence() async throws {
        try await SyncHarness.with(FleetConfiguration(seed: 3, servers: 40, drives: 160, zones: SyncHarness.zones), pageSize: 10) { harness in
            try await harness.sync()
            let before = try harness.snapshot(table: "drives", account: "scw", zone: "fr-par-1")
            for rule in [FaultRule(.lie, provider: "scaleway", resource: "block_volumes", zone: "fr-par-1", lie: .noTotal),
                         FaultRule(.lie, provider: "scaleway", resource: "block_volumes", zone: "fr-par-1", lie: .total, total: 3)] {
                harness.simulator.clearFaults()
                try harness.simulator.addFault(rule)
                let report = try await harness.sync()
                let failed = report.scopes.filter { $0.outcome == .failed }
                #expect(failed.map { "\($0.zone) \($0.kind)" } == ["fr-par-1 block_volumes"], "\(report.scopes.map(\.line))")
                #expect(try harness.snapshot(table: "drives", account: "scw", zone: "fr-par-1") == before)
            }
            #expect(try harness.read { db in
                try String.fetchAll(db, sql: "SELECT error FROM sync_scopes WHERE kind = 'block_volumes' AND outcome = 'failed'")
            }.contains { $0.contains("no total_count in the response") })
            harness.simulator.clearFaults()
            #expect(try await harness.sync().exitCode == 0)
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
        }
    }

    @Test("A database from before Block Storage upgrades: old volumes belong to the Instance listing, which alone may delete them")
    func upgradeFromBeforeBlockStorage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-v5-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try InventoryMigrations.migrator.migrate(old, upTo: "v5-account-owner")
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO accounts (name, provider, endpoint, scopes, first_seen) VALUES ('scw', 'scaleway', 'x', 'fr-par-1', 't');
                INSERT INTO accounts (name, provider, endpoint, scopes, first_seen) VALUES ('cs', 'cloudsigma', 'x', 'zrh', 't');
                INSERT INTO drives (account, id, provider, zone, status, first_seen, first_seen_run, raw, content_hash)
                VALUES ('scw', 'old-volume', 'scaleway', 'fr-par-1', 'unmounted', 't', 1, '{}', 1),
                       ('cs', 'old-drive', 'cloudsigma', 'zrh', 'unmounted', 't', 1, '{}', 1);
                """)
        }
        try old.close()

        let database = try InventoryDatabase(path: path)
        #expect(try await Self.rows("SELECT id || ' ' || listing FROM drives ORDER BY id", database) == ["old-drive drives", "old-volume volumes"])
        let block = #"{"volumes": [{"id": "sbs-1", "name": "b", "type": "sbs_5k", "size": 5000000000, "status": "available", "references": []}], "total_count": 1}"#
        let transport = FixtureTransport(routes: [
            ("/block/v1/zones/fr-par-1/volumes", block, []),
            ("/instance/v1/zones/fr-par-1/volumes", #"{"volumes": []}"#, [("X-Total-Count", "0")]),
        ])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        func sync(_ kinds: [ResourceKind]) async throws -> SyncReport {
            let configuration = StocktakeConfiguration(accounts: [
                AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                     credentials: .scaleway(secretKey: "k"), kinds: kinds),
            ])
            return try await SyncEngine(configuration: configuration, database: database, transport: transport, logger: logger).run()
        }
        // The Block listing of the zone is complete and lacks the old Instance volume: it is not its to delete.
        #expect(try await sync([.blockVolumes]).exitCode == 0)
        #expect(try await Self.rows("SELECT id FROM drives WHERE deleted_at IS NULL ORDER BY id", database) == ["old-drive", "old-volume", "sbs-1"])
        // The Instance listing, complete and empty, is: the volume is gone.
        #expect(try await sync([.drives]).exitCode == 0)
        #expect(try await Self.rows("SELECT id FROM drives WHERE deleted_at IS NULL ORDER BY id", database) == ["old-drive", "sbs-1"])
    }

    // MARK: Recorded responses

    static let folder = "new-kinds/terraform-provider-scaleway"

    /// Syncs one Scaleway zone whose server listing and Block Storage listing are the given bodies.
    static func syncRecorded(servers: String, blockVolumes: [String], into database: InventoryDatabase) async throws -> SyncReport {
        var seen = Set<String>()
        var volumes: [Any] = []
        for body in blockVolumes {
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8))
            let objects = (object as? [String: Any])?["volumes"] as? [[String: Any]] ?? [object as? [String: Any] ?? [:]]
            for volume in objects where seen.insert(volume["id"] as? String ?? "").inserted { volumes.append(volume) }
        }
        let listing = String(decoding: try JSONSerialization.data(withJSONObject: ["volumes": volumes, "total_count": volumes.count]),
                             as: UTF8.self)
        let serverCount = ((try JSONSerialization.jsonObject(with: Data(servers.utf8)) as? [String: Any])?["servers"] as? [Any])?.count ?? 0
        let transport = FixtureTransport(routes: [
            ("/block/v1/zones/fr-par-1/volumes", listing, []),
            ("/instance/v1/zones/fr-par-1/servers", servers, [("X-Total-Count", "\(serverCount)")]),
            ("/instance/v1/zones/fr-par-1/volumes", #"{"volumes": []}"#, [("X-Total-Count", "0")]),
        ])
        let configuration = StocktakeConfiguration(accounts: [
            AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                 credentials: .scaleway(secretKey: "k"), kinds: [.servers, .drives, .blockVolumes]),
        ], sync: SyncSettings(concurrency: 2, pageSize: 100))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try await SyncEngine(configuration: configuration, database: database, transport: transport, logger: logger)
            .run(acceptOwnerChange: true)
    }

    static func files(in folder: String, matching prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Recordings.root.appendingPathComponent(folder).path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    static func rows(_ sql: String, _ database: InventoryDatabase) async throws -> [String] {
        try await database.pool.read { db in try String.fetchAll(db, sql: sql) }
    }

    static func queryIDs(_ name: String, _ path: String) throws -> Set<String> {
        let result = try ReadOnlyInventory(path: path).execute(try QueryLibrary().query(name).sql)
        let id = try #require(result.columns.firstIndex(of: "id"))
        return Set(result.rows.map { ResultFormat.plain($0[id]) })
    }

    @Test("Recorded accounts (bundles): every sbs_volume a recorded server holds joins the recorded Block volume, and a volume left by a deleted server is offered",
          .enabled(if: Recordings.enabled, Recordings.skipReason),
          arguments: ["bundle.data-source-servers-public-ips.2026-03-19", "bundle.data-source-servers-public-ips.2026-07-30",
                      "bundle.data-source-servers-private-ips.2026-07-30"])
    func recordedBundles(bundle: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-block-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("block.sqlite").path
        let database = try InventoryDatabase(path: path)
        let folder = "\(Self.folder)/\(bundle)"
        let all = try Self.files(in: folder, matching: "")
        let servers = try Recordings.text(try #require(all.first { $0.contains("instance-servers-list.fr-par-1") }))
        let inUse = try all.filter { $0.contains("-block-") && !$0.contains("after-server-deleted") }.map(Recordings.text)
        let report = try await Self.syncRecorded(servers: servers, blockVolumes: inUse, into: database)
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")

        let recordedIDs = Set(try inUse.compactMap { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String })
        let joined = Set(try await Self.rows("""
            SELECT sd.drive_id FROM server_drives sd JOIN drives d ON d.account = sd.account AND d.id = sd.drive_id
            WHERE sd.volume_type = 'sbs_volume' AND d.listing = 'block_volumes' AND d.status = 'mounted'
            """, database))
        #expect(!recordedIDs.isEmpty && joined == recordedIDs, "every recorded Block volume is a drives row its server's stub joins")
        #expect(try Self.queryIDs("unmounted-drives", path).isDisjoint(with: recordedIDs))
        #expect(try Self.queryIDs("attachment-mismatch", path).isDisjoint(with: recordedIDs),
                "the volume's reference and the server's sbs_volume stub agree, whatever status words they carry")

        // The same volumes recorded after their server was deleted: no reference, available, no server lists them.
        let released = try all.filter { $0.contains("after-server-deleted") }.map(Recordings.text)
        guard !released.isEmpty else { return }
        let releasedIDs = Set(try released.compactMap { (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String })
        let second = try await Self.syncRecorded(servers: #"{"servers": []}"#, blockVolumes: released, into: database)
        #expect(second.exitCode == 0, "\(second.scopes.compactMap(\.error))")
        #expect(releasedIDs.isSubset(of: try Self.queryIDs("unmounted-drives", path)))
    }

    @Test("Recorded Block volumes, v1alpha1 and v1: unmounted only when available with no reference; in use, attaching, detaching, creating never",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedVolumes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-block-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("block.sqlite").path
        let database = try InventoryDatabase(path: path)
        let files = try Self.files(in: Self.folder, matching: "block-v1") + (try Self.files(in: "new-kinds/scaleway-cli", matching: "block-v1"))
            + (try Self.files(in: "new-kinds/scaleway-sdk-python", matching: "block-v1"))
        let volumeFiles = files.filter { $0.contains("-volume.") || $0.contains("-volumes-list.") }
        #expect(volumeFiles.contains { $0.contains("v1alpha1") } && volumeFiles.contains { $0.contains("block-v1-") })
        let bodies = try volumeFiles.map(Recordings.text)
        let report = try await Self.syncRecorded(servers: #"{"servers": []}"#, blockVolumes: bodies, into: database)
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")

        var expectedFree = Set<String>()
        var all = Set<String>()
        for body in bodies {
            let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            for volume in (object?["volumes"] as? [[String: Any]]) ?? [object ?? [:]] {
                guard let id = volume["id"] as? String, all.insert(id).inserted else { continue }
                let references = volume["references"] as? [Any] ?? []
                if volume["status"] as? String == "available", references.isEmpty { expectedFree.insert(id) }
            }
        }
        #expect(try await Self.rows("SELECT id FROM drives WHERE listing = 'block_volumes' AND deleted_at IS NULL", database).count == all.count)
        let offered = try Self.queryIDs("unmounted-drives", path)
        #expect(offered == expectedFree)
        #expect(!expectedFree.isEmpty && expectedFree.count < all.count)
        // A volume in_use with no reference is attached by its own word; with no server listing it, it is a mismatch.
        let inUseAlone = try await Self.rows("""
            SELECT id FROM drives WHERE listing = 'block_volumes' AND provider_status = 'in_use' AND json_array_length(raw, '$.references') = 0
            """, database)
        #expect(!inUseAlone.isEmpty && offered.isDisjoint(with: inUseAlone))
        #expect(Set(inUseAlone).isSubset(of: try Self.queryIDs("attachment-mismatch", path)))
        let types = Set(try await Self.rows("SELECT DISTINCT storage_type FROM drives WHERE listing = 'block_volumes'", database))
        #expect(types.isSuperset(of: ["sbs_5k", "sbs_15k"]))
    }
}
