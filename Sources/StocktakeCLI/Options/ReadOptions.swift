import ArgumentParser
import Foundation
import StocktakeKit

/// The database (and, when there is one, the configuration) a read command uses.
struct ReadOptions: ParsableArguments {
    @Option(help: "The configuration file, for `database:` and `queries_dir:` (optional for reading).", completion: .file())
    var config: String?

    @Option(help: "The SQLite database or a PostgreSQL URL (default: $STOCKTAKE_DB, then the configuration's `database:`, then $XDG_DATA_HOME/stocktake/inventory.sqlite).", completion: .file())
    var db: String?

    /// The configuration when one is given or present at the default path; nil when there is none.
    func configuration() throws -> StocktakeConfiguration? {
        let paths = StocktakePaths()
        let path = paths.configuration(explicit: config)
        guard config != nil || FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try ConfigurationLoader().load(path: path)
        } catch let error as ConfigurationError {
            Diagnostics.error("configuration: \(error.description)")
            throw ExitCode(ExitCodes.configuration)
        }
    }

    /// Where the inventory is, as given (a PostgreSQL URL is reported without its password).
    var store: StoreLocation {
        get throws {
            try StoreLocation.given(StocktakePaths().database(explicit: db, configured: try configuration()?.database))
        }
    }

    /// Opens the inventory read-only, as of `asOf` when given; errors exit 1 with the reason.
    func open(asOf: String? = nil) throws -> ReadOnlyInventory {
        let location = try store
        do {
            let inventory = try ReadOnlyInventory(location: location, asOf: asOf)
            if let notice = inventory.notice { Diagnostics.write(notice) }
            return inventory
        } catch {
            Diagnostics.error(PostgresStore.describe(error))
            throw ExitCode(ExitCodes.failure)
        }
    }
}
