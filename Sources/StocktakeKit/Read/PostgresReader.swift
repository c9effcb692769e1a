import Foundation
import GRDB
import PostgresNIO

/// A PostgreSQL inventory opened for reading only, optionally as of a past run: the reading side
/// of `ReadOnlyInventory` on the shared store.
///
/// PostgreSQL itself enforces that nothing is written: once the as-of views are made, the session
/// is `default_transaction_read_only`, so every statement runs in a read-only transaction and one
/// that would write fails (and is reported as SQLite's refusal is). As of run k, the tables are
/// shadowed by TEMP views over their history twins, as on SQLite (PostgreSQL looks in `pg_temp`
/// first). `stocktake_now()`, `stocktake_time(...)` and `stocktake_seconds(...)` of a parameter or a
/// literal are worked out here, by the same code as on SQLite, and bound as values.
final class PostgresReader: Sendable {
    let store: PostgresStore
    let clock: ReferenceClock

    private init(store: PostgresStore, clock: ReferenceClock) {
        self.store = store
        self.clock = clock
    }

    /// Connects, checks the schema, and sets the session up as of `asOf` (a run, a time or an age).
    static func open(_ location: PostgresLocation, asOf: String?, now: Date) throws -> (reader: PostgresReader, asOf: (id: Int64, finished: Date)?) {
        let environment = ProcessInfo.processInfo.environment
        let store = try BlockingBridge.wait { try await PostgresStore.connect(location, environment: environment, home: NSHomeDirectory()) }
        do {
            let session = PostgresSession(store)
            try checkSchema(session, location: location)
            try session.execute("SET TimeZone = 'UTC'", [:])
            let clock = ReferenceClock(now)
            for row in try session.rows("SELECT id, started_at FROM sync_runs", [:]) {
                clock.runStarts[row[0].integer] = row[1].text
            }
            var run: (id: Int64, finished: Date)?
            if let asOf {
                let resolved = try ReadOnlyInventory.resolve(asOf, now: now, in: session)
                clock.set(resolved.finished)
                try session.execute(try asOfViews(resolved.id, session: session).joined(separator: ";\n"), [:])
                run = resolved
            }
            try session.execute("SET default_transaction_read_only = on", [:])
            return (PostgresReader(store: store, clock: clock), run)
        } catch {
            _ = try? BlockingBridge.wait { try await store.close() }
            throw error
        }
    }

    /// Refuses a database that holds no inventory, or one of another version than this build's.
    private static func checkSchema(_ session: PostgresSession, location: PostgresLocation) throws {
        let exists = try session.rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'stocktake_migrations'", [:])
        guard exists.first?.first?.integer == 1 else { throw InventoryError.notAnInventory(path: location.description) }
        let applied = Set(try session.rows("SELECT name FROM stocktake_migrations", [:]).compactMap { $0.first?.text })
        let known = Set(PostgresMigrations.all.map(\.name))
        if !applied.subtracting(known).isEmpty { throw InventoryError.newerSchema(path: location.description) }
        if !known.subtracting(applied).isEmpty { throw InventoryError.olderSchema(path: location.description) }
    }

    /// The as-of views of run `run`: the versioned and run-bounded tables, then the `current_*` views over them.
    private static func asOfViews(_ run: Int64, session: PostgresSession) throws -> [String] {
        let columns = try session.rows("""
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
            """, [:])
        var byTable: [String: [(name: String, type: String?)]] = [:]
        for row in columns {
            byTable[row[0].text ?? "", default: []].append((row[1].text ?? "", row[2].text))
        }
        let tables = byTable.keys.sorted().filter { byTable[$0 + "_history"] != nil }.map { table in
            (name: table, columns: byTable[table] ?? [], kept: Set((byTable[table + "_history"] ?? []).map(\.name)))
        }
        return AsOfViews.statements(asOf: run, tables: tables, stored: "public")
            + CurrentViews.definitions.map { "CREATE TEMP VIEW \($0.name) AS \($0.select)" }
    }

    /// Runs one read-only statement with named arguments (typed as `ReadOnlyInventory.typed` says).
    func table(_ sql: String, arguments: [String: String]) throws -> ResultTable {
        var values: [String: DatabaseValue] = [:]
        for (name, text) in arguments { values[name] = ReadOnlyInventory.typed(text).databaseValue }
        let (rewritten, functions) = try functionValues(in: sql, arguments: values)
        values.merge(functions) { $1 }
        let query = try Self.positional(rewritten, values)
        do {
            return try BlockingBridge.wait { [store] in
                let rows = try await store.connection.query(query, logger: store.logger)
                var result = ResultTable(columns: rows.columns.map(\.name), rows: [])
                for try await row in rows { result.rows.append(try row.map(Self.value)) }
                return result
            }
        } catch let error as PSQLError {
            throw Self.queryError(error)
        }
    }

    /// Closes the session when the inventory is let go (a connection must be closed before it goes).
    deinit {
        _ = try? BlockingBridge.wait { [store] in try await store.close() }
    }

    /// The statement with each `stocktake_now()`, and each `stocktake_time(...)` and
    /// `stocktake_seconds(...)` of a parameter or a quoted literal, replaced by a parameter of its value.
    private func functionValues(in sql: String, arguments: [String: DatabaseValue]) throws -> (String, [String: DatabaseValue]) {
        var values: [String: DatabaseValue] = ["stocktake_now_value": TimeExpression.stored(clock.now).databaseValue]
        var text = sql.replacing(/stocktake_now\(\s*\)/.ignoresCase()) { _ in ":stocktake_now_value" }
        var failure: (any Error)?
        text = text.replacing(/stocktake_(time|seconds)\(\s*(?::(\w+)|'([^']*)')\s*\)/.ignoresCase()) { match in
            let given: String? = match.output.2.map { name in
                arguments[String(name)].flatMap { String.fromDatabaseValue($0) ?? Int64.fromDatabaseValue($0).map(String.init)
                    ?? Double.fromDatabaseValue($0).map { String($0) } }
            } ?? match.output.3.map(String.init)
            let name = "stocktake_value_\(values.count)"
            do {
                if let given {
                    values[name] = match.output.1.lowercased() == "time"
                        ? try InventoryFunctions.time(given, clock: clock).databaseValue
                        : try InventoryFunctions.seconds(given).databaseValue
                } else {
                    values[name] = .null
                }
            } catch {
                failure = failure ?? error
            }
            return ":\(name)"
        }
        if let failure { throw failure }
        return (text, values)
    }

    /// A value as SQLite would give it: integers, reals, text; yes/no as 1 or 0.
    private static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
        case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .float4, .float8: return try cell.decode(Double.self).databaseValue
        case .numeric:
            // SUM and AVG of integers: a whole number as an integer, as SQLite gives it.
            let number = NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue
            if number == number.rounded(.towardZero), abs(number) < 9.0e15 { return Int64(number).databaseValue }
            return number.databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }

    /// A failed statement as `ReadOnlyInventory` reports it: a write refused, or the SQL's own error.
    static func queryError(_ error: PSQLError) -> QueryError {
        let message = error.serverInfo?[.message] ?? PostgresStore.describe(error)
        if error.serverInfo?[.sqlState] == "25006" {
            return .notReadOnly("the statement would write (\(message))")
        }
        return .badSQL(message)
    }

    /// `sql` with each `:name` outside quotes replaced by `$n`, and the values bound.
    static func positional(_ sql: String, _ arguments: [String: DatabaseValue]) throws -> PostgresQuery {
        var cells: [String: DatabaseCell] = [:]
        var reals: [String: Double] = [:]
        for (name, value) in arguments {
            switch value.storage {
            case .null: cells[name] = .text(nil)
            case .int64(let number): cells[name] = .integer(number)
            case .double(let number): reals[name] = number; cells[name] = .text(String(number))
            case .string(let text): cells[name] = .text(text)
            case .blob(let data): cells[name] = .text(String(decoding: data, as: UTF8.self))
            }
        }
        do {
            return try PostgresSession.positional(sql, cells, reals: reals)
        } catch let error as PostgresSessionError {
            throw QueryError.badSQL(error.description)
        }
    }
}
