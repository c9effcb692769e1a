import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Snapshots from recorded responses")
struct SnapshotTests {
    @Test("Recorded Instance and Block snapshot listings: each names its volume; with both volume listings read and empty, each naming one is orphaned",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedSnapshots() async throws {
        let folder = Recordings.root.appendingPathComponent("new-kinds")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { ($0.contains("instance-snapshots-list.") || $0.contains("block-v1-snapshots-list.")
                       || $0.contains("block-v1alpha1-snapshots-list.")) && $0.hasSuffix(".json") }.sorted()
        #expect(files.contains { $0.contains("instance-") } && files.contains { $0.contains("block-") })
        for file in files {
            let (directory, path) = IPTests.temporaryPath()
            defer { try? FileManager.default.removeItem(at: directory) }
            let body = try Recordings.text("new-kinds/" + file)
            let snapshots = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["snapshots"] as? [[String: Any]] ?? []
            let block = file.contains("block-")
            let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                               credentials: .scaleway(secretKey: "k"),
                                               kinds: [.drives, .blockVolumes, block ? .blockSnapshots : .snapshots])
            let listing = block ? "/block/v1/zones/fr-par-1/snapshots" : "/instance/v1/zones/fr-par-1/snapshots"
            let report = try await IPTests.sync(account, routes: [
                (listing, body, [("X-Total-Count", "\(snapshots.count)")]),
                ("/block/v1/zones/fr-par-1/volumes", #"{"volumes": [], "total_count": 0}"#, []),
                ("/instance/v1/zones/fr-par-1/volumes", #"{"volumes": []}"#, [("X-Total-Count", "0")]),
            ], path: path)
            #expect(report.exitCode == 0, "\(file): \(report.scopes.compactMap(\.error))")
            let named = Set(snapshots.filter { (($0["base_volume"] ?? $0["parent_volume"]) as? [String: Any])?["id"] is String }
                .compactMap { $0["id"] as? String })
            let result = try ReadOnlyInventory(path: path).execute(try QueryLibrary().query("orphan-snapshots").sql)
            let id = try #require(result.columns.firstIndex(of: "id"))
            #expect(Set(result.rows.map { ResultFormat.plain($0[id]) }) == named, "\(file)")
            let stored = try await DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshots") }
            #expect(stored == snapshots.count, "\(file)")
        }
    }

    @Test("A recorded CloudSigma snapshot, timestamp with a space: its drive gone, it is orphaned and old",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedCloudSigmaSnapshot() async throws {
        let (directory, path) = IPTests.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let body = try Recordings.text("new-kinds/cloudsigma-docs/snapshots-detail.2014-06-05.json")
        let account = AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: "https://zrh.example/api/2.0/", zones: ["zrh"],
                                           credentials: .cloudsigma(username: "u", password: "p"), kinds: [.drives, .snapshots])
        let report = try await IPTests.sync(account, routes: [
            ("/api/2.0/snapshots/detail/", body, []),
            ("/api/2.0/drives/detail/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
            ("/api/2.0/tags/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
        ], path: path)
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let recorded = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["objects"] as? [[String: Any]] ?? []
        let stamps = Set(recorded.compactMap { $0["timestamp"] as? String })
        #expect(!recorded.isEmpty && stamps.allSatisfy { $0.contains(" ") && !$0.contains("T") })
        let inventory = try ReadOnlyInventory(path: path)
        let orphans = try inventory.execute(try QueryLibrary().query("orphan-snapshots").sql)
        #expect(orphans.rows.count == recorded.filter { $0["drive"] is [String: Any] }.count)
        let old = try inventory.execute(try QueryLibrary().query("old-snapshots").sql, arguments: ["days": "90"])
        let created = try #require(old.columns.firstIndex(of: "created_at"))
        #expect(Set(old.rows.map { ResultFormat.plain($0[created]) }) == stamps, "SQLite reads the space-separated times")
    }
}
