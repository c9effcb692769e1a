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
}
