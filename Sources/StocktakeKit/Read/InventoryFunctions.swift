import Foundation
import GRDB

/// SQL functions the named queries use for times typed by people:
///
/// - `stocktake_now()`: the reference time (now, or the end of the as-of run), stored form.
/// - `stocktake_time(x)`: an age (`3d`), a run number (`#3`: when it started) or a date, as a stored time.
/// - `stocktake_seconds(x)`: an age (`90m`) or a number of seconds, in seconds.
enum InventoryFunctions {
    static func register(in db: Database, clock: ReferenceClock) {
        db.add(function: DatabaseFunction("stocktake_now", argumentCount: 0, pure: false) { _ in
            TimeExpression.stored(clock.now)
        })
        db.add(function: DatabaseFunction("stocktake_seconds", argumentCount: 1, pure: true) { values in
            guard let text = String.fromDatabaseValue(values[0]) ?? Int64.fromDatabaseValue(values[0]).map(String.init)
            else { return nil }
            guard let seconds = TimeExpression.age(text) ?? Double(text) else {
                throw QueryError.badAge(text)
            }
            return seconds
        })
        db.add(function: DatabaseFunction("stocktake_time", argumentCount: 1, pure: false) { values in
            guard let text = String.fromDatabaseValue(values[0]) ?? Int64.fromDatabaseValue(values[0]).map(String.init)
            else { return nil }
            if let run = TimeExpression.run(text) {
                return clock.runStarts[run] ?? "9999-12-31T23:59:59.999Z"
            }
            if let age = TimeExpression.age(text) { return TimeExpression.stored(clock.now.addingTimeInterval(-age)) }
            if let date = TimeExpression.date(text) { return TimeExpression.stored(date) }
            throw QueryError.badTime(text)
        })
    }
}
