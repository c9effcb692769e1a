import Foundation
import GRDB
import GRDBSQLite

/// The inventory opened for reading only, optionally as of a past sync run.
///
/// SQLite itself enforces that nothing is written (see `ReadOnlyGuard`): the
/// file is opened read-only and never migrated, and each statement is refused
/// at compile time when it would write, attach, start a transaction or change
/// a setting. As of run k, the current tables are shadowed by TEMP views over
/// their history twins (made before the guard goes up), so the same SQL sees the past.
public final class ReadOnlyInventory: Sendable {
    public let path: String
    /// The run the inventory is seen as of; nil for now.
    public let asOfRun: Int64?
    /// "Now" for relative times: the wall clock, or the as-of run's end.
    public let referenceNow: Date
    /// Said once to the user when the file had to be opened immutable (its folder is not writable).
    public let notice: String?
    let queue: DatabaseQueue
    private let guardian = ReadOnlyGuard()

    /// Opens `path` read-only; `asOf` is a run number, a time or an age (see `TimeExpression`).
    public init(path: String, asOf: String? = nil, now: Date = Date()) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw InventoryError.missing(path: path) }
        guard !isDirectory.boolValue else { throw InventoryError.isDirectory(path: path) }
        self.path = path
        let clock = ReferenceClock(now)
        (queue, notice) = try Self.open(path, clock: clock)
        clock.runStarts = try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, started_at FROM sync_runs")
                .map { ($0["id"] as Int64, $0["started_at"] as String) })
        }
        if let asOf {
            let run = try Self.resolve(asOf, now: now, queue: queue)
            asOfRun = run.id
            referenceNow = run.finished
            clock.set(run.finished)
            try queue.inDatabase { db in try AsOfViews.create(asOf: run.id, in: db) }
        } else {
            asOfRun = nil
            referenceNow = now
        }
        try queue.inDatabase { [guardian] db in try guardian.install(on: db) }
    }

    /// Opens the file read-only and checks it is an inventory this build reads. A
    /// database in WAL mode needs its `-shm` file, which a read-only connection
    /// never creates; where there is none (a copied file, a folder that is not
    /// writable), the file is opened immutable instead, and the notice says so.
    private static func open(_ path: String, clock: ReferenceClock) throws -> (DatabaseQueue, String?) {
        func attempt(_ location: String) throws -> DatabaseQueue {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in InventoryFunctions.register(in: db, clock: clock) }
            let queue = try DatabaseQueue(path: location, configuration: configuration)
            try queue.read { db in try SchemaCompatibility.of(db).check(path: path, writing: false) }
            return queue
        }
        do {
            return (try attempt(path), nil)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw InventoryError.notAnInventory(path: path)
        } catch let error as DatabaseError {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard !FileManager.default.fileExists(atPath: path + "-shm"), let immutable = try? attempt(Self.immutableURI(path)) else {
                throw InventoryError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
            }
            let why = access(folder, W_OK) != 0 ? "\(folder) is not writable" : "\(path) has no -shm file"
            return (immutable, "notice: \(why), so the database was opened as an unchanging file; a sync running now is not seen")
        }
    }

    /// An SQLite URI that opens `path` as a file nothing changes (no locks, no `-shm`).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(escaped)?immutable=1"
    }

    /// Runs one read-only statement with named arguments.
    public func execute(_ sql: String, arguments: [String: String] = [:]) throws -> ResultTable {
        try queue.inDatabase { db in
            let statement = try prepare(sql, arguments: arguments, in: db)
            return try Self.reportingSQLErrors {
                let rows = try Row.fetchAll(statement)
                return ResultTable(columns: statement.columnNames, rows: rows.map { row in row.databaseValues.map { $0 } })
            }
        }
    }

    /// Runs one read-only statement and hands `body` the result's columns and each row's values as
    /// SQLite steps through them, never holding the whole result; returns the columns (rows or not).
    @discardableResult
    public func scan(
        _ sql: String, arguments: [String: String] = [:], _ body: (_ columns: [String], _ row: [DatabaseValue]) throws -> Void
    ) throws -> [String] {
        try queue.inDatabase { db in
            let statement = try prepare(sql, arguments: arguments, in: db)
            let columns = statement.columnNames
            try Self.reportingSQLErrors {
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() { try body(columns, Array(row.databaseValues)) }
            }
            return columns
        }
    }

    /// Runs one read-only statement and writes its rows to `sink` as SQLite
    /// steps through them; returns how many. The table format needs every row
    /// for its column widths, so it is rendered from the whole result.
    @discardableResult
    public func stream(
        _ sql: String, arguments: [String: String] = [:], format: ResultFormat, headers: Bool = true, width: Int? = nil,
        to sink: OutputSink
    ) throws -> Int {
        if format == .table {
            let result = try execute(sql, arguments: arguments)
            sink.append(format.render(result, headers: headers, width: width))
            try sink.rowEnded()
            return result.rows.count
        }
        return try queue.inDatabase { db in
            let statement = try prepare(sql, arguments: arguments, in: db)
            return try Self.reportingSQLErrors {
                try ResultWriter(format: format, headers: headers, sink: sink).write(statement)
            }
        }
    }

    /// Compiles, checks and binds a statement.
    private func prepare(_ sql: String, arguments: [String: String], in db: Database) throws -> Statement {
        let statement: Statement
        guardian.reset()
        do {
            statement = try db.makeStatement(sql: sql)
        } catch let error as DatabaseError {
            if let refusal = guardian.takeRefusal() { throw QueryError.notReadOnly(refusal) }
            if error.resultCode == .SQLITE_ERROR, error.message?.contains("too many attached databases") == true {
                throw QueryError.notReadOnly(ReadOnlyGuard.reason(action: SQLITE_ATTACH, first: nil, second: nil) ?? "ATTACH")
            }
            throw QueryError.badSQL(error.message ?? "\(error.resultCode)")
        }
        guard statement.isReadonly || guardian.compiledReadingPragma else {
            throw QueryError.notReadOnly("the statement would write (VACUUM and every statement that changes a file are refused)")
        }
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for (name, text) in arguments { values[name] = Self.typed(text) }
        try Self.reportingSQLErrors { try statement.setArguments(StatementArguments(values)) }
        return statement
    }

    private static func reportingSQLErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw QueryError.badSQL(error.message ?? "\(error.resultCode)")
        }
    }

    /// Throws unless run `run` exists (as of the inventory's run, when seen as of one).
    public func requireRun(_ run: Int64) throws {
        let last = try queue.inDatabase { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM sync_runs") } ?? 0
        guard (1...max(1, last)).contains(run), last > 0 else { throw QueryError.noSuchRun(run, last: last) }
    }

    /// Throws unless the database knows an account called `name`.
    public func requireAccount(_ name: String) throws {
        let known = try queue.inDatabase { db in try String.fetchAll(db, sql: "SELECT name FROM accounts ORDER BY name") }
        guard known.contains(name) else { throw QueryError.unknownAccount(name, known: known) }
    }

    /// Integers bind as integers and decimals as reals, so comparisons with numeric columns work.
    static func typed(_ text: String) -> any DatabaseValueConvertible {
        if let integer = Int64(text) { return integer }
        if let real = Double(text), text.contains(".") { return real }
        return text
    }

    /// The run an `--as-of` value means: the last sync at or before it.
    static func resolve(_ text: String, now: Date, queue: DatabaseQueue) throws -> (id: Int64, finished: Date) {
        try queue.read { db in
            let row: Row?
            if let run = TimeExpression.run(text) {
                row = try Row.fetchOne(db, sql: "SELECT id, COALESCE(finished_at, started_at) AS t FROM sync_runs WHERE id = ?",
                                       arguments: [run])
                guard row != nil else {
                    let last = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM sync_runs") ?? 0
                    throw QueryError.noSuchRun(run, last: last)
                }
            } else {
                let moment: Date
                if let age = TimeExpression.age(text) {
                    moment = now.addingTimeInterval(-age)
                } else if let date = TimeExpression.date(text) {
                    moment = date
                } else {
                    throw QueryError.badTime(text)
                }
                // Half a millisecond of slack: a stored time read back as a Date can format a millisecond early.
                row = try Row.fetchOne(db, sql: """
                    SELECT id, COALESCE(finished_at, started_at) AS t FROM sync_runs
                    WHERE COALESCE(finished_at, started_at) <= ? ORDER BY id DESC LIMIT 1
                    """, arguments: [TimeExpression.stored(moment.addingTimeInterval(0.0005))])
                guard row != nil else { throw QueryError.beforeFirstSync("\(text) (\(TimeExpression.stored(moment)))") }
            }
            guard let row, let finished = TimeExpression.date(row["t"]) else { throw QueryError.badTime(text) }
            let id: Int64 = row["id"]
            if let kept = try Int64.fetchOne(db, sql: "SELECT MAX(first_kept_run) FROM prunes"), id < kept {
                throw QueryError.pruned(text, run: id, firstKept: kept)
            }
            return (id, finished)
        }
    }
}

/// The moment relative times are measured from; set once when an as-of run is resolved.
final class ReferenceClock: @unchecked Sendable {
    // @unchecked: `now` and `runStarts` are written in `ReadOnlyInventory.init`, before any query runs.
    private(set) var now: Date
    /// When each run started, for `stocktake_time('#3')`.
    var runStarts: [Int64: String] = [:]

    init(_ now: Date) {
        self.now = now
    }

    func set(_ date: Date) {
        now = date
    }
}
