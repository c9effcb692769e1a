/// Problems with the database file itself.
public enum InventoryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case notAnInventory(path: String)
    case missing(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason); check the path and its permissions (--db or STOCKTAKE_DB)"
        case .notAnInventory(let path):
            return "\(path) is not a Stocktake database; point --db at the file `stocktake sync` writes"
        case .missing(let path):
            return "there is no database at \(path) yet; run `stocktake sync` first, or pass --db PATH"
        }
    }
}
