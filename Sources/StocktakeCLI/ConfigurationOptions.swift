import ArgumentParser
import Foundation
import StocktakeKit

/// `--config` and `--db`, shared by the commands that need them.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "The configuration file (default: $STOCKTAKE_CONFIG, then $XDG_CONFIG_HOME/stocktake/config.yaml).", completion: .file())
    var config: String?

    @Option(help: "The SQLite database (default: $STOCKTAKE_DB, then `database:` in the configuration, then $XDG_DATA_HOME/stocktake/inventory.sqlite).", completion: .file())
    var db: String?

    /// The configuration, or exit 78 with the file and line of the problem.
    func loadConfiguration() throws -> StocktakeConfiguration {
        let path = StocktakePaths().configuration(explicit: config)
        do {
            return try ConfigurationLoader().load(path: path)
        } catch let error as ConfigurationError {
            Diagnostics.error("configuration: \(error.description)")
            throw ExitCode(ExitCodes.configuration)
        }
    }

    /// The database path: `--db`, `$STOCKTAKE_DB`, the configuration's `database:`, or the default.
    func databasePath(configured: String?) -> String {
        StocktakePaths().database(explicit: db, configured: configured)
    }
}

/// The exit codes every command documents.
enum ExitCodes {
    static let failure: Int32 = 1
    static let partial: Int32 = 2
    /// `status --max-age`: a scope is stale, never applied or failing, or the last run failed.
    static let stale: Int32 = 3
    static let usage: Int32 = 64
    static let busy: Int32 = 75
    static let configuration: Int32 = 78
}

/// Messages for people, on stderr.
enum Diagnostics {
    static func error(_ message: String) {
        write("error: \(message)")
    }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
