import Foundation
import GRDB
import Testing

@Suite("stocktake demo")
struct DemoCommandTests {
    @Test("The demo syncs three times into the directory it names and says what to try next")
    func demo() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-demo-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await (try SpawnedProcess(["demo", "--dir", directory.path, "--servers", "20", "--drives", "40"])).finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Stocktake demo in \(directory.path)"))
        #expect(result.stdout.contains("sync run 3:"))
        #expect(result.stdout.contains("export STOCKTAKE_DB=\(directory.path)/inventory.sqlite"))
        #expect(result.stdout.contains("stocktake query unmounted-drives"))
        #expect(result.stdout.contains("stocktake query unattached-ips"))
        #expect(result.stdout.contains("stocktake query orphan-snapshots"))
        #expect(result.stdout.contains("the change log of run 3"))
        var configuration = Configuration()
        configuration.readonly = true
        let runs = try await DatabaseQueue(path: directory.appendingPathComponent("inventory.sqlite").path,
                                           configuration: configuration).read { db in
            try String.fetchAll(db, sql: "SELECT status FROM sync_runs ORDER BY id")
        }
        #expect(runs == ["ok", "ok", "ok"])
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.yaml").path))
    }
}
