import ArgumentParser
import Foundation
import StocktakeKit

/// `--config` and `--db`, shared by the commands that need them.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "The configuration file (default: $STOCKTAKE_CONFIG, then $XDG_CONFIG_HOME/stocktake/config.yaml).", completion: .file())
    var config: String?

    @Option(help: "The SQLite database or a PostgreSQL URL (default: $STOCKTAKE_DB, then `database:` in the configuration, then $XDG_DATA_HOME/stocktake/inventory.sqlite).", completion: .file())
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

    /// The store `--db`, `$STOCKTAKE_DB`, the configuration's `database:` or the default names: a
    /// SQLite file or a PostgreSQL URL (one that does not parse exits 64).
    func storeLocation(configured: String?) throws -> StoreLocation {
        try StoreLocation.given(StocktakePaths().database(explicit: db, configured: configured))
    }
}
