import ArgumentParser
import StocktakeKit

extension StoreLocation {
    /// Where `text` (`--db`, `$STOCKTAKE_DB` or `database:`) says; a URL that does not parse exits 64,
    /// said without its password.
    static func given(_ text: String) throws -> StoreLocation {
        do {
            return try StoreLocation(text)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode.validationFailure
        }
    }

    /// The SQLite file `text` names. A PostgreSQL URL (not usable by the commands yet) exits 64,
    /// said without its password.
    static func sqliteFile(_ text: String) throws -> String {
        switch try given(text) {
        case .sqlite(let path):
            return path
        case .postgresql(let database):
            let command = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "stocktake"
            Diagnostics.error(StoreLocationError.notYetSupported(database.description, command: command).description)
            throw ExitCode.validationFailure
        }
    }
}
