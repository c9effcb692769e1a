import GRDB
import GRDBSQLite

/// Makes a connection read-only by SQLite's own means, whatever the SQL says:
/// `PRAGMA query_only`, no attached databases (`SQLITE_LIMIT_ATTACHED` 0), and
/// an authorizer that refuses, as each statement is compiled, transactions,
/// savepoints, ATTACH and DETACH, every write and schema change, PRAGMAs that
/// set a value, and functions that reach outside the file.
///
/// The authorizer remembers why it refused, so the error can say so.
final class ReadOnlyGuard: @unchecked Sendable {
    // @unchecked: `refusal` is written by SQLite's authorizer callback and read
    // right after compiling, both on the one connection's serial queue.
    private var refusal: String?
    /// True when the statement last compiled was a PRAGMA that only reads (SQLite does not mark those read-only).
    private(set) var compiledReadingPragma = false

    /// PRAGMAs that take an argument and only read.
    static let readingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "integrity_check", "quick_check",
    ]

    /// Functions refused although SQLite lets a read-only connection call them.
    static let refusedFunctions: Set<String> = ["load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"]

    /// Installs the guard on `db`; from then on nothing the connection compiles can write.
    /// GRDB's own authorizer is replaced: a read-only connection needs none of what it tracks.
    func install(on db: Database) throws {
        try db.execute(sql: "PRAGMA query_only = 1")
        guard let connection = db.sqliteConnection else { return }
        sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0)
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_set_authorizer(connection, { context, action, first, second, _, _ in
            guard let context else { return SQLITE_DENY }
            let guardian = Unmanaged<ReadOnlyGuard>.fromOpaque(context).takeUnretainedValue()
            let reason = ReadOnlyGuard.reason(
                action: action, first: first.map { String(cString: $0) }, second: second.map { String(cString: $0) })
            if action == SQLITE_PRAGMA, reason == nil { guardian.compiledReadingPragma = true }
            guard let reason else { return SQLITE_OK }
            guardian.refusal = reason
            return SQLITE_DENY
        }, context)
    }

    /// Forgets what the previous statement's compilation said.
    func reset() {
        refusal = nil
        compiledReadingPragma = false
    }

    /// Why the last statement was refused, once; nil when it was not.
    func takeRefusal() -> String? {
        defer { refusal = nil }
        return refusal
    }

    /// Why an authorizer action is refused, or nil when it only reads.
    static func reason(action: Int32, first: String?, second: String?) -> String? {
        switch action {
        case SQLITE_READ, SQLITE_SELECT, SQLITE_RECURSIVE:
            return nil
        case SQLITE_FUNCTION:
            let name = (second ?? "").lowercased()
            return refusedFunctions.contains(name) ? "the function \(name)() reaches outside the inventory" : nil
        case SQLITE_PRAGMA:
            let name = (first ?? "").lowercased()
            guard second != nil, !readingPragmas.contains(name) else { return nil }
            return "PRAGMA \(name) with a value would change a setting"
        case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
            return "transactions and savepoints (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) are not allowed; every statement already reads one consistent snapshot"
        case SQLITE_ATTACH, SQLITE_DETACH:
            return "ATTACH and DETACH are not allowed; only the inventory itself is read"
        case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            // SQLite asks about its own schema table while compiling plain reads; a real write to it
            // needs `PRAGMA writable_schema = 1` (refused) and fails `query_only` and the read-only open anyway.
            if let table = first?.lowercased(), ["sqlite_master", "sqlite_temp_master", "sqlite_schema"].contains(table) {
                return nil
            }
            return "the statement would change rows of \(first ?? "a table")"
        default:
            return "the statement would change the database (schema, indexes or statistics)"
        }
    }
}
