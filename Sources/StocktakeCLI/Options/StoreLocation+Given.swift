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
}
