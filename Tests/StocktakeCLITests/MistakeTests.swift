import Foundation
import GRDB
import Testing

/// What a person gets for a mistake: one clear message naming the thing and what to do, a non-zero
/// exit, and nothing lost or overwritten.
@Suite("Mistakes and hostile input, as a process", .serialized)
struct MistakeTests {
    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let database = try await ReadCommandTests.demo.value
        return await (try SpawnedProcess(arguments, environment: ["STOCKTAKE_DB": database].merging(environment) { $1 }, stdin: stdin)).finish()
    }

    @Test("sql: a transaction or a comment-prefixed ATTACH is refused, the process does not crash, the file is unchanged")
    func sqlRefusals() async throws {
        let database = try await ReadCommandTests.demo.value
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        for statement in ["BEGIN", "SAVEPOINT a", "-- x\nATTACH DATABASE 'other.sqlite' AS o"] {
            let result = try await run(["sql", "-"], stdin: statement)
            #expect(result.status == 1, "\(statement): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: read-only: "), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(!FileManager.default.fileExists(atPath: "other.sqlite"))
        let pragma = try await run(["sql", "PRAGMA journal_mode", "--format", "csv", "--no-headers"])
        #expect(pragma.status == 0 && pragma.stdout.hasPrefix("wal"), "\(pragma.stderr)")
    }

    @Test("Query parameters that do not parse are errors that name the accepted forms; long unit names work")
    func parameters() async throws {
        let long = try await run(["query", "stale-scopes", "-p", "max_age=1min", "--format", "csv"])
        let short = try await run(["query", "stale-scopes", "-p", "max_age=1m", "--format", "csv"])
        #expect(long.status == 0 && long.stdout == short.stdout)
        let day = try await run(["query", "stale-scopes", "-p", "max_age=0 days", "--format", "csv", "--no-headers"])
        #expect(day.status == 0 && !day.stdout.isEmpty, "every scope is older than no time at all")
        let bad = try await run(["query", "stale-scopes", "-p", "max_age=soon"])
        #expect(bad.status == 1 && bad.stderr.contains("max_age=soon is not a run (#3), a date or time"), "\(bad.stderr)")
        let limit = try await run(["query", "largest-drives", "-p", "limit=abc"])
        #expect(limit.status == 1 && limit.stderr.contains("limit=abc is not a whole number"), "\(limit.stderr)")
    }

    @Test("A time that is no run, time or age fails before any work, naming the accepted forms, with one --as-of help everywhere")
    func badMoments() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString).sqlite").path
        for arguments in [["query", "unmounted-drives", "--as-of", "yesterday"], ["changes", "--since", "yesterday"],
                          ["report", "--since", "yesterday"], ["sql", "SELECT 1", "--as-of", "yesterday"]] {
            // No database at all: the value is refused while the command line is read, before any file is opened.
            let result = try await run(arguments, environment: ["STOCKTAKE_DB": missing])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("The value 'yesterday' is invalid"), "\(result.stderr)")
            #expect(result.stderr.contains("a run number (3 or #3), a time (2026-11-01"), "\(result.stderr)")
            #expect(!result.stderr.contains("no inventory"), "\(result.stderr)")
        }
        var helps: Set<String> = []
        for command in ["query", "sql", "check", "export", "report"] {
            let help = try await run([command, "--help"])
            let line = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .drop { !$0.hasPrefix("  --as-of <when>") }.prefix { $0.hasPrefix("  --as-of <when>") || $0.hasPrefix("        ") }
            #expect(!line.isEmpty, "\(command) has --as-of")
            helps.insert(line.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
        }
        #expect(helps.count == 1, "\(helps)")
    }

    @Test("A PostgreSQL URL is recognised, never taken for a file name, and said without its password")
    func postgresURL() async throws {
        let url = "postgresql://ops:hunter2@db.example:5433/inventory"
        // Every command but backup connects (and here cannot: the host does not answer).
        for arguments in [["query", "unmounted-drives"], ["sql", "SELECT 1"], ["status"], ["prune", "--keep-runs", "2"]] {
            let result = try await run(arguments + ["--db", url])
            #expect(result.status == 1 && result.stderr.contains("cannot connect to"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("postgresql://ops@db.example:5433/inventory") && !result.stderr.contains("hunter2"),
                    "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "postgresql:"), "no file was made of the URL")
        }
        let backup = try await run(["backup", "/tmp/never-\(UUID().uuidString).sqlite"], environment: ["STOCKTAKE_DB": url])
        #expect(backup.status == 64 && backup.stderr.contains("pg_dump") && !backup.stderr.contains("hunter2"), "\(backup.stderr)")
        let bad = try await run(["status", "--db", "postgresql://ops:hunter2@db.example/inv?sslmode=maybe"])
        #expect(bad.status == 64 && bad.stderr.contains("sslmode") && !bad.stderr.contains("hunter2"), "\(bad.stderr)")
    }

    @Test("Runs and accounts that do not exist are errors, alike for --since, --as-of, query parameters and --account")
    func missingRunsAndAccounts() async throws {
        let since = try await run(["changes", "--since", "99"])
        #expect(since.status == 1 && since.stderr.contains("there is no run 99; runs go from 1 to 3"), "\(since.stderr)")
        let asOf = try await run(["query", "stopped-servers", "--as-of", "99"])
        #expect(asOf.status == 1 && asOf.stderr.contains("there is no run 99; runs go from 1 to 3"))
        // A query parameter that names a run is held to the same rule.
        let parameter = try await run(["query", "changes-since", "-p", "since=#99"])
        #expect(parameter.status == 1 && parameter.stderr.contains("there is no run 99; runs go from 1 to 3"), "\(parameter.stderr)")
        let existing = try await run(["query", "changes-since", "-p", "since=#3", "--format", "csv"])
        #expect(existing.status == 0, "\(existing.stderr)")
        let zero = try await run(["query", "stopped-servers", "--as-of", "0"])
        #expect(zero.status == 1 && zero.stderr.components(separatedBy: "there is no run 0").count == 2, "said once: \(zero.stderr)")
        let account = try await run(["changes", "--account", "nosuch"])
        #expect(account.status == 1 && account.stderr.contains("no account named 'nosuch'") && account.stderr.contains("scw-demo"))
    }

    @Test("Paths: a directory as --db, a broken configuration for status, a file as export --dir")
    func paths() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mistakes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let asDirectory = try await run(["query", "stopped-servers", "--db", directory.path])
        #expect(asDirectory.status == 1 && asDirectory.stderr.contains("is a directory"), "\(asDirectory.stderr)")
        let broken = directory.appendingPathComponent("broken.yaml")
        try "accounts: [\n".write(to: broken, atomically: true, encoding: .utf8)
        let status = try await run(["status", "--config", broken.path])
        #expect(status.status == 78 && status.stderr.contains("broken.yaml"), "\(status.stderr)")
        let file = directory.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let export = try await run(["export", "--dir", file.path])
        #expect(export.status == 1 && export.stderr.contains("it is a file, not a directory"), "\(export.stderr)")
    }

    @Test("export and demo never overwrite what they did not make without --force")
    func noOverwrite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mistakes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mine = directory.appendingPathComponent("servers.csv")
        try "my own spreadsheet".write(to: mine, atomically: true, encoding: .utf8)
        let export = try await run(["export", "--dir", directory.path])
        #expect(export.status == 1 && export.stderr.contains("servers.csv already exists"), "\(export.stderr)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own spreadsheet")
        #expect(try await run(["export", "--dir", directory.path, "--force"]).status == 0)

        let config = directory.appendingPathComponent("config.yaml")
        try "# mine\n".write(to: config, atomically: true, encoding: .utf8)
        let demo = await (try SpawnedProcess(["demo", "--dir", directory.path, "--servers", "4", "--drives", "8"])).finish()
        #expect(demo.status == 1 && demo.stderr.contains("config.yaml already exists"), "\(demo.stderr)")
        #expect(try String(contentsOf: config, encoding: .utf8) == "# mine\n")
    }

    @Test("A malformed user query is skipped with a warning; every other query still runs")
    func malformedUserQuery() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("queries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "-- title: no name line\nSELECT 1;\n".write(to: directory.appendingPathComponent("broken.sql"), atomically: true, encoding: .utf8)
        try "-- name: mine\n-- title: Mine\nSELECT 42 AS answer;\n".write(to: directory.appendingPathComponent("mine.sql"), atomically: true, encoding: .utf8)
        for name in ["mine", "stopped-servers"] {
            let result = try await run(["query", name, "--queries", directory.path, "--format", "csv"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("broken.sql: the header has no `-- name:` line; skipped"), "\(result.stderr)")
        }
    }

    @Test("A validation error shows the subcommand's usage, not the root's")
    func subcommandUsage() async throws {
        let result = try await run(["simulate", "--port", "99999"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--port 99999 is not a TCP port") && result.stderr.contains("Usage: stocktake simulate"))
    }

    /// True when this process is root and user `nobody` can execute `binary` (through setpriv).
    static func nobodyCanRun(_ binary: String) async throws -> Bool {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
        let probe = try SpawnedProcess(["--reuid=nobody", "--regid=nogroup", "--clear-groups", "/usr/bin/test", "-x", binary],
                                       executable: "/usr/bin/setpriv")
        return await probe.finish().status == 0
    }

    @Test("A database in a folder its reader cannot write is read, with a notice (as another user than root)")
    func unwritableFolder() async throws {
        let database = try await ReadCommandTests.demo.value
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("inventory.sqlite").path
        var readOnly = Configuration()
        readOnly.readonly = true
        try DatabaseQueue(path: database, configuration: readOnly).inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        let target = try DatabaseQueue(path: copy)
        try target.inDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try target.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        let binary = try BuiltBinary.url.path
        let asOther = try await Self.nobodyCanRun(binary)
        if !asOther, getuid() == 0 { print("note: the folder notice is not checked: user nobody cannot run \(binary) here") }
        let arguments = ["sql", "SELECT COUNT(*) FROM servers", "--db", copy, "--format", "csv", "--no-headers"]
        let process = try SpawnedProcess(
            asOther ? ["--reuid=nobody", "--regid=nogroup", "--clear-groups", binary] + arguments : arguments,
            executable: asOther ? "/usr/bin/setpriv" : nil)
        let result = await process.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
        if asOther || getuid() != 0 {
            #expect(result.stderr.contains("is not writable, so the database was opened as an unchanging file"), "\(result.stderr)")
        }
    }
}
