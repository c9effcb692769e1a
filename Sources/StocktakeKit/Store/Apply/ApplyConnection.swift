import GRDB

/// A connection to either store that answers statements said once in SQL both accept, with
/// `:name` arguments: what the sync's bookkeeping (scope status, change summaries) reads.
protocol SQLReader {
    /// The rows of one statement, each its cells in column order (a yes/no is an integer 1 or 0).
    func rows(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> [[DatabaseCell]]
}

/// A connection to either store that also writes, with statements said once (the pruner's).
protocol SQLExecutor: SQLReader {
    /// Runs one or more statements (separated by `;` and a line break) with `:name` arguments.
    func execute(_ sql: String, _ arguments: [String: DatabaseCell]) throws
}

/// Where a scope is applied: the store of record's writing connection, inside the transaction of
/// the scope. `ScopeApplier` says the SQL once; each store runs it in its dialect.
protocol ApplyConnection: SQLExecutor {
    /// How the store spells the few things the two dialects do not share.
    var dialect: SQLDialect { get }
    /// Writes the `raw.KEY` changes of the updated rows that changed nothing else (see
    /// `ScopeApplier.rawDifferences`), comparing `raw` as SQLite's JSON functions read it.
    func writeRawChanges(_ applier: ScopeApplier) throws
}

/// The spellings SQLite and PostgreSQL do not share, as far as applying a scope needs them.
struct SQLDialect: Sendable, Equatable {
    /// The schema of the connection's temporary tables: `temp` or `pg_temp`.
    let temporary: String
    /// The schema the scope's staged rows are read from: the attached stage file, or `pg_temp`.
    let staged: String
    /// SQLite's `CROSS JOIN` fixes the join order its planner otherwise gets wrong; PostgreSQL has no `CROSS JOIN ... ON`.
    let orderedJoin: String
    /// Whether a column's value goes into the change log's untyped values as it is (SQLite) or as text.
    let changeValuesAreText: Bool

    static let sqlite = SQLDialect(temporary: "temp", staged: ScopeStaging.schema, orderedJoin: "CROSS JOIN",
                                   changeValuesAreText: false)
    static let postgres = SQLDialect(temporary: "pg_temp", staged: "pg_temp", orderedJoin: "JOIN",
                                     changeValuesAreText: true)

    /// `expression` as the change log's `old_value` / `new_value` stores it.
    func changeValue(_ expression: String) -> String {
        changeValuesAreText ? "CAST(\(expression) AS text)" : expression
    }
}

extension Database: ApplyConnection {
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [String: DatabaseCell]) throws {
        try execute(sql: sql, arguments: Self.named(arguments))
    }

    func rows(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> [[DatabaseCell]] {
        try Row.fetchAll(self, sql: sql, arguments: Self.named(arguments)).map { row in
            row.databaseValues.map(DatabaseCell.init)
        }
    }

    func writeRawChanges(_ applier: ScopeApplier) throws {
        try execute(applier.rawChangesSQL, applier.arguments)
    }

    private static func named(_ arguments: [String: DatabaseCell]) -> StatementArguments {
        StatementArguments(arguments.mapValues(\.databaseValue))
    }
}

extension DatabaseCell {
    /// A SQLite value read back: integers as integers, anything else as text.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .text(nil)
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .text(number.description)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }

    /// The integer this cell holds (0 when it holds none).
    var integer: Int64 {
        if case .integer(let value?) = self { return value }
        if case .text(let text?) = self { return Int64(text) ?? 0 }
        return 0
    }

    /// The text this cell holds (an integer written out; nil for NULL).
    var text: String? {
        switch self {
        case .text(let value): return value
        case .integer(let value): return value.map(String.init)
        }
    }
}
