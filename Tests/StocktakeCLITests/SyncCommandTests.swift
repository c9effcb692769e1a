import Foundation
import GRDB
import Simulator
import Testing

@Suite("stocktake sync and status, as a process")
struct SyncCommandTests {
    @Test("A sync prints a line per scope, writes the database, and status reports it")
    func syncAndStatus() async throws {
        try await CLIHarness.with { harness in
            let sync = try await harness.run(["sync", "--json"])
            #expect(sync.status == 0, "\(sync.stderr)")
            let lines = sync.stderr.split(separator: "\n").filter { $0.contains(" objects, ") }
            let scopeCount = try harness.scopeCount
            #expect(lines.count == scopeCount)
            #expect(lines.contains { $0.hasPrefix("scw fr-par-1 volumes: ") && $0.contains(" created, ") })
            let summary = try JSONSerialization.jsonObject(with: Data(sync.stdout.utf8)) as? [String: Any]
            #expect(summary?["run"] as? Int == 1)
            #expect(summary?["applied"] as? Int == scopeCount)

            let status = try await harness.run(["status", "--json"])
            #expect(status.status == 0)
            let scopes = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
            #expect(scopes.count == scopeCount)
            let truth = harness.simulator.groundTruth()
            let servers = scopes.filter { $0["kind"] as? String == "servers" }.compactMap { $0["objects"] as? Int }.reduce(0, +)
            #expect(servers == truth.scalewayServers.count + truth.cloudSigmaServers.count)
            #expect(scopes.allSatisfy { $0["last_complete"] is String && $0["last_error"] is NSNull && $0["state"] as? String == "ok" })
        }
    }

    @Test("status --max-age alerts cron: exit 3 naming each stale, failing or never-applied scope and a failed last run; 0 when fresh")
    func statusAlerts() async throws {
        try await CLIHarness.with { harness in
            let none = try await harness.run(["status", "--max-age", "1d"])
            #expect(none.status == 1 && none.stderr.contains("no database"), "\(none.stderr)")
            #expect(try await harness.run(["sync", "--account", "cs"]).status == 0)
            let half = try await harness.run(["status", "--max-age", "1d"])
            #expect(half.status == 3 && half.stderr.contains("never applied: scw fr-par-1 servers"), "\(half.stderr)")
            #expect(!half.stderr.contains(": cs zrh"), "the synced account is fresh")
            #expect(try await harness.run(["sync"]).status == 0)

            let fresh = try await harness.run(["status", "--max-age", "1d"])
            #expect(fresh.status == 0 && fresh.stderr.isEmpty, "\(fresh.stderr)")
            #expect(try await harness.run(["status"]).status == 0, "without --max-age, status only reports")
            try await Task.sleep(for: .milliseconds(1200))
            let stale = try await harness.run(["status", "--max-age", "1s", "--format", "csv"])
            #expect(stale.status == 3)
            let staleLines = stale.stderr.split(separator: "\n").filter { $0.contains("stale: ") }
            #expect(try staleLines.count == harness.scopeCount && staleLines.contains { $0.contains("cs zrh vlans: last applied ") })
            #expect(stale.stdout.split(separator: "\r\n").dropFirst().allSatisfy { $0.contains(",stale,") })

            try harness.simulator.addFault(FaultRule(.serverError, provider: "cloudsigma", resource: "drives", status: 500))
            let noisy = try await harness.run(["sync", "--quiet"])
            #expect(noisy.status == 2)
            let applied = try harness.scopeCount - 1
            #expect(noisy.stderr.split(separator: "\n").map { String($0.prefix(30)) }
                    == ["cs zrh drives: failed: account", String("run 3: \(applied) scopes applied, 1 fa".prefix(30))],
                    "--quiet prints the failed scope and the summary only: \(noisy.stderr)")
            let failing = try await harness.run(["status", "--max-age", "1d", "--format", "json"])
            #expect(failing.status == 3)
            #expect(failing.stderr.contains("failing: cs zrh drives: the newest attempt failed"), "\(failing.stderr)")
            #expect(failing.stderr.contains("last run #3 ended partial"))
            #expect(!failing.stderr.contains("failing: scw"), "only the failed scope is named")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(failing.stdout.utf8)) as? [[String: Any]])
            #expect(rows.filter { $0["state"] as? String == "failing" }.compactMap { $0["kind"] as? String } == ["drives"])

            harness.simulator.clearFaults()
            let quiet = try await harness.run(["sync", "-q"])
            #expect(quiet.status == 0 && quiet.stderr.isEmpty, "a clean --quiet sync prints nothing: \(quiet.stderr)")
            #expect(try await harness.run(["status", "--max-age", "1d"]).status == 0, "a later complete run clears the alert")
            let wrong = try await harness.run(["status", "--max-age", "soon"])
            #expect(wrong.status == 64 && wrong.stderr.contains("The value 'soon' is invalid for '--max-age <age>'")
                    && wrong.stderr.contains("an age such as 90m"))
        }
    }

    /// The samples of a Prometheus text file, by `name{labels}`; every line must be a comment or a sample.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        let sample = /^([a-z_]+(?:\{[a-z_]+="[^"\\]*"(?:,[a-z_]+="[^"\\]*")*\})?) (-?[0-9.]+)$/
        for line in text.split(separator: "\n") where !line.hasPrefix("# HELP ") && !line.hasPrefix("# TYPE ") {
            guard let match = line.wholeMatch(of: sample), let value = Double(match.2) else {
                Issue.record("not a sample line: \(line)")
                continue
            }
            samples[String(match.1)] = value
        }
        return samples
    }

    @Test("sync --metrics-file writes Prometheus text: each scope's last success, objects, failing, changes; the run's outcome")
    func metricsFile() async throws {
        try await CLIHarness.with { harness in
            let path = harness.directory.appendingPathComponent("stocktake.prom").path
            #expect(try await harness.run(["sync", "--quiet", "--metrics-file", path]).status == 0)
            var metrics = Self.samples(try String(contentsOfFile: path, encoding: .utf8))
            let truth = harness.simulator.groundTruth()
            #expect(metrics[#"stocktake_scope_objects{account="cs",kind="servers",zone="zrh"}"#] == Double(truth.cloudSigmaServers.count))
            let success = metrics[#"stocktake_scope_last_success_timestamp_seconds{account="scw",kind="block_volumes",zone="fr-par-1"}"#]
            #expect(abs((success ?? 0) - Date().timeIntervalSince1970) < 120)
            #expect(try metrics.filter { $0.key.hasPrefix("stocktake_scope_failing{") }.count == harness.scopeCount)
            #expect(metrics.filter { $0.key.hasPrefix("stocktake_scope_failing{") }.allSatisfy { $0.value == 0 })
            #expect(metrics[#"stocktake_scope_changes{account="cs",change="created",kind="drives",zone="zrh"}"#]
                    == Double(truth.cloudSigmaDrives.count))
            #expect(metrics["stocktake_run_exit_code"] == 0 && metrics["stocktake_run_number"] == 1)

            let drivesSuccess = #"stocktake_scope_last_success_timestamp_seconds{account="cs",kind="drives",zone="zrh"}"#
            let firstDrivesSuccess = metrics[drivesSuccess]
            try harness.simulator.addFault(FaultRule(.serverError, provider: "cloudsigma", resource: "drives", status: 500))
            #expect(try await harness.run(["sync", "--quiet", "--metrics-file", path]).status == 2)
            metrics = Self.samples(try String(contentsOfFile: path, encoding: .utf8))
            #expect(metrics[#"stocktake_scope_failing{account="cs",kind="drives",zone="zrh"}"#] == 1)
            #expect(metrics[drivesSuccess] == firstDrivesSuccess && firstDrivesSuccess != nil,
                    "a failed scope keeps its last success time, so an alert can measure its age")
            #expect(metrics["stocktake_run_exit_code"] == 2 && metrics[#"stocktake_run_scopes{outcome="failed"}"#] == 1)
            #expect(metrics["stocktake_run_number"] == 2)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.directory.path).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty, "written atomically, no temporary file left")
        }
    }

    @Test("A sync killed half-way leaves the database intact and the next sync completes")
    func killedHalfWay() async throws {
        try await CLIHarness.with(pageSize: 5) { harness in
            #expect(try await harness.run(["sync"]).status == 0)
            let before = try harness.inventoryDump()
            try harness.simulator.advanceEpoch(churn: 0.2)
            try harness.simulator.addFault(FaultRule(.delay, delayMilliseconds: 1000))
            let process = try harness.spawn(["sync"])
            let stage = harness.databasePath + ".stage"
            // Killed once it is staging scopes (their stage files exist), not after a guessed delay.
            let staging = try await SpawnedProcess.eventually {
                ((try? FileManager.default.contentsOfDirectory(atPath: stage)) ?? []).contains { $0.hasSuffix(".sqlite") }
            }
            #expect(staging, "the sync started staging its scopes")
            #expect(await process.stop(signal: SIGKILL) == SIGKILL)
            #expect(FileManager.default.fileExists(atPath: stage), "the killed sync was staging its scopes")

            var configuration = Configuration()
            configuration.readonly = true
            let check = try await DatabaseQueue(path: harness.databasePath, configuration: configuration).read { db in
                try String.fetchOne(db, sql: "PRAGMA integrity_check")
            }
            #expect(check == "ok")
            #expect(try harness.inventoryDump() == before)

            harness.simulator.clearFaults()
            let next = try await harness.run(["sync", "--json"])
            #expect(next.status == 0, "\(next.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any]
            #expect(summary?["run"] as? Int == 3)
            #expect(!FileManager.default.fileExists(atPath: stage), "the next sync removes stale stage files")
            let interrupted = try await DatabaseQueue(path: harness.databasePath, configuration: configuration).read { db in
                try String.fetchOne(db, sql: "SELECT status FROM sync_runs WHERE id = 2")
            }
            #expect(interrupted == "interrupted")
        }
    }

    @Test("Two syncs at once: the second exits 75 without --wait, and waits its turn with it; queries read meanwhile")
    func oneWriterAtATime() async throws {
        try await CLIHarness.with(pageSize: 5) { harness in
            #expect(try await harness.run(["sync"]).status == 0)
            try harness.simulator.addFault(FaultRule(.delay, count: 8, delayMilliseconds: 400))
            let first = try harness.spawn(["sync"])
            // Once the first sync holds the writer lock (a non-blocking flock of it fails), not after a guessed delay.
            let held = try await SpawnedProcess.eventually { Self.lockIsHeld(harness.databasePath + ".lock") }
            #expect(held, "the first sync took the writer lock")
            let reading = try await harness.run(["query", "status-summary", "--format", "csv"])
            #expect(reading.status == 0, "a query reads while a sync writes: \(reading.stderr)")
            let busy = try await harness.run(["sync"])
            #expect(busy.status == 75)
            #expect(busy.stderr.contains("another stocktake sync holds"))
            let patient = try await harness.run(["sync", "--wait", "120"])
            #expect(patient.status == 0, "\(patient.stderr)")
            #expect(await first.finish().status == 0)
        }
    }

    /// True when another process holds the flock on `path`.
    static func lockIsHeld(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    @Test("SIGINT and SIGTERM stop a sync: scopes applied are kept, the run is recorded interrupted, exit 130 or 143",
          arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func signalled(signal: Int32, status: Int32, name: String) async throws {
        try await CLIHarness.with(pageSize: 5) { harness in
            #expect(try await harness.run(["sync"]).status == 0)
            let before = try harness.inventoryDump()
            try harness.simulator.advanceEpoch(churn: 0.2)
            // CloudSigma answers slowly, so its scopes are still being read when the Scaleway ones have applied.
            try harness.simulator.addFault(FaultRule(.delay, provider: "cloudsigma", delayMilliseconds: 400))
            let process = try harness.spawn(["sync"])
            let applied = try await SpawnedProcess.eventually {
                process.standardError.split(separator: "\n").contains { $0.hasPrefix("scw ") && $0.contains(" objects, ") }
            }
            #expect(applied, "a Scaleway scope applied first")
            process.child.signal(signal)
            let result = await process.finish()
            #expect(result.status == status, "\(result.stderr)")
            #expect(result.stderr.contains("stopped by \(name): run 2 recorded as interrupted"), "\(result.stderr)")
            var configuration = Configuration()
            configuration.readonly = true
            let run = try await DatabaseQueue(path: harness.databasePath, configuration: configuration).read { db in
                try Row.fetchOne(db, sql: "SELECT status, scopes_applied, scopes_failed FROM sync_runs WHERE id = 2")
                    .map { "\($0["status"] as String) \($0["scopes_applied"] as Int) \($0["scopes_failed"] as Int)" }
            }
            let parts = (run ?? "").split(separator: " ")
            let scopeCount = try harness.scopeCount
            #expect(parts.first == "interrupted" && (Int(parts[1]) ?? 0) >= 1 && (Int(parts[1]) ?? 0) + (Int(parts[2]) ?? 0) == scopeCount, "\(run ?? "")")
            let changed = try await DatabaseQueue(path: harness.databasePath, configuration: configuration).read { db in
                try Int.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(created + updated + deleted + reappeared), 0) FROM sync_scopes
                    WHERE run_id = 2 AND outcome = 'applied'
                    """) ?? 0
            }
            #expect((try harness.inventoryDump() != before) == (changed > 0), "the scopes applied before the signal are kept, and only they")
            harness.simulator.clearFaults()
            #expect(try await harness.run(["sync"]).status == 0)
        }
    }

    @Test("The database's folder is created (mode 0700) before the lock, under a HOME that is not the passwd one")
    func createsFolder() async throws {
        try await CLIHarness.with { harness in
            let home = harness.directory.appendingPathComponent("home")
            let process = try SpawnedProcess(["sync", "--config", harness.configPath], environment: [
                "HOME": home.path, "TEST_SCW_KEY": harness.credentials.scalewaySecretKey,
                "TEST_CS_PASSWORD": harness.credentials.cloudSigmaPassword, "XDG_DATA_HOME": "", "STOCKTAKE_DB": "",
            ])
            let result = await process.finish()
            #expect(result.status == 0, "\(result.stderr)")
            let folder = home.appendingPathComponent(".local/share/stocktake")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("inventory.sqlite").path))
            let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            let status = try SpawnedProcess(["status"], environment: ["HOME": home.path, "XDG_DATA_HOME": "", "STOCKTAKE_DB": ""])
            let shown = await status.finish()
            #expect(shown.status == 0 && shown.stdout.contains("scw"), "\(shown.stderr)")
        }
    }

    @Test("No secret reaches the database file or a debug-level log")
    func noSecrets() async throws {
        let credentials = SimulatorCredentials(
            scalewaySecretKey: "5e3d1a2b-7c4f-4e8a-9b6d-0f1e2d3c4b5a", cloudSigmaUsername: "ops@example.org",
            cloudSigmaPassword: "Pa55-unlikely-Word")
        try await CLIHarness.with(credentials: credentials) { harness in
            let sync = try await harness.run(["sync", "--log-level", "trace", "--json"])
            #expect(sync.status == 0, "\(sync.stderr)")
            #expect(sync.stderr.contains("GET "), "the debug log shows requests")
            try harness.simulator.addFault(FaultRule(.serverError, provider: "cloudsigma", status: 401))
            let denied = try await harness.run(["sync", "--log-level", "trace"])
            #expect(denied.status == 2)

            let truth = harness.simulator.groundTruth()
            var secrets = [credentials.scalewaySecretKey, credentials.cloudSigmaPassword,
                           Data("ops@example.org:Pa55-unlikely-Word".utf8).base64EncodedString()]
            secrets += truth.cloudSigmaServers.map(\.vncPassword)
            secrets += truth.scalewayServers.compactMap(\.adminPasswordEncryptedValue)
            #expect(secrets.count > 10)
            var stored = Data()
            for suffix in ["", "-wal", "-shm"] {
                stored += FileManager.default.contents(atPath: harness.databasePath + suffix) ?? Data()
            }
            let text = String(decoding: stored, as: UTF8.self) + sync.stdout + sync.stderr + denied.stdout + denied.stderr
            for secret in secrets {
                #expect(!text.contains(secret), "a secret leaked")
            }
            #expect(text.contains(truth.cloudSigmaServers[0].name), "the check reads real content")
        }
    }

    @Test("A configuration mistake exits 78 with the file and line")
    func configurationError() async throws {
        try await CLIHarness.with { harness in
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
                .replacingOccurrences(of: "    location: zrh", with: "    locaton: zrh")
            try text.write(toFile: harness.configPath, atomically: true, encoding: .utf8)
            let result = try await harness.run(["sync"])
            #expect(result.status == 78)
            #expect(result.stderr.contains("config.yaml:10: unknown key 'locaton'"))
            #expect(!FileManager.default.fileExists(atPath: harness.databasePath))
        }
    }

    @Test("An unknown --account is refused with the configured names")
    func unknownAccount() async throws {
        try await CLIHarness.with { harness in
            let result = try await harness.run(["sync", "--account", "nope"])
            #expect(result.status == 64)
            #expect(result.stderr.contains("unknown account 'nope'") && result.stderr.contains("scw, cs"))
        }
    }
}
