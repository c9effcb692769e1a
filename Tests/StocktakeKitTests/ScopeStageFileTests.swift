import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Staging a scope in its own file")
struct ScopeStageFileTests {
    static func server(_ id: String, name: String, drives: [String]) -> ServerRow {
        ServerRow(
            id: id, name: name, status: "running", providerStatus: "running", cpuMHz: nil, smp: nil, memBytes: nil,
            commercialType: nil, arch: nil, image: nil, hostname: nil, createdAt: nil, modifiedAt: nil,
            raw: #"{"name":"\#(name)"}"#, runtime: nil,
            drives: drives.map { ServerDriveRow(driveID: $0, device: nil, devChannel: nil, slot: 0, bootOrder: nil, volumeType: nil) },
            nics: [], tags: ["t-\(name)"])
    }

    static func page(_ servers: [ServerRow]) -> StagedPage<ServerRow> {
        var page = StagedPage<ServerRow>()
        page.changed = servers.map { ($0, DatabaseCell.contentHash($0.versionedValues), 0) }
        return page
    }

    @Test("An object listed twice (the listing shifted) is applied once, as first seen, with its own attachments")
    func duplicatesKeepFirstCopy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-stage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try InventoryDatabase(path: directory.appendingPathComponent("inventory.sqlite").path)
        let scope = SyncScope(account: "scw", provider: .scaleway, zone: "fr-par-1", kind: .servers)
        let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                           credentials: .scaleway(secretKey: "k"))
        let (run, _) = try await database.beginRun(accounts: [account])

        // Given a page with s1 and s2, then a later page where s1 shows up again with other content
        let staged = try database.makeStage(0)
        try await staged.stage(Self.page([Self.server("s1", name: "first", drives: ["d1"]),
                                          Self.server("s2", name: "other", drives: [])]), spec: .servers)
        try await staged.stage(Self.page([Self.server("s1", name: "second", drives: ["d2", "d3"])]), spec: .servers)

        // When the scope is finished and applied
        let count = try await staged.finish(.servers)
        let counts = try await database.apply(scope, stage: staged, run: run, report: ScopeReport(scope: scope, startedAt: ""), owner: nil)
        staged.remove()

        // Then s1 is there once, as first seen, with the first copy's attachment and tag only
        #expect(count == 2)
        #expect(counts.created == 2)
        let (name, drives, tags) = try await database.pool.read { db in
            (try String.fetchOne(db, sql: "SELECT name FROM servers WHERE id = 's1'"),
             try String.fetchAll(db, sql: "SELECT drive_id FROM server_drives WHERE server_id = 's1'"),
             try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE resource_id = 's1'"))
        }
        #expect(name == "first" && drives == ["d1"] && tags == ["t-first"])
        #expect(!FileManager.default.fileExists(atPath: staged.path))
    }
}
