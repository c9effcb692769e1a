import Foundation
import GRDB

/// The inventory opened for reading only, optionally as of a past sync run.
///
/// The file is opened read-only, and every statement is checked before it
/// runs: anything that writes (even to TEMP), `ATTACH`, `DETACH`, `VACUUM` and
/// `PRAGMA x = y` are refused. As of run k, the current tables are shadowed
/// by TEMP views over their history twins, so the same SQL sees the past.
public final class ReadOnlyInventory: Sendable {
    public let path: String
    /// The run the inventory is seen as of; nil for now.
    public let asOfRun: Int64?
    /// "Now" for relative times: the wall clock, or the as-of run's end.
    public let referenceNow: Date
    let queue: DatabaseQueue

    /// Opens `path` read-only; `asOf` is a run number, a time or an age (see `TimeExpression`).
    public init(path: String, asOf: String? = nil, now: Date = Date()) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw InventoryError.missing(path: path) }
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let clock = ReferenceClock(now)
        configuration.prepareDatabase { db in
            InventoryFunctions.register(in: db, clock: clock)
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let hasSchema = try queue.read { try $0.tableExists("sync_runs") }
            guard hasSchema else { throw InventoryError.notAnInventory(path: path) }
            clock.runStarts = try queue.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, started_at FROM sync_runs")
                    .map { ($0["id"] as Int64, $0["started_at"] as String) })
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw InventoryError.notAnInventory(path: path)
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
    }

    /// Runs one read-only statement with named arguments.
    public func execute(_ sql: String, arguments: [String: String] = [:]) throws -> ResultTable {
        try queue.inDatabase { db in
            let statement = try Self.prepare(sql, arguments: arguments, in: db)
            return try Self.reportingSQLErrors {
                let rows = try Row.fetchAll(statement)
                return ResultTable(columns: statement.columnNames, rows: rows.map { row in row.databaseValues.map { $0 } })
            }
        }
    }

    /// Runs one read-only statement and writes its rows to `sink` as SQLite
    /// steps through them; returns how many. The table format needs every row
    /// for its column widths, so it is rendered from the whole result.
    @discardableResult
    public func stream(
        _ sql: String, arguments: [String: String] = [:], format: ResultFormat, headers: Bool = true, to sink: OutputSink
    ) throws -> Int {
        if format == .table {
            let result = try execute(sql, arguments: arguments)
            sink.append(format.render(result, headers: headers))
            try sink.rowEnded()
            return result.rows.count
        }
        return try queue.inDatabase { db in
            let statement = try Self.prepare(sql, arguments: arguments, in: db)
            return try Self.reportingSQLErrors {
                try ResultStreamWriter(format: format, headers: headers, sink: sink).write(statement)
            }
        }
    }

    /// Compiles, checks and binds a statement.
    private static func prepare(_ sql: String, arguments: [String: String], in db: Database) throws -> Statement {
        let statement: Statement
        do {
            statement = try db.makeStatement(sql: sql)
        } catch let error as DatabaseError {
            throw QueryError.badSQL(error.message ?? "\(error.resultCode)")
        }
        try check(statement)
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for (name, text) in arguments { values[name] = typed(text) }
        try reportingSQLErrors { try statement.setArguments(StatementArguments(values)) }
        return statement
    }

    private static func reportingSQLErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw QueryError.badSQL(error.message ?? "\(error.resultCode)")
        }
    }

    /// Refuses statements that write or reach outside the file.
    static func check(_ statement: Statement) throws {
        let words = statement.sql.uppercased().split(whereSeparator: { !$0.isLetter && $0 != "_" })
        let first = words.first.map(String.init) ?? ""
        if ["ATTACH", "DETACH", "VACUUM"].contains(first) {
            throw QueryError.notReadOnly("\(first) is not allowed")
        }
        if first == "PRAGMA", statement.sql.contains("=") {
            throw QueryError.notReadOnly("a PRAGMA that sets a value")
        }
        guard statement.isReadonly else {
            throw QueryError.notReadOnly("the statement would write (\(first))")
        }
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
                    throw QueryError.badTime("run \(run) does not exist (runs go from 1 to \(last)); '\(text)'")
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
            return (row["id"], finished)
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
