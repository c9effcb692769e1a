import ArgumentParser
import StocktakeKit

extension StoreLocation {
    /// The SQLite file `text` names. A PostgreSQL URL (not usable by the commands yet) or one that
    /// does not parse exits 64, the URL said without its password.
    static func sqliteFile(_ text: String) throws -> String {
        let location: StoreLocation
        do {
            location = try StoreLocation(text)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode.validationFailure
        }
        switch location {
        case .sqlite(let path):
            return path
        case .postgresql(let database):
            let command = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "stocktake"
            Diagnostics.error(StoreLocationError.notYetSupported(database.description, command: command).description)
            throw ExitCode.validationFailure
        }
    }
}
