import ArgumentParser
import Foundation

/// The `stocktake` command: an offline inventory of Scaleway and CloudSigma accounts.
public struct StocktakeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stocktake",
        abstract: "Keep an offline, queryable inventory of Scaleway and CloudSigma accounts.",
        discussion: """
            `stocktake simulate` serves a simulated Scaleway and CloudSigma account on loopback, \
            so that everything can be tried without a cloud account.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, SyncCommand.self, StatusCommand.self, QueriesCommand.self, QueryCommand.self, SQLCommand.self,
            HistoryCommand.self, ChangesCommand.self, PricesCommand.self, ExportCommand.self, ReportCommand.self, CheckCommand.self, BackupCommand.self, PruneCommand.self, MigrateStoreCommand.self,
            SchemaCommand.self,
            SimulateCommand.self,
        ]
    )

    public init() {}
}

extension StocktakeCommand {
    /// Parses the process arguments, runs the chosen subcommand, and exits with its code.
    ///
    /// The executable calls this rather than `main()`, whose synchronous overload
    /// would be picked outside an `@main` type.
    public static func runFromCommandLine(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error)
        }
    }

    /// Exits as ArgumentParser's `exit(withError:)` does (help on stdout with 0, the rest on stderr
    /// with its code), but an error begins `error:` like every other message of the tool.
    private static func fail(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
        } else if !message.isEmpty {
            let text = message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : Substring(message)
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
        Foundation.exit(code.rawValue)
    }
}
