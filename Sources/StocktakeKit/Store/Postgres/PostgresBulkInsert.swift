import GRDB
import PostgresNIO

/// Writes many rows into a PostgreSQL table in multi-row INSERTs (as many rows per statement as
/// its 65,535 parameters allow), never one round trip per row.
struct PostgresBulkInsert {
    /// A column written to: its name and whether PostgreSQL keeps it as text.
    typealias Column = (name: String, isText: Bool)

    /// Parameters per statement, under PostgreSQL's limit of 65,535.
    static let maximumParameters = 60_000

    let table: String
    let columns: [Column]

    /// Inserts `rows` (each one value per column, in order).
    func insert(_ rows: some Collection<[DatabaseValue]>, on connection: PostgresConnection, logger: Logger) async throws {
        let perStatement = max(1, Self.maximumParameters / max(1, columns.count))
        var batch: [[DatabaseValue]] = []
        batch.reserveCapacity(min(rows.count, perStatement))
        for row in rows {
            batch.append(row)
            if batch.count == perStatement {
                try await connection.query(try query(batch), logger: logger)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await connection.query(try query(batch), logger: logger) }
    }

    /// One multi-row INSERT of `rows`, each value bound as its column's type wants it.
    private func query(_ rows: [[DatabaseValue]]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * columns.count)
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        var parameter = 0
        for row in rows {
            var placeholders: [String] = []
            for (value, column) in zip(row, columns) {
                parameter += 1
                placeholders.append("$\(parameter)")
                try Self.bind(value, text: column.isText, into: &bindings)
            }
            tuples.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        let names = columns.map(\.name).joined(separator: ", ")
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(names)) VALUES " + tuples.joined(separator: ", "), binds: bindings)
    }

    /// A SQLite value bound for a PostgreSQL column: text columns get text (SQLite's untyped change
    /// values may be numbers), number columns numbers.
    static func bind(_ value: DatabaseValue, text: Bool, into bindings: inout PostgresBindings) throws {
        switch value.storage {
        case .null: bindings.appendNull()
        case .int64(let number): text ? try bindings.append(String(number)) : try bindings.append(number)
        case .double(let number): text ? try bindings.append(number.description) : try bindings.append(number)
        case .string(let string): try bindings.append(string)
        case .blob(let data): try bindings.append(String(decoding: data, as: UTF8.self))
        }
    }
}
