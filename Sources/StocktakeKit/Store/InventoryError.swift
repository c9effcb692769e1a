/// Problems with the database file itself. Each message names the file and what to do.
public enum InventoryError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case notAnInventory(path: String)
    case missing(path: String)
    case isDirectory(path: String)
    case olderSchema(path: String)
    case newerSchema(path: String)
    case cannotCreateDirectory(path: String, reason: String)
    case diskFull(path: String)
    case cannotLock(path: String, reason: String)
    case backupExists(path: String)
    case backupFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the database \(path): \(reason); check the path and its permissions (--db or STOCKTAKE_DB)"
        case .notAnInventory(let path):
            return "\(path) is not a Stocktake database; point --db at the file `stocktake sync` writes (a sync creates a new one at a path where no file exists)"
        case .missing(let path):
            return "there is no database at \(path) yet; run `stocktake sync` first, or pass --db PATH"
        case .isDirectory(let path):
            return "\(path) is a directory; --db (or STOCKTAKE_DB, or `database:`) names the database file itself, e.g. \(path)/inventory.sqlite"
        case .olderSchema(let path):
            return "\(path) was written by an older version of Stocktake; run `stocktake sync` to upgrade it (reads never change the file)"
        case .newerSchema(let path):
            return "\(path) was written by a newer version of Stocktake; use that version, or a copy of the database made before it was upgraded"
        case .cannotCreateDirectory(let path, let reason):
            return "cannot create the database's folder \(path): \(reason); create it yourself or point --db (or `database:`) at a writable place"
        case .cannotLock(let path, let reason):
            return "cannot create the writer lock \(path): \(reason); the database's folder must be writable by the user who runs `stocktake sync`"
        case .backupExists(let path):
            return "\(path) exists; name a new file for the backup, or pass --force to replace it"
        case .backupFailed(let path, let reason):
            return "cannot write the backup \(path): \(reason); nothing was written there (check the folder's free space and permissions)"
        case .diskFull(let path):
            return "the disk holding \(path) is full; nothing was applied for the scopes that failed; free space there (old exports, backups, or a `stocktake prune`) and sync again"
        }
    }
}
