import GRDB

/// The columns and rows a query returned, with SQLite's own types.
public struct ResultTable: Sendable {
    public var columns: [String]
    public var rows: [[DatabaseValue]]

    public init(columns: [String], rows: [[DatabaseValue]]) {
        self.columns = columns
        self.rows = rows
    }

    /// A table of text cells; nil is NULL.
    public init(columns: [String], text: [[String?]]) {
        self.columns = columns
        self.rows = text.map { row in row.map { $0.map { DatabaseValue(value: $0) ?? .null } ?? .null } }
    }
}

extension Int64 {
    /// The integer in a database value, or nil.
    static func fromDatabaseValueOrNil(_ value: DatabaseValue) -> Int64? {
        if case .int64(let number) = value.storage { return number }
        return nil
    }
}
