import Foundation
import GRDB
import StocktakeKit

/// The second limit a sync cannot beat: inserting the same normalized rows
/// into SQLite in one transaction with prepared statements, and nothing else.
enum WriteLimit {
    static let tables = ["servers", "drives", "server_drives", "server_nics", "tags"]

    /// Reads the current rows of a synced database, then times writing them into a fresh one.
    static func measure(from synced: String, scratch: String) throws -> (seconds: Double, rows: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        let source = try DatabaseQueue(path: synced, configuration: configuration)
        var data: [(table: String, columns: [String], rows: [[DatabaseValue]])] = []
        try source.read { db in
            for table in tables {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table)")
                let columns = rows.first.map { Array($0.columnNames) } ?? []
                data.append((table, columns, rows.map { Array($0.databaseValues) }))
            }
        }
        for suffix in ["", "-wal", "-shm"] { unlink(scratch + suffix) }
        _ = try InventoryDatabase(path: scratch)
        var unchecked = Configuration()
        unchecked.foreignKeysEnabled = false
        let target = try DatabaseQueue(path: scratch, configuration: unchecked)
        let started = ContinuousClock.now
        try target.write { db in
            for table in data where !table.columns.isEmpty {
                let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                let statement = try db.makeStatement(sql: "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))")
                for row in table.rows {
                    try statement.execute(arguments: StatementArguments(row))
                }
            }
        }
        return ((ContinuousClock.now - started).seconds, data.reduce(0) { $0 + $1.rows.count })
    }
}
