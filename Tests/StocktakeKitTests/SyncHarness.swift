import Foundation
import GRDB
import Logging
import Simulator
@testable import StocktakeKit

/// A simulator on loopback, a temporary database, and a configuration with one
/// Scaleway and one CloudSigma account pointing at the simulator.
struct SyncHarness: Sendable {
    let simulator: FleetSimulator
    let baseURL: String
    let databasePath: String
    let configuration: StocktakeConfiguration

    static let zones = ["fr-par-1", "nl-ams-1"]

    /// Runs `body` with a fresh simulator and database, removing the database afterwards.
    static func with<Result: Sendable>(
        _ fleet: FleetConfiguration = FleetConfiguration(seed: 17, servers: 80, drives: 160, zones: zones),
        pageSize: Int = 10, maxRetries: Int = 4,
        _ body: @Sendable (SyncHarness) async throws -> Result
    ) async throws -> Result {
        let simulator = try FleetSimulator(configuration: fleet)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await SimulatorServer.withRunning(simulator) { baseURL in
            let harness = SyncHarness(
                simulator: simulator, baseURL: baseURL, databasePath: directory.appendingPathComponent("inventory.sqlite").path,
                configuration: configuration(baseURL: baseURL, zones: fleet.zones, pageSize: pageSize, maxRetries: maxRetries))
            return try await body(harness)
        }
    }

    static func configuration(baseURL: String, zones: [String], pageSize: Int, maxRetries: Int) -> StocktakeConfiguration {
        let credentials = SimulatorCredentials.default
        return StocktakeConfiguration(accounts: [
            AccountConfiguration(name: "scw", provider: .scaleway, apiURL: baseURL, zones: zones,
                                 credentials: .scaleway(secretKey: credentials.scalewaySecretKey)),
            AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: baseURL + "/api/2.0/", zones: ["zrh"],
                                 credentials: .cloudsigma(username: credentials.cloudSigmaUsername,
                                                          password: credentials.cloudSigmaPassword)),
        ], sync: SyncSettings(concurrency: 4, pageSize: pageSize, timeoutSeconds: 10, maxRetries: maxRetries))
    }

    /// How many scopes a sync of `account` reads, from the configuration and the kind declarations.
    func scopeCount(account: String) -> Int {
        configuration.accounts.filter { $0.name == account }.flatMap(\.scopes).count
    }

    /// One sync of every account (or the named ones), with this harness's configuration or another.
    @discardableResult
    func sync(
        _ accounts: [String] = [], configuration: StocktakeConfiguration? = nil, acceptOwnerChange: Bool = false,
        progress: SyncProgress? = nil
    ) async throws -> SyncReport {
        var logger = Logger(label: "test.sync")
        logger.logLevel = .critical
        let database = try InventoryDatabase(path: databasePath)
        var engine = SyncEngine(configuration: configuration ?? self.configuration, database: database, logger: logger)
        engine.progress = progress
        return try await engine.run(accounts: accounts, acceptOwnerChange: acceptOwnerChange)
    }

    /// Every row of a scope's table for one account and zone, as text, to compare before and after.
    /// Rows of one listing only, when `listing` is given (Instance and Block volumes share `drives`).
    func snapshot(table: String, account: String, zone: String, listing: String? = nil) throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE account = ? AND zone = ? AND listing = coalesce(?, listing) ORDER BY id",
                             arguments: [account, zone, listing])
                .map { $0.description }
        }
    }

    /// Reads the database directly, as any SQLite client would.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: databasePath, configuration: configuration).read(body)
    }
}
