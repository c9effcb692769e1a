import Foundation
import StocktakeKit

/// Every measurement for one fleet size.
struct SizeBench {
    let size: Int
    let runs: Int
    let reportRuns: Int
    let concurrency: Int
    let pageSize: Int
    let binary: String
    let directory: URL
    /// A PostgreSQL URL to measure that store instead of a SQLite file (`--store`).
    let store: String?

    static let zones = ["fr-par-1", "nl-ams-1", "pl-waw-1"]

    func log(_ text: String) {
        FileHandle.standardError.write(Data("[\(size)] \(text)\n".utf8))
    }

    func measure() async throws -> SizeResult {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let servers = size / 3
        let simulator = try SimulatorProcess(binary: binary, servers: servers, drives: size - servers, zones: Self.zones)
        defer { simulator.stop() }
        log("simulator on \(simulator.baseURL)")
        let config = directory.appendingPathComponent("config.yaml").path
        try configuration(baseURL: simulator.baseURL).write(toFile: config, atomically: true, encoding: .utf8)
        var result = SizeResult(resources: size, servers: servers, drives: size - servers)

        var transfer: [Double] = []
        for _ in 0..<runs {
            let measured = try await TransferLimit.measure(baseURL: simulator.baseURL, zones: Self.zones,
                                                           concurrency: concurrency, pageSize: pageSize)
            transfer.append(measured.seconds)
            result.transferBytes = measured.bytes
        }
        result.transferSeconds = transfer
        log("transfer \(median(transfer)) s")

        let target = try BenchStore.make(store, size: size, directory: directory)
        do {
            try await measure(target, config: config, simulator: simulator, result: &result)
        } catch {
            await target.drop()
            throw error
        }
        await target.drop()
        return result
    }

    /// The syncs, size, queries, export and report on `target`.
    private func measure(_ target: BenchStore, config: String, simulator: SimulatorProcess, result: inout SizeResult) async throws {
        let database = target.argument
        result.fullSyncSeconds = try await timedSyncs("full sync", config: config, database: database, result: &result) {
            try await target.reset()
        }
        result.firstSyncBytes = try await target.bytes()
        result.noChangeSyncSeconds = try await timedSyncs("no-change sync", config: config, database: database, result: &result) {}
        let before = (bytes: try await target.bytes(), versions: try ReadOnlyInventory(location: target.location).resourceVersionCount())
        result.churnSyncSeconds = try await timedSyncs("1% churn sync", config: config, database: database, result: &result) {
            try await simulator.advanceEpoch(churn: 0.01)
        }
        result.databaseBytes = try await target.bytes()
        result.churnBytes = result.databaseBytes - before.bytes
        result.churnVersions = try ReadOnlyInventory(location: target.location).resourceVersionCount() - before.versions
        log("database \(result.firstSyncBytes / 1_048_576) MB after the first sync, "
            + "\(result.churnBytes / max(1, result.churnVersions)) bytes per version of the churn syncs")
        if case .sqlite(let path) = target {
            let write = try (0..<runs).map { _ in
                try WriteLimit.measure(from: path, scratch: directory.appendingPathComponent("write-limit.sqlite").path).seconds
            }
            result.writeSeconds = write
            log("write limit \(median(write)) s")
        }

        result.queries = try measureQueries(target.location)
        result.historyMilliseconds = try measureHistoryLookup(target.location)
        log("history of one server \(median(result.historyMilliseconds)) ms")
        result.exportSeconds = try (0..<runs).map { _ in
            let started = ContinuousClock.now
            let written = try InventoryExporter.export(try ReadOnlyInventory(location: target.location),
                                                       to: directory.appendingPathComponent("export").path, format: .csv, overwrite: true)
            result.exportRows = written.values.reduce(0, +)
            return (ContinuousClock.now - started).seconds
        }
        log("export \(median(result.exportSeconds)) s")

        try await measureReport(config: config, target: target, simulator: simulator, result: &result)
    }

    /// The HTML report of the database after more 1% churn syncs, up to `reportRuns` runs in all.
    private func measureReport(config: String, target: BenchStore, simulator: SimulatorProcess, result: inout SizeResult) async throws {
        let database = target.argument
        let held = { try ReadOnlyInventory(location: target.location).execute("SELECT COUNT(*) FROM sync_runs").rows.first.map { ResultFormat.plain($0[0]) } }
        var count = Int(try held() ?? "") ?? 0
        while count < reportRuns {
            try await simulator.advanceEpoch(churn: 0.01)
            _ = try sync(config: config, database: database)
            count += 1
        }
        result.reportRuns = count
        result.reportSeconds = try (0..<runs).map { _ in
            let started = ContinuousClock.now
            let report = try ReportBuilder(inventory: try ReadOnlyInventory(location: target.location), library: try QueryLibrary())
                .build(since: "7d")
            result.reportBytes = ReportHTML.render(report).utf8.count
            return (ContinuousClock.now - started).seconds
        }
        log("report of \(count) runs \(median(result.reportSeconds)) s, \(result.reportBytes / 1000) kB")
    }

    /// `stocktake history ID` of the server with the most versions: a lookup of one resource's timeline.
    private func measureHistoryLookup(_ location: StoreLocation) throws -> [Double] {
        let inventory = try ReadOnlyInventory(location: location)
        let busiest = try inventory.execute("""
            SELECT account, id FROM servers_history GROUP BY account, id ORDER BY COUNT(*) DESC, account, id LIMIT 1
            """).rows.first
        guard let busiest, busiest.count == 2 else {
            throw BenchError("the database holds no server to look up")
        }
        let (account, id) = (ResultFormat.plain(busiest[0]), ResultFormat.plain(busiest[1]))
        return try (0..<runs).map { _ in
            let started = ContinuousClock.now
            _ = try inventory.history(id: id, account: account)
            return (ContinuousClock.now - started).seconds * 1000
        }
    }

    private func measureQueries(_ location: StoreLocation) throws -> [QueryResult] {
        let current = try ReadOnlyInventory(location: location)
        let past = try ReadOnlyInventory(location: location, asOf: "1")
        return try QueryLibrary().all.map { query in
            let arguments = Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, $0.defaultValue) })
            func time(_ inventory: ReadOnlyInventory) throws -> (Double, Int) {
                var times: [Double] = []
                var rows = 0
                for _ in 0..<runs {
                    let started = ContinuousClock.now
                    // As `stocktake query NAME --format csv` runs it: rows streamed out, here to /dev/null.
                    let sink = OutputSink.discarding()
                    rows = try inventory.stream(inventory.sql(of: query), arguments: arguments, format: .csv, to: sink)
                    try sink.finish()
                    times.append((ContinuousClock.now - started).seconds * 1000)
                }
                return (median(times), rows)
            }
            let now = try time(current)
            let asOf = try time(past)
            return QueryResult(name: query.name, currentMilliseconds: now.0, asOfMilliseconds: asOf.0, rows: now.1, asOfRows: asOf.1)
        }
    }

    /// `runs` syncs, each after `prepare`; returns their times and keeps the peak memory.
    private func timedSyncs(
        _ label: String, config: String, database: String, result: inout SizeResult, prepare: () async throws -> Void
    ) async throws -> [Double] {
        var times: [Double] = []
        for _ in 0..<runs {
            try await prepare()
            let child = try sync(config: config, database: database)
            times.append(child.seconds)
            result.peakResidentBytes = max(result.peakResidentBytes, child.peakResidentBytes)
        }
        log("\(label) \(median(times)) s")
        return times
    }

    private func sync(config: String, database: String) throws -> ChildProcess {
        let child = try ChildProcess.run(binary, ["sync", "--config", config, "--db", database])
        guard child.status == 0 else { throw BenchError("sync exited \(child.status): \(child.output.suffix(2000))") }
        return child
    }

    private func configuration(baseURL: String) -> String {
        """
        accounts:
          - name: scw
            provider: scaleway
            api_url: \(baseURL)
            zones: [\(Self.zones.joined(separator: ", "))]
            secret_key: \(TransferLimit.scalewayKey)
          - name: cs
            provider: cloudsigma
            api_url: \(baseURL)/api/2.0/
            location: zrh
            username: cs@example.com
            password: cs-pass
        sync:
          concurrency: \(concurrency)
          page_size: \(pageSize)
          timeout_seconds: 120

        """
    }
}
