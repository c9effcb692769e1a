/// One stored column of a row type: its name, its SQLite type and how a row gives its cell. A row
/// type's columns are one list of these, and its table's columns are read from that list, so a
/// row's cells cannot drift from its table's columns.
struct RowColumn<Row>: Sendable {
    let name: String
    let type: ColumnType
    let cell: @Sendable (Row) -> DatabaseCell

    static func text(_ name: String, _ value: @escaping @Sendable (Row) -> String?) -> RowColumn {
        RowColumn(name: name, type: .text) { .text(value($0)) }
    }

    static func integer(_ name: String, _ value: @escaping @Sendable (Row) -> Int64?) -> RowColumn {
        RowColumn(name: name, type: .integer) { .integer(value($0)) }
    }

    /// A yes/no stored as 1 or 0 (NULL when the provider does not say).
    static func flag(_ name: String, _ value: @escaping @Sendable (Row) -> Bool?) -> RowColumn {
        RowColumn(name: name, type: .integer) { .integer(value($0).map { $0 ? 1 : 0 }) }
    }

    var declaration: ColumnDeclaration { ColumnDeclaration(name: name, type: type) }
}

/// A column's SQLite type.
enum ColumnType: String, Sendable {
    case text = "TEXT"
    case integer = "INTEGER"
}

/// A column as a table declares it: its name and SQLite type.
struct ColumnDeclaration: Sendable, Equatable {
    let name: String
    let type: ColumnType
}

extension Array {
    /// The cells of `row`, in the columns' order.
    func cells<Row>(of row: Row) -> [DatabaseCell] where Element == RowColumn<Row> {
        map { $0.cell(row) }
    }
}
