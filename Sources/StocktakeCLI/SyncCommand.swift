import ArgumentParser
import Foundation
import Logging
import StocktakeKit

/// `stocktake sync`: read every configured account and record what changed.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Read every server, drive and volume listing of the configured accounts into the database.",
        discussion: """
            Prints one line per scope (account, zone, listing) on stderr. Exit codes: 0 every scope applied; \
            2 some failed and others applied; 1 none applied or the database failed; 64 bad arguments; \
            75 another sync holds the database; 78 configuration error.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .customLong("account"), help: "Sync only this account (repeat for several).")
    var accounts: [String] = []

    @Option(help: "Seconds to wait for another sync to release the database before giving up (exit 75).")
    var wait = 0

    @Flag(help: "Print a JSON summary of the run on stdout.")
    var json = false

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    func run() async throws {
        LogSetup.bootstrap(level: logLevel)
        let configuration = try options.loadConfiguration()
        let unknown = accounts.filter { name in !configuration.accounts.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw ValidationError("unknown account \(unknown.map { "'\($0)'" }.joined(separator: ", ")); configured: "
                                  + configuration.accounts.map(\.name).joined(separator: ", "))
        }
        let path = options.databasePath(configured: configuration.database)
        let lock: WriterLock
        do {
            lock = try await WriterLock.acquire(database: path, wait: wait)
        } catch let error as SyncError {
            Diagnostics.error(error.description)
            throw ExitCode(ExitCodes.busy)
        }
        let report: SyncReport
        do {
            let database = try InventoryDatabase(path: path)
            let engine = SyncEngine(configuration: configuration, database: database,
                                    logger: Logger(label: "stocktake.sync"))
            report = try await engine.run(accounts: accounts) { Diagnostics.write($0.line) }
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        withExtendedLifetime(lock) {}
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        }
        Diagnostics.write("run \(report.run): \(report.applied) scopes applied, \(report.failed) failed")
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
