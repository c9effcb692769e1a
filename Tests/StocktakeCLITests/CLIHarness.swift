import Foundation
import GRDB
import Simulator
import StocktakeKit

/// A simulator on loopback plus a directory with a configuration for the
/// `stocktake` binary to use against it.
struct CLIHarness: Sendable {
    let simulator: FleetSimulator
    let directory: URL
    let credentials: SimulatorCredentials

    var configPath: String { directory.appendingPathComponent("config.yaml").path }
    var databasePath: String { directory.appendingPathComponent("inventory.sqlite").path }

    /// How many scopes a sync of every account reads, from the configuration and the kind declarations.
    var scopeCount: Int {
        get throws {
            let loader = ConfigurationLoader(environment: [
                "TEST_SCW_KEY": credentials.scalewaySecretKey, "TEST_CS_PASSWORD": credentials.cloudSigmaPassword,
            ])
            return try loader.load(path: configPath).accounts.flatMap(\.scopes).count
        }
    }

    static func with<Result: Sendable>(
        fleet: FleetConfiguration = FleetConfiguration(seed: 5, servers: 60, drives: 120),
        credentials: SimulatorCredentials = .default, pageSize: Int = 10, concurrency: Int = 2,
        _ body: @Sendable (CLIHarness) async throws -> Result
    ) async throws -> Result {
        let simulator = try FleetSimulator(configuration: fleet, credentials: credentials)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await SimulatorServer.withRunning(simulator) { baseURL in
            let harness = CLIHarness(simulator: simulator, directory: directory, credentials: credentials)
            try """
                accounts:
                  - name: scw
                    provider: scaleway
                    api_url: \(baseURL)
                    zones: [\(fleet.zones.joined(separator: ", "))]
                    secret_key: ${TEST_SCW_KEY}
                  - name: cs
                    provider: cloudsigma
                    api_url: \(baseURL)/api/2.0/
                    location: zrh
                    username: \(credentials.cloudSigmaUsername)
                    password: ${TEST_CS_PASSWORD}
                sync:
                  concurrency: \(concurrency)
                  page_size: \(pageSize)
                  max_retries: 2
                """.write(toFile: harness.configPath, atomically: true, encoding: .utf8)
            return try await body(harness)
        }
    }

    /// `stocktake sync` (or another command) with this harness's configuration and database (or `store`).
    func spawn(_ arguments: [String], store: String? = nil) throws -> SpawnedProcess {
        try SpawnedProcess(arguments + ["--config", configPath, "--db", store ?? databasePath], environment: [
            "TEST_SCW_KEY": credentials.scalewaySecretKey, "TEST_CS_PASSWORD": credentials.cloudSigmaPassword,
        ])
    }

    /// Runs a command to its end, on this harness's database or `store`.
    func run(_ arguments: [String], store: String? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try spawn(arguments, store: store)
        return await process.finish()
    }

    /// Every inventory row, as text, for comparing two states of the database.
    func inventoryDump() throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: databasePath, configuration: configuration).read { db in
            var lines: [String] = []
            // Every inventory table (resources, their children and versions), whatever kinds exist.
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                  AND name NOT IN ('accounts', 'sync_runs', 'sync_scopes', 'changes') ORDER BY name
                """)
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                lines += rows.map { row in
                    "\(table): " + row.columnNames.filter { $0 != "runtime" }.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
                }.sorted()
            }
            return lines
        }
    }
}
