/// Where an inventory is kept: a SQLite file (the default), or a PostgreSQL database named by a
/// URL (`--db`, `$STOCKTAKE_DB` or `database:` starting `postgresql://` or `postgres://`).
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgresql(PostgresLocation)

    /// Reads what `--db`, `$STOCKTAKE_DB` or `database:` says.
    public init(_ text: String) throws(StoreLocationError) {
        self = PostgresLocation.isURL(text) ? .postgresql(try PostgresLocation(url: text)) : .sqlite(path: text)
    }

    /// The path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgresql(let location): return location.description
        }
    }
}

/// A database location that cannot be used, said without any password it held.
public enum StoreLocationError: Error, CustomStringConvertible, Sendable, Equatable {
    case notAURL(String)
    case badParameter(url: String, parameter: String, detail: String)

    public var description: String {
        switch self {
        case .notAURL(let url):
            return "\(url) is not a PostgreSQL URL; write postgresql://user@host:port/dbname (or ?host=/socket/directory)"
        case .badParameter(let url, let parameter, let detail):
            return "\(url): \(parameter): \(detail)"
        }
    }
}
