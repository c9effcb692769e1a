import ArgumentParser
import Foundation
import Logging
import Simulator
import StocktakeKit

/// `stocktake demo`: the whole job on the built-in simulator, no cloud account needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sync a simulated Scaleway and CloudSigma fleet three times, moving it on between syncs.",
        discussion: """
            Starts the simulator in this process, writes a configuration and a database into DIR \
            (a new temporary directory by default), syncs, moves the fleet two epochs on with a sync \
            after each, then shows the status and the change log, and writes report.html (`stocktake report`).

            Examples:
              stocktake demo
              stocktake demo --dir /tmp/demo --servers 200 --drives 400
            """
    )

    @Option(help: "Where to write config.yaml and inventory.sqlite (default: a new temporary directory).", completion: .directory)
    var dir: String?

    @Option(help: "Servers in the simulated fleet.")
    var servers = 40

    @Option(help: "Drives and volumes in the simulated fleet.")
    var drives = 80

    @Option(help: "Seed of the simulated fleet.")
    var seed: UInt64 = 1

    @Flag(help: "Replace a config.yaml and inventory.sqlite already in --dir (they are refused otherwise).")
    var force = false

    func run() async throws {
        LogSetup.bootstrap(level: .error)
        let directory = try demoDirectory()
        let simulator = try FleetSimulator(configuration: FleetConfiguration(seed: seed, servers: servers, drives: drives))
        let databasePath = directory.appendingPathComponent("inventory.sqlite").path
        try refuseToReplace(in: directory)
        for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        say("Stocktake demo in \(directory.path)")
        try await SimulatorServer.withRunning(simulator) { baseURL in
            let configPath = directory.appendingPathComponent("config.yaml").path
            try Self.configuration(baseURL: baseURL).write(toFile: configPath, atomically: true, encoding: .utf8)
            say("simulator on \(baseURL); configuration written to \(configPath)\n")
            let configuration = try ConfigurationLoader().load(path: configPath)
            let database = try InventoryDatabase(path: databasePath)
            let engine = SyncEngine(configuration: configuration, database: database, logger: Logger(label: "demo"))
            for epoch in 0...2 {
                if epoch > 0 {
                    let changes = try simulator.advanceEpoch(churn: 0.05)
                    say("the fleet moves on (epoch \(epoch)): \(changes.count) resources created, changed or deleted")
                }
                let report = try await engine.run()
                say("sync run \(report.run):")
                for scope in report.scopes { say("  " + scope.line) }
            }
            try await summarize(database)
        }
        let reportPath = directory.appendingPathComponent("report.html").path
        let report = try ReportBuilder(inventory: try ReadOnlyInventory(path: databasePath), library: try QueryLibrary()).build(since: "7d")
        let sink = try OutputSink.file(reportPath)
        sink.append(ReportHTML.render(report))
        try sink.finish()
        say("\nthe report (open it in a browser): \(reportPath)")
        let stocktake = Self.invocation
        let install = stocktake == "stocktake" ? "" : "\n(stocktake is not on PATH yet: scripts/install.sh installs it, its man page and completions)"
        say("""

            Try next, on this database:\(install)
              export STOCKTAKE_DB=\(databasePath)
              \(stocktake) queries
              \(stocktake) query stopped-servers
              \(stocktake) query largest-drives -p limit=5 --format json
              \(stocktake) query public-servers --as-of 1
              \(stocktake) changes --since 2 --type server
              \(stocktake) sql "SELECT zone, status, COUNT(*) AS servers FROM current_servers GROUP BY 1, 2"
              \(stocktake) export --dir \(directory.path)/export
              \(stocktake) status
              \(stocktake) check
              \(stocktake) prices
              \(stocktake) query cost-changes-since -p since=#2
              \(stocktake) check --max-waste 50
              \(stocktake) report --format markdown --since 1
            The simulator stopped with the demo; to sync again, run `stocktake simulate` and point a
            configuration like \(directory.path)/config.yaml at the port it prints.
            """)
    }

    /// `stocktake` when a `stocktake` is on PATH, else the path of this binary, so that the
    /// commands it suggests run as printed.
    static var invocation: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let onPath = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/stocktake") }
        if onPath { return "stocktake" }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// A demo writes config.yaml and inventory.sqlite; ones it did not make are kept unless --force.
    private func refuseToReplace(in directory: URL) throws {
        guard !force else { return }
        for name in ["config.yaml", "inventory.sqlite", "report.html"] {
            let path = directory.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) {
                Diagnostics.error("\(path) already exists; the demo would replace it. Pass --force to replace it, or a new --dir")
                throw ExitCode(ExitCodes.failure)
            }
        }
    }

    private func demoDirectory() throws -> URL {
        let url = dir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func summarize(_ database: InventoryDatabase) async throws {
        let statuses = try await database.status()
        say("\nstocktake status:")
        let rows = statuses.map { [$0.account, $0.zone, $0.kind, $0.lastComplete ?? "never", String($0.objects)] }
        say(TextTable.render(header: ["account", "zone", "kind", "last complete", "objects"], rows: rows))
        say("changes recorded by the last sync (run 3), by resource and kind:")
        let summary = try await database.changeSummary(run: 3)
        say(TextTable.render(header: ["resource", "kind", "changes"], rows: summary.map { [$0.0, $0.1, String($0.2)] }))
        let inventory = try ReadOnlyInventory(path: database.path)
        let library = try QueryLibrary()
        for (name, limit) in [("status-summary", 12), ("cost-by-account", 5), ("unmounted-drives", 5), ("unattached-ips", 5), ("orphan-snapshots", 5),
                              ("servers-without-nics", 5), ("waste-cost", 5)] {
            let query = try library.query(name)
            let result = try inventory.execute(inventory.sql(of: query), arguments: Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, $0.defaultValue) }))
            say("stocktake query \(name)   (\(query.title.lowercased()); \(result.rows.count) rows\(result.rows.count > limit ? ", first \(limit)" : ""))")
            say(ResultFormat.table.render(ResultTable(columns: result.columns, rows: Array(result.rows.prefix(limit)))))
        }
        let changes = try inventory.execute("""
            SELECT run_id, account, resource_type, resource_id, kind, field, old_value, new_value
            FROM changes WHERE run_id = 3 AND resource_type IN ('server', 'drive') ORDER BY id LIMIT 10
            """)
        say("the change log of run 3, first 10 server and drive rows (`stocktake changes --since 3` shows it all)")
        say(ResultFormat.table.render(changes))
    }

    static func configuration(baseURL: String) -> String {
        let credentials = SimulatorCredentials.default
        return """
            # Written by `stocktake demo` for its built-in simulator at \(baseURL).
            accounts:
              - name: scw-demo
                provider: scaleway
                api_url: \(baseURL)
                zones: [fr-par-1, nl-ams-1]
                secret_key: \(credentials.scalewaySecretKey)
              - name: cs-demo
                provider: cloudsigma
                api_url: \(baseURL)/api/2.0/
                location: zrh
                username: \(credentials.cloudSigmaUsername)
                password: \(credentials.cloudSigmaPassword)
            sync:
              concurrency: 4
              page_size: 20

            """
    }

    private func say(_ text: String) {
        print(text)
    }
}
