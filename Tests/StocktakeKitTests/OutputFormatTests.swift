import CSV
import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Output formats and the read-only guarantee")
struct OutputFormatTests {
    static let awkward = ["web, frontend", "O'Brien \"db\" primary", "Zürich 東京", "line\nbreak", "tab\there", "", "plain"]

    static func table() -> ResultTable {
        ResultTable(columns: ["name", "size", "ratio", "missing"], rows: awkward.enumerated().map { index, name in
            [DatabaseValue(value: name) ?? .null, DatabaseValue(value: Int64(index) * 1_000_000_000_000) ?? .null,
             DatabaseValue(value: Double(index) / 4) ?? .null, .null]
        })
    }

    @Test("CSV parses back with a real CSV parser to the same cells, awkward names included")
    func csvRoundTrip() throws {
        let text = ResultFormat.csv.render(Self.table())
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        #expect(reader.headerRow == ["name", "size", "ratio", "missing"])
        var names: [String] = []
        var sizes: [String] = []
        while let row = reader.next() {
            names.append(row[0])
            sizes.append(row[1])
            #expect(row[3] == "")
        }
        #expect(names == Self.awkward)
        #expect(sizes == (0..<Self.awkward.count).map { String($0 * 1_000_000_000_000) })
        #expect(!ResultFormat.csv.render(Self.table(), headers: false).hasPrefix("name"))
    }

    @Test("JSON and NDJSON parse and keep SQLite's types: integers stay integers, NULL is null")
    func jsonTypes() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ResultFormat.json.render(Self.table()).utf8)) as? [[String: Any]])
        #expect(json.map { $0["name"] as? String } == Self.awkward)
        #expect(json[3]["size"] as? Int64 == 3_000_000_000_000)
        #expect(json[2]["ratio"] as? Double == 0.5)
        #expect(json.allSatisfy { $0["missing"] is NSNull })
        let lines = ResultFormat.ndjson.render(Self.table()).split(separator: "\n")
        #expect(lines.count == Self.awkward.count)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(first["name"] as? String == "O'Brien \"db\" primary")
        #expect(ResultFormat.json.render(ResultTable(columns: ["a"], rows: [])) == "[]\n")
    }

    @Test("TSV escapes tabs and newlines; the table aligns columns")
    func tsvAndTable() {
        let tsv = ResultFormat.tsv.render(Self.table()).split(separator: "\n")
        #expect(tsv.count == Self.awkward.count + 1)
        #expect(tsv[4].hasPrefix("line\\nbreak\t"))
        #expect(tsv[5].hasPrefix("tab\\there\t"))
        let table = ResultFormat.table.render(ResultTable(columns: ["a", "b"], text: [["x", "1"], ["longer", nil], ["", "2"]]))
        #expect(table == "a       b\n------  ----\nx       1\nlonger  NULL\n        2\n", "NULL is shown, an empty text stays empty")
    }

    @Test("The table format shows byte counts as sizes; csv and json keep the numbers")
    func sizes() {
        let result = ResultTable(columns: ["name", "size_bytes", "bytes", "count"], rows: [
            ["a".databaseValue, Int64(500_000_000_000).databaseValue, Int64(107_374_182_400).databaseValue, Int64(1500).databaseValue],
            ["b".databaseValue, Int64(999).databaseValue, Int64(1_500).databaseValue, DatabaseValue.null],
        ])
        let lines = ResultFormat.table.render(result).split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines[2] == "a 500 GB 107.4 GB 1500" && lines[3] == "b 999 B 1.5 kB NULL")
        #expect(ResultFormat.csv.render(result).contains("a,500000000000,107374182400,1500"))
    }

    @Test("Writes through sql are refused and the file stays byte-identical", arguments: [
        "DELETE FROM servers", "INSERT INTO accounts VALUES ('x', 'scaleway', 'u', 'z', 't')", "DROP TABLE servers",
        "ATTACH DATABASE '/tmp/stocktake-attack.sqlite' AS other", "PRAGMA user_version = 7", "VACUUM",
        "CREATE TEMP TABLE t (x)", "UPDATE servers SET name = 'x'", "PRAGMA journal_mode = DELETE",
    ])
    func readOnly(statement: String) async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath))
        let inventory = try ReadOnlyInventory(path: fixture.databasePath)
        #expect(throws: QueryError.self) { try inventory.execute(statement) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath)) == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/stocktake-attack.sqlite"))
        #expect(try inventory.execute("SELECT COUNT(*) FROM servers").rows.count == 1)
    }

    @Test("Parameters are bound, never pasted into the SQL")
    func boundParameters() async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let inventory = try ReadOnlyInventory(path: fixture.databasePath)
        let result = try inventory.execute("SELECT COUNT(*) FROM servers WHERE name = :name",
                                           arguments: ["name": "x' OR '1'='1"])
        #expect(result.rows.first?.first == DatabaseValue(value: Int64(0)))
    }

    @Test("The binary's queries are exactly queries/*.sql (the EmbedQueries build plugin)")
    func embeddedQueriesMatchFiles() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("queries")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == BundledQueries.files.map(\.name))
        for file in BundledQueries.files {
            let text = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            #expect(text.trimmingCharacters(in: .newlines) == file.text.trimmingCharacters(in: .newlines), "\(file.name)")
        }
        #expect(try QueryLibrary().all.count == files.count)
    }

    @Test("A user directory adds queries and overrides bundled ones, with a notice")
    func userQueries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queries-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "-- name: untagged\n-- title: Mine\nSELECT 1 AS one;\n".write(to: directory.appendingPathComponent("a.sql"), atomically: true, encoding: .utf8)
        try "-- name: big-servers\n-- title: Big\n-- param min 8: cores\nSELECT * FROM servers WHERE smp >= :min;\n"
            .write(to: directory.appendingPathComponent("b.sql"), atomically: true, encoding: .utf8)
        let library = try QueryLibrary(userDirectory: directory.path)
        #expect(try library.query("untagged").origin == .user)
        #expect(try library.query("big-servers").parameters == [.init(name: "min", defaultValue: "8", meaning: "cores")])
        #expect(library.notices.count == 1 && library.notices[0].contains("overrides the bundled query 'untagged'"))
        #expect(throws: QueryError.self) { try library.query("nope") }
    }

    @Test("Every table and column of the database has a one-line meaning")
    func schemaDescribed() async throws {
        let fixture = try await NamedQueryTests.fixture.value
        let schema = try ReadOnlyInventory(path: fixture.databasePath).schema()
        let undescribed = schema.rows.filter { ResultFormat.plain($0[4]).isEmpty }.map { "\(ResultFormat.plain($0[0])).\(ResultFormat.plain($0[2]))" }
        #expect(undescribed.isEmpty)
        #expect(schema.rows.count > 100)
    }

    @Test("On a terminal a table fits the width: long cells are cut with …, short ones kept; other formats keep every value")
    func tableFitsTheTerminal() throws {
        let raw = "{\"name\": \"" + String(repeating: "x", count: 3000) + "\"}"
        let result = ResultTable(columns: ["run", "field", "new_value"], text: [["4", "raw.name", raw], ["5", "status", "running"]])
        for width in [80, 40, 30] {
            let table = ResultFormat.table.render(result, width: width)
            let lines = table.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width): \(lines.map(\.count))")
            #expect(lines.contains { $0.hasSuffix("…") } && table.contains("running") && table.contains("raw.name"))
        }
        // Too narrow for every column's least: cut to the least, never to nothing.
        #expect(ResultFormat.table.render(result, width: 10).contains("{\"name\": \"x…"))
        #expect(ResultFormat.table.render(result).contains(raw), "no width: nothing cut")
        #expect(ResultFormat.csv.render(result).contains(String(repeating: "x", count: 3000)) && ResultFormat.json.render(result).contains(String(repeating: "x", count: 3000)))
    }
}
