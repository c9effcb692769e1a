import Foundation
import GRDB
import StocktakeKit
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
        #expect(result.stdout.contains("stocktake query cost-by-account") && result.stdout.contains("stocktake query waste-cost"))
        #expect(result.stdout.contains("EUR") && result.stdout.contains("CHF"), "the costs, each account in its currency")
        #expect(result.stdout.contains("the change log of run 3"))
        var configuration = Configuration()
        configuration.readonly = true
        let runs = try await DatabaseQueue(path: directory.appendingPathComponent("inventory.sqlite").path,
                                           configuration: configuration).read { db in
            try String.fetchAll(db, sql: "SELECT status FROM sync_runs ORDER BY id")
        }
        #expect(runs == ["ok", "ok", "ok"])
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("config.yaml").path))
        let report = directory.appendingPathComponent("report.html").path
        #expect(result.stdout.contains("the report (open it in a browser): \(report)"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta name=\"stocktake-run\" content=\"3\">"))
    }

    @Test("report writes a file whose next run counts changes from the run after it; check exits 3 with rows, 0 and silent without")
    func reportAndCheck() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-report-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(await (try SpawnedProcess(["demo", "--dir", directory.path, "--servers", "20", "--drives", "40"])).finish().status == 0)
        let environment = ["STOCKTAKE_DB": directory.appendingPathComponent("inventory.sqlite").path]
        let output = directory.appendingPathComponent("weekly.json").path
        let first = await (try SpawnedProcess(["report", "--format", "json", "--output", output], environment: environment)).finish()
        #expect(first.status == 0 && first.stderr.contains("changes since 7d"), "\(first.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect(json["run"] as? Int == 3 && (json["trends"] as? [Any])?.count == 3 && (json["waste"] as? [Any])?.count == InventoryReport.wasteQueries.count)
        let again = await (try SpawnedProcess(["report", "--format", "json", "--output", output], environment: environment)).finish()
        #expect(again.stderr.contains("changes since #4 (no sync since run #3, which the previous report showed)"),
                "the previous report showed run 3: \(again.stderr)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect((second["since_time"] == nil || second["since_time"] is NSNull) && (second["since_words"] as? String)?.hasPrefix("no sync since run #3") == true,
                "\(second["since_time"] ?? "none")")
        // Every format says so, never a time that no run has (9999-12-31...).
        for format in ["html", "markdown"] {
            let file = directory.appendingPathComponent("weekly.\(format)").path
            for _ in 1...2 {
                #expect(await (try SpawnedProcess(["report", "--format", format, "--output", file], environment: environment)).finish().status == 0)
            }
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("no sync since run #3, which the previous report showed") && !text.contains("9999"), "\(format)")
        }
        let markdown = await (try SpawnedProcess(["report", "--format", "markdown", "--as-of", "2"], environment: environment)).finish()
        #expect(markdown.status == 0 && markdown.stdout.contains("# Stocktake inventory report\n\nas of run 2"))

        let check = await (try SpawnedProcess(["check", "--max-rows", "2", "--format", "csv"], environment: environment)).finish()
        #expect(check.status == 3)
        #expect(check.stdout.contains("# unmounted-drives: ") && check.stdout.contains(" (the first 2 below): "))
        let quiet = await (try SpawnedProcess(["check", "--query", "stale-scopes"], environment: environment)).finish()
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "nothing to say: no output for cron to mail")
        let typo = await (try SpawnedProcess(["check", "--query", "unmounted-drive"], environment: environment)).finish()
        #expect(typo.status == 1 && typo.stderr.contains("did you mean 'unmounted-drives'"))
    }
}
