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
            HistoryCommand.self, ChangesCommand.self, ExportCommand.self, ReportCommand.self, CheckCommand.self, BackupCommand.self, PruneCommand.self,
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
        var parsed: (any ParsableCommand)?
        do {
            var command = try parseAsRoot(arguments)
            parsed = command
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            // Thrown by a subcommand's run: show that subcommand's usage, not the root's.
            guard let parsed else { exit(withError: error) }
            let usage = usageString(for: type(of: parsed))
            let name = type(of: parsed).configuration.commandName ?? ""
            FileHandle.standardError.write(Data("""
                Error: \(error.message)
                Usage: \(usage)
                  See 'stocktake \(name) --help' for more information.

                """.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
