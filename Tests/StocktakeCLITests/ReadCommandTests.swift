import Foundation
import StocktakeKit
import Testing

/// The read commands as the README shows them, run against a database the demo wrote.
@Suite("Read commands, as documented", .serialized)
struct ReadCommandTests {
    static let demo = Task { () throws -> String in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-read-\(UUID().uuidString)")
        let result = await (try SpawnedProcess(["demo", "--dir", directory.path])).finish()
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return directory.appendingPathComponent("inventory.sqlite").path
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        let database = try await Self.demo.value
        return await (try SpawnedProcess(arguments, environment: ["STOCKTAKE_DB": database])).finish()
    }

    @Test("stocktake queries lists every bundled query")
    func queries() async throws {
        let result = try await run(["queries", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\r\n")
        #expect(lines.first == "name,title,parameters,origin")
        let bundled = try QueryLibrary().all.count
        #expect(lines.count == 1 + bundled)
        #expect(lines.contains { $0.hasPrefix("largest-drives,The largest drives and volumes,limit=20,bundled") })
    }

    @Test("stocktake query with a parameter, as JSON; unknown names and parameters list what exists")
    func query() async throws {
        let result = try await run(["query", "largest-drives", "-p", "limit=3", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows[0]["size_bytes"] is Int64 || rows[0]["size_bytes"] is Int)
        // Whole-number parameters are counts, never runs: the demo database has fewer than 20 runs.
        let defaults = try await run(["query", "largest-drives", "--format", "csv", "--no-headers"])
        #expect(defaults.status == 0 && defaults.stdout.split(separator: "\r\n").count == 20, "\(defaults.stderr)")
        let days = try await run(["query", "old-snapshots", "--format", "csv"])
        #expect(days.status == 0, "\(days.stderr)")
        let unknown = try await run(["query", "biggest"])
        #expect(unknown.status == 1 && unknown.stderr.contains("the queries are: attachment-mismatch"))
        let parameter = try await run(["query", "largest-drives", "-p", "top=3"])
        #expect(parameter.status == 1 && parameter.stderr.contains("it takes: limit"))
    }

    @Test("stocktake query --as-of 1 sees the first sync; before it is an error")
    func asOf() async throws {
        let now = try await run(["query", "status-summary", "--format", "csv", "--no-headers"])
        let first = try await run(["query", "status-summary", "--as-of", "1", "--format", "csv", "--no-headers"])
        #expect(now.status == 0 && first.status == 0)
        #expect(first.stdout != now.stdout)
        let early = try await run(["query", "status-summary", "--as-of", "2000-01-01"])
        #expect(early.status == 1 && early.stderr.contains("no sync had finished by 2000-01-01"))
    }

    @Test("stocktake sql reads, from an argument or stdin, and refuses to write")
    func sql() async throws {
        let count = try await run(["sql", "SELECT COUNT(*) AS servers FROM servers WHERE deleted_at IS NULL", "--format", "tsv"])
        #expect(count.status == 0)
        #expect(count.stdout.hasPrefix("servers\n"))
        let database = try await Self.demo.value
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        let refused = try await run(["sql", "DROP TABLE servers"])
        #expect(refused.status == 1 && refused.stderr.contains("read-only: the statement would change the database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        let piped = try SpawnedProcess(["sql", "-", "--format", "csv"], environment: ["STOCKTAKE_DB": database], stdin: "SELECT 1 AS one")
        let result = await piped.finish()
        #expect(result.stdout == "one\r\n1\r\n")
    }

    @Test("stocktake history and changes show a resource's timeline and the log")
    func historyAndChanges() async throws {
        let changes = try await run(["changes", "--since", "2", "--type", "server", "--format", "json"])
        #expect(changes.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(changes.stdout.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["resource_type"] as? String == "server" && ($0["run_id"] as? Int ?? 0) >= 2 })
        let id = try #require(rows.first { $0["kind"] as? String == "updated" }?["resource_id"] as? String)
        let history = try await run(["history", id, "--format", "json"])
        #expect(history.status == 0)
        let timeline = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]])
        #expect(timeline.first?["kind"] as? String == "version")
        #expect(timeline.contains { $0["kind"] as? String == "updated" })
        let runs = timeline.compactMap { $0["run"] as? Int }
        #expect(runs == runs.sorted())
        let missing = try await run(["history", "no-such-id"])
        #expect(missing.status == 1 && missing.stderr.contains("no resource with the id or name 'no-such-id'"))
    }

    @Test("queries NAME describes a query; --show-sql prints its SQL; a mistyped name suggests the closest")
    func describeQueries() async throws {
        let described = try await run(["queries", "old-snapshots"])
        #expect(described.status == 0)
        #expect(described.stdout.hasPrefix("old-snapshots: Snapshots older than a number of days (bundled)\n"))
        #expect(described.stdout.contains("  -p days=VALUE   the age in whole days (default: 90)"))
        #expect(described.stdout.contains("Run: stocktake query old-snapshots -p days=90") && !described.stdout.contains("SELECT"))
        let withSQL = try await run(["queries", "old-snapshots", "--show-sql"])
        let shown = try await run(["query", "old-snapshots", "--show-sql"])
        #expect(withSQL.stdout.contains("FROM snapshots") && shown.status == 0 && shown.stdout.contains("FROM snapshots"))
        let typo = try await run(["query", "unmountd-drives"])
        #expect(typo.status == 1 && typo.stderr.contains("no query named 'unmountd-drives' (did you mean 'unmounted-drives'?)"))
        let parameter = try await run(["query", "old-snapshots", "-p", "dayz=3"])
        #expect(parameter.status == 1 && parameter.stderr.contains("no parameter 'dayz' (did you mean 'days'?)"))
        let account = try await run(["changes", "--account", "scw-dem"])
        #expect(account.status == 1 && account.stderr.contains("(did you mean 'scw-demo'?)"), "\(account.stderr)")
    }

    @Test("Every subcommand's --help has a discussion with examples that name it")
    func helpExamples() async throws {
        for command in ["sync", "status", "queries", "query", "sql", "history", "changes", "export", "backup", "prune",
                        "schema", "demo", "simulate"] {
            let help = try await run([command, "--help"])
            #expect(help.status == 0)
            let examples = help.stdout.components(separatedBy: "Examples:").last ?? ""
            #expect(help.stdout.contains("Examples:") && examples.contains("stocktake \(command)"), "\(command) --help")
        }
    }

    @Test("schema --datasette-metadata describes every table and column and cans every named query; Datasette opens it and runs them")
    func datasetteMetadata() async throws {
        let database = try await Self.demo.value
        let directory = URL(fileURLWithPath: database).deletingLastPathComponent()
        let path = directory.appendingPathComponent("metadata.json").path
        let written = try await run(["schema", "--datasette-metadata", "--output", path])
        #expect(written.status == 0, "\(written.stderr)")
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let inventory = try #require((metadata["databases"] as? [String: Any])?["inventory"] as? [String: Any])
        let tables = try #require(inventory["tables"] as? [String: [String: Any]])
        for table in ["servers", "drives", "ips", "current_servers", "changes", "servers_history", "prunes"] {
            let description = tables[table]?["description"] as? String ?? ""
            #expect(description.count > 10, "\(table)")
        }
        let serverColumns = try #require(tables["servers"]?["columns"] as? [String: String])
        #expect(serverColumns.count > 15 && serverColumns.values.allSatisfy { !$0.isEmpty })
        #expect(tables["grdb_migrations"]?["hidden"] as? Bool == true)
        let queries = try #require(inventory["queries"] as? [String: [String: String]])
        let named = try await run(["queries", "--format", "tsv", "--no-headers"])
        let names = Set(named.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) })
        let bundled = try QueryLibrary().all.count
        #expect(Set(queries.keys) == names && names.count == bundled)
        #expect(queries.values.allSatisfy { !($0["sql"] ?? "").contains("stocktake_") }, "only SQL plain SQLite runs")

        // Datasette itself, where CI could install it (STOCKTAKE_DATASETTE names its binary).
        guard let datasette = ProcessInfo.processInfo.environment["STOCKTAKE_DATASETTE"] else {
            print("datasette: not run (STOCKTAKE_DATASETTE unset; .ci/run installs it where pip can); the file's shape was checked")
            return
        }
        let parameters = ["since": "2026-01-01", "max_age": "0", "limit": "5", "days": "90"]
        for name in names.sorted() {
            let query = parameters.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: datasette)
            process.arguments = [database, "-m", path, "--get", "/inventory/\(name).json?_shape=array&\(query)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = Pipe()
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "datasette ran \(name)")
            #expect(try JSONSerialization.jsonObject(with: output) is [Any], "\(name): \(String(decoding: output.prefix(300), as: UTF8.self))")
        }
    }

    @Test("sql -p binds :name; a single column as TSV without headers is plain lines for $(...)")
    func sqlParameters() async throws {
        let big = try await run(["sql", "--format", "tsv", "--no-headers", "-p", "min=100000000000",
                                 "SELECT id FROM current_drives WHERE size_bytes > :min ORDER BY id"])
        #expect(big.status == 0, "\(big.stderr)")
        let all = try await run(["sql", "--format", "tsv", "--no-headers", "SELECT id, size_bytes FROM current_drives ORDER BY id"])
        let expected = all.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
            .filter { (Int64($0[1]) ?? 0) > 100_000_000_000 }.map { String($0[0]) }
        #expect(!expected.isEmpty && big.stdout == expected.joined(separator: "\n") + "\n")
        #expect(!big.stdout.contains("\r"))
        let missing = try await run(["sql", "SELECT :x"])
        #expect(missing.status == 1)
        let malformed = try await run(["sql", "-p", "novalue", "SELECT 1"])
        #expect(malformed.status == 64 && malformed.stderr.contains("The value 'novalue' is invalid for '-p <name=value>'"))
    }

    @Test("history takes a name as well as an id, and lists the candidates when a name is ambiguous")
    func historyByName() async throws {
        let names = try await run(["sql", "--format", "tsv", "--no-headers", """
            SELECT name, COUNT(DISTINCT account || id) FROM drives_history GROUP BY name ORDER BY 2, 1
            """])
        let rows = names.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let unique = try #require(rows.first { $0[1] == "1" }?[0])
        let shared = try #require(rows.last { $0[1] != "1" })
        let one = try await run(["history", unique, "--format", "csv"])
        #expect(one.status == 0 && one.stderr.contains("'\(unique)' is drive "), "\(one.stderr)")
        #expect(one.stdout.contains(",drive,created,"))
        let many = try await run(["history", shared[0], "--format", "csv"])
        #expect(many.status == 1 && many.stderr.contains("'\(shared[0])' names \(shared[1]) resources"))
        #expect(many.stdout.split(separator: "\r\n").count == Int(shared[1])! + 1, "one candidate per line, with a header")
        let none = try await run(["history", "no-such-thing"])
        #expect(none.status == 1 && none.stderr.contains("no resource with the id or name 'no-such-thing'"))
    }

    @Test("stocktake export writes one file per table and a manifest with row counts")
    func export() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["csv", "json"] {
            // The second format's manifest.json replaces the first's: only with --force.
            let result = try await run(["export", "--dir", directory.path, "--format", format] + (format == "json" ? ["--force"] : []))
            #expect(result.status == 0, "\(result.stderr)")
            for table in ["servers", "drives", "server_drives", "server_nics", "tags", "changes", "accounts"] {
                #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(table).\(format)").path))
            }
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("manifest.json"))) as? [String: Any])
            #expect(manifest["run"] as? Int == 3)
            let counts = try #require(manifest["rows"] as? [String: Int])
            let servers = try await run(["sql", "SELECT COUNT(*) FROM servers WHERE deleted_at IS NULL", "--format", "csv", "--no-headers"])
            #expect(counts["servers.\(format)"] == Int(servers.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    @Test("stocktake schema describes every table and column")
    func schema() async throws {
        let result = try await run(["schema", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("servers,column,deleted_at,TEXT,"))
        #expect(result.stdout.contains("changes,table,,,the field-level change log"))
    }
}
