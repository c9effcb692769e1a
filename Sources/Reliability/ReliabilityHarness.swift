import Foundation
import GRDB
import Logging
import Simulator
import StocktakeKit

/// A simulator on loopback, a database and a configuration with one Scaleway
/// (`scw`) and one CloudSigma (`cs`) account, and the checks every mode shares.
public struct ReliabilityHarness: Sendable {
    public let simulator: FleetSimulator
    public let baseURL: String
    public let directory: String
    public let configuration: StocktakeConfiguration

    public var databasePath: String { directory + "/inventory.sqlite" }

    /// Runs `body` with a simulator of `fleet` on a free loopback port and a fresh directory.
    public static func with<Result: Sendable>(
        _ fleet: FleetConfiguration, directory: String, pageSize: Int = 10,
        _ body: @Sendable (ReliabilityHarness) async throws -> Result
    ) async throws -> Result {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let simulator = try FleetSimulator(configuration: fleet)
        return try await SimulatorServer.withRunning(simulator) { baseURL in
            let credentials = SimulatorCredentials.default
            let configuration = StocktakeConfiguration(accounts: [
                AccountConfiguration(name: "scw", provider: .scaleway, apiURL: baseURL, zones: fleet.zones,
                                     credentials: .scaleway(secretKey: credentials.scalewaySecretKey)),
                AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: baseURL + "/api/2.0/", zones: [fleet.location],
                                     credentials: .cloudsigma(username: credentials.cloudSigmaUsername,
                                                              password: credentials.cloudSigmaPassword)),
            ], sync: SyncSettings(concurrency: 4, pageSize: pageSize, timeoutSeconds: 10, maxRetries: 3, scopeTimeoutSeconds: 60),
               path: directory + "/config.yaml")
            return try await body(ReliabilityHarness(simulator: simulator, baseURL: baseURL, directory: directory,
                                                     configuration: configuration))
        }
    }

    /// Writes the configuration as a file, for `stocktake` processes; returns its path.
    public func writeConfiguration() throws -> String {
        let credentials = SimulatorCredentials.default
        let zones = configuration.accounts[0].zones.joined(separator: ", ")
        let path = directory + "/config.yaml"
        try """
            accounts:
              - {name: scw, provider: scaleway, api_url: "\(baseURL)", zones: [\(zones)], secret_key: "\(credentials.scalewaySecretKey)"}
              - {name: cs, provider: cloudsigma, api_url: "\(baseURL)/api/2.0/", location: zrh,
                 username: "\(credentials.cloudSigmaUsername)", password: "\(credentials.cloudSigmaPassword)"}
            sync: {concurrency: 4, page_size: \(configuration.sync.pageSize), max_retries: 3}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The first sync every in-process run starts from, counted in a fresh tally.
    public func start() async throws -> ReliabilityTally {
        var tally = ReliabilityTally()
        try await sync()
        tally.syncs += 1
        return tally
    }

    /// One sync in this process.
    @discardableResult
    public func sync() async throws -> SyncReport {
        var logger = Logger(label: "stocktake.reliability")
        logger.logLevel = .critical
        let database = try InventoryDatabase(path: databasePath)
        return try await SyncEngine(configuration: configuration, database: database, logger: logger).run()
    }

    /// The database as a correct sync of the truth would leave it, compared by rows.
    public func inventory() throws -> ExpectedInventory {
        try read { try ExpectedInventory(database: $0) }
    }

    /// Resources run `run` marked deleted that the simulator still holds.
    public func wronglyDeleted(run: Int64) throws -> [String] {
        let truth = ExpectedInventory(simulator.groundTruth())
        let rows = truth.servers.union(truth.drives).union(truth.ips).union(truth.snapshots).union(truth.groups)
        let alive = Set(rows.map { $0.split(separator: "|").prefix(2).joined(separator: "|") })
        let deleted = try read { db in
            try String.fetchAll(db, sql: """
                SELECT account || '|' || resource_id FROM changes
                WHERE run_id = ? AND kind = 'deleted' AND child_key IS NULL
                """, arguments: [run])
        }
        return deleted.filter(alive.contains)
    }

    /// `PRAGMA integrity_check` says ok.
    public func integrityHolds() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok"
    }

    /// Clears every fault, syncs, and returns how many rows differ from the truth.
    public func settle() async throws -> Int {
        simulator.clearFaults()
        try await sync()
        return try inventory().differences(from: ExpectedInventory(simulator.groundTruth()))
    }

    /// After a faulted sync: counts what it wrongly deleted, checks the file, then settles (faults
    /// cleared, one more sync) and counts the rows that differ from the truth. `label` names the cycle in problems.
    public func check(after report: SyncReport, label: String, into tally: inout ReliabilityTally) async throws {
        tally.syncs += 2
        let deleted = try wronglyDeleted(run: report.run)
        tally.wronglyDeleted += deleted.count
        tally.problems += deleted.map { "\(label): \($0) deleted but it exists" }
        if try !integrityHolds() {
            tally.integrityFailures += 1
            tally.problems.append("\(label): integrity check failed")
        }
        let wrong = try await settle()
        tally.wrongRows += wrong
        if wrong > 0 { tally.problems.append("\(label): \(wrong) rows differ from the truth after settling") }
    }

    /// The scopes of the configuration as (account, zone, rows key path, listing): each one
    /// transaction, so a killed sync leaves each all before or all after.
    public var scopes: [(account: String, zone: String, rows: KeyPath<ExpectedInventory, Set<String>>, listing: String?)] {
        configuration.accounts.flatMap { Self.scopes(account: $0.name, provider: $0.provider, zones: $0.zones) }
    }

    /// The scopes of one account. Drives and snapshots of a zone come from two listings on
    /// Scaleway (Instance and Block Storage): one scope each.
    public static func scopes(
        account: String, provider: Provider, zones: [String]
    ) -> [(account: String, zone: String, rows: KeyPath<ExpectedInventory, Set<String>>, listing: String?)] {
        let shared: [(KeyPath<ExpectedInventory, Set<String>>, String)] = switch provider {
        case .scaleway: [(\.drives, "volumes"), (\.drives, "block_volumes"), (\.snapshots, "snapshots"),
                         (\.snapshots, "block_snapshots")]
        case .cloudsigma: [(\.drives, "drives"), (\.snapshots, "snapshots")]
        }
        let own: [(KeyPath<ExpectedInventory, Set<String>>, String?)] = [(\.servers, nil), (\.ips, nil), (\.groups, nil)]
            + shared.map { ($0.0, $0.1) }
        return zones.flatMap { zone in own.map { (account, zone, $0.0, $0.1) } }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }
}
