import Foundation
import GRDB

/// SQL functions the named queries use for times typed by people:
///
/// - `stocktake_now()`: the reference time (now, or the end of the as-of run), stored form.
/// - `stocktake_time(x)`: an age (`3d`), a run number (`#3`: when it started) or a date, as a stored time.
/// - `stocktake_seconds(x)`: an age (`90m`) or a number of seconds, in seconds.
///
/// SQLite calls them as functions; on PostgreSQL the reader puts their values in as arguments
/// (`PostgresReader`). Both get them from the same code here.
///
/// They are registered as pure: the reference clock (now, and when each run started) is fixed when
/// the inventory is opened, so a call's value depends on its argument alone. SQLite then works a
/// call out once per statement instead of once per row, and can seek an index with it
/// (`changed_at >= stocktake_time(:since)` read every change, calling the function for each).
enum InventoryFunctions {
    static func register(in db: Database, clock: ReferenceClock) {
        db.add(function: DatabaseFunction("stocktake_now", argumentCount: 0, pure: true) { _ in
            TimeExpression.stored(clock.now)
        })
        db.add(function: DatabaseFunction("stocktake_seconds", argumentCount: 1, pure: true) { values in
            try text(values[0]).map(seconds)
        })
        db.add(function: DatabaseFunction("stocktake_time", argumentCount: 1, pure: true) { values in
            try text(values[0]).map { try time($0, clock: clock) }
        })
    }

    /// A value passed to the functions, as text (numbers written out); nil for NULL.
    private static func text(_ value: DatabaseValue) -> String? {
        String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init)
    }

    /// `stocktake_seconds(text)`: an age or a number of seconds, in seconds.
    static func seconds(_ text: String) throws -> Double {
        guard let seconds = TimeExpression.age(text) ?? Double(text) else { throw QueryError.badAge(text) }
        return seconds
    }

    /// `stocktake_time(text)`: the stored time an age, a run number or a date means.
    static func time(_ text: String, clock: ReferenceClock) throws -> String {
        if let run = TimeExpression.run(text) {
            return clock.runStarts[run] ?? "9999-12-31T23:59:59.999Z"
        }
        if let age = TimeExpression.age(text) { return TimeExpression.stored(clock.now.addingTimeInterval(-age)) }
        if let date = TimeExpression.date(text) { return TimeExpression.stored(date) }
        throw QueryError.badTime(text)
    }
}
