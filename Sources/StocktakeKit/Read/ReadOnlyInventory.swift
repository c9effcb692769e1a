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
    /// The SQLite file, or the PostgreSQL URL without its password.
    public let path: String
    /// The run the inventory is seen as of; nil for now.
    public let asOfRun: Int64?
    /// "Now" for relative times: the wall clock, or the as-of run's end.
    public let referenceNow: Date
    /// Said once to the user when the file had to be opened immutable (its folder is not writable).
    public let notice: String?
    let backend: Backend

    /// Where the statements run: SQLite's connection with its guard, or a PostgreSQL session.
    enum Backend: Sendable {
        case sqlite(DatabaseQueue, ReadOnlyGuard)
        case postgres(PostgresReader)
    }

    private init(path: String, asOfRun: Int64?, referenceNow: Date, notice: String?, backend: Backend) {
        self.path = path
        self.asOfRun = asOfRun
        self.referenceNow = referenceNow
        self.notice = notice
        self.backend = backend
    }

    /// Opens the inventory `location` names, as of `asOf` when given (a run number, a time or an age).
    public convenience init(location: StoreLocation, asOf: String? = nil, now: Date = Date()) throws {
        switch location {
        case .sqlite(let path):
            try self.init(path: path, asOf: asOf, now: now)
        case .postgresql(let database):
            let (reader, run) = try PostgresReader.open(database, asOf: asOf, now: now)
            self.init(path: database.description, asOfRun: run?.id, referenceNow: run?.finished ?? now, notice: nil,
                      backend: .postgres(reader))
        }
    }

    /// Opens `path` read-only; `asOf` is a run number, a time or an age (see `TimeExpression`).
    public convenience init(path: String, asOf: String? = nil, now: Date = Date()) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw InventoryError.missing(path: path) }
        guard !isDirectory.boolValue else { throw InventoryError.isDirectory(path: path) }
        let clock = ReferenceClock(now)
        let (queue, notice) = try Self.open(path, clock: clock)
        clock.runStarts = try queue.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, started_at FROM sync_runs")
                .map { ($0["id"] as Int64, $0["started_at"] as String) })
        }
        var asOfRun: Int64?
        var referenceNow = now
        if let asOf {
            let run = try queue.read { db in try Self.resolve(asOf, now: now, in: db) }
            asOfRun = run.id
            referenceNow = run.finished
            clock.set(run.finished)
            try queue.inDatabase { db in try AsOfViews.create(asOf: run.id, in: db) }
        }
        let guardian = ReadOnlyGuard()
        try queue.inDatabase { db in try guardian.install(on: db) }
        self.init(path: path, asOfRun: asOfRun, referenceNow: referenceNow, notice: notice, backend: .sqlite(queue, guardian))
    }

    /// The SQL of `query` this store runs: its PostgreSQL variant on PostgreSQL, when it has one.
    public func sql(of query: NamedQuery) -> String {
        if case .postgres = backend, let variant = query.postgresSQL { return variant }
        return query.sql
    }

    /// The store's connection answering statements said for both stores (`SQLReader`).
    func withReader<T>(_ body: (any SQLReader) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let queue, _): return try queue.inDatabase { db in try body(db) }
        case .postgres(let reader): return try body(PostgresSession(reader.store))
        }
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
            configuration.prepareDatabase { db in
                InventoryFunctions.register(in: db, clock: clock)
                // Reads map the file instead of copying each page through a read(2): queries that visit
                // most of the inventory spend less in the kernel. (Only reads: a sync's memory stays bounded.)
                try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
            }
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

    /// How much of the file reads map: 4 GiB, more than most inventories (SQLite caps it at its build's limit).
    static let mappedBytes: Int64 = 1 << 32

    /// An SQLite URI that opens `path` as a file nothing changes (no locks, no `-shm`).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute
        return "file:\(escaped)?immutable=1"
    }

    /// Runs one read-only statement with named arguments.
    public func execute(_ sql: String, arguments: [String: String] = [:]) throws -> ResultTable {
        switch backend {
        case .postgres(let reader):
            return try reader.table(sql, arguments: arguments)
        case .sqlite(let queue, let guardian):
            return try queue.inDatabase { db in
                let statement = try Self.prepare(sql, arguments: arguments, guardian: guardian, in: db)
                return try Self.reportingSQLErrors {
                    let rows = try Row.fetchAll(statement)
                    return ResultTable(columns: statement.columnNames, rows: rows.map { row in row.databaseValues.map { $0 } })
                }
            }
        }
    }

    /// Runs one read-only statement and hands `body` the result's columns and each row's values as
    /// SQLite steps through them, never holding the whole result; returns the columns (rows or not).
    /// (PostgreSQL's result is read whole first.)
    @discardableResult
    public func scan(
        _ sql: String, arguments: [String: String] = [:], _ body: (_ columns: [String], _ row: [DatabaseValue]) throws -> Void
    ) throws -> [String] {
        switch backend {
        case .postgres(let reader):
            let result = try reader.table(sql, arguments: arguments)
            for row in result.rows { try body(result.columns, row) }
            return result.columns
        case .sqlite(let queue, let guardian):
            return try queue.inDatabase { db in
                let statement = try Self.prepare(sql, arguments: arguments, guardian: guardian, in: db)
                let columns = statement.columnNames
                try Self.reportingSQLErrors {
                    let rows = try Row.fetchCursor(statement)
                    while let row = try rows.next() { try body(columns, Array(row.databaseValues)) }
                }
                return columns
            }
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
        guard format != .table, case .sqlite(let queue, let guardian) = backend else {
            let result = try execute(sql, arguments: arguments)
            if format == .table {
                sink.append(format.render(result, headers: headers, width: width))
                try sink.rowEnded()
                return result.rows.count
            }
            return try ResultWriter(format: format, headers: headers, sink: sink).write(result)
        }
        return try queue.inDatabase { db in
            let statement = try Self.prepare(sql, arguments: arguments, guardian: guardian, in: db)
            return try Self.reportingSQLErrors {
                try ResultWriter(format: format, headers: headers, sink: sink).write(statement)
            }
        }
    }

    /// Compiles, checks and binds a statement.
    private static func prepare(_ sql: String, arguments: [String: String], guardian: ReadOnlyGuard, in db: Database) throws -> Statement {
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
        let last = Int64.fromDatabaseValueOrNil(try execute("SELECT MAX(id) FROM sync_runs").rows.first?.first ?? .null) ?? 0
        guard (1...max(1, last)).contains(run), last > 0 else { throw QueryError.noSuchRun(run, last: last) }
    }

    /// Throws unless the database knows an account called `name`.
    public func requireAccount(_ name: String) throws {
        let known = try execute("SELECT name FROM accounts ORDER BY name").rows.compactMap { $0.first.flatMap(String.fromDatabaseValue) }
        guard known.contains(name) else { throw QueryError.unknownAccount(name, known: known) }
    }

    /// Integers bind as integers and decimals as reals, so comparisons with numeric columns work.
    static func typed(_ text: String) -> any DatabaseValueConvertible {
        if let integer = Int64(text) { return integer }
        if let real = Double(text), text.contains(".") { return real }
        return text
    }

    /// The run an `--as-of` value means: the last sync at or before it; read from either store.
    static func resolve(_ text: String, now: Date, in db: some SQLReader) throws -> (id: Int64, finished: Date) {
        let row: [DatabaseCell]?
        if let run = TimeExpression.run(text) {
            row = try db.rows("SELECT id, COALESCE(finished_at, started_at) AS t FROM sync_runs WHERE id = :run",
                              ["run": .integer(run)]).first
            guard row != nil else {
                let last = try db.rows("SELECT MAX(id) FROM sync_runs", [:]).first?.first?.integer ?? 0
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
            row = try db.rows("""
                SELECT id, COALESCE(finished_at, started_at) AS t FROM sync_runs
                WHERE COALESCE(finished_at, started_at) <= :moment ORDER BY id DESC LIMIT 1
                """, ["moment": .text(TimeExpression.stored(moment.addingTimeInterval(0.0005)))]).first
            guard row != nil else { throw QueryError.beforeFirstSync("\(text) (\(TimeExpression.stored(moment)))") }
        }
        guard let row, let stored = row[1].text, let finished = TimeExpression.date(stored) else { throw QueryError.badTime(text) }
        let id = row[0].integer
        if let kept = try db.rows("SELECT MAX(first_kept_run) FROM prunes", [:]).first?.first, case .integer(let first?) = kept, id < first {
            throw QueryError.pruned(text, run: id, firstKept: first)
        }
        return (id, finished)
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
