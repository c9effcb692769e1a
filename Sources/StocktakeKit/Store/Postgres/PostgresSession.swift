import GRDB
import PostgresNIO

/// A PostgreSQL session used synchronously, from a thread of its own (see `BlockingBridge`): the
/// statements said once for both stores, split where they separate them, their `:name` arguments
/// bound as `$1, $2...`.
struct PostgresSession: SQLExecutor {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    init(_ store: PostgresStore) {
        self.init(connection: store.connection, logger: store.logger)
    }

    /// Runs one or more statements (separated by `;` and a line break).
    func execute(_ sql: String, _ arguments: [String: DatabaseCell]) throws {
        for statement in Self.statements(sql) {
            let query = try Self.positional(statement, arguments)
            try BlockingBridge.wait { [connection, logger] in
                try await connection.query(query, logger: logger)
                return ()
            }
        }
    }

    /// Runs `sql` as one statement, as it is (no arguments, no splitting): a `DO` block.
    func executeWhole(_ sql: String) throws {
        let query = PostgresQuery(unsafeSQL: sql)
        try BlockingBridge.wait { [connection, logger] in
            try await connection.query(query, logger: logger)
            return ()
        }
    }

    func rows(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> [[DatabaseCell]] {
        let query = try Self.positional(sql, arguments)
        return try BlockingBridge.wait { [connection, logger] in
            var rows: [[DatabaseCell]] = []
            for try await row in try await connection.query(query, logger: logger) {
                rows.append(try row.map(Self.cell))
            }
            return rows
        }
    }

    /// A cell as the shared statements read it: integers and yes/no as integers, anything else as text.
    private static func cell(_ cell: PostgresCell) throws -> DatabaseCell {
        guard cell.bytes != nil else { return .text(nil) }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .text(String(try cell.decode(Double.self)))
        default: return .text(try cell.decode(String.self))
        }
    }

    /// The statements of `sql`, split where a `;` ends a line.
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
    }

    /// `sql` with each `:name` outside quotes replaced by `$n` (one number per name), and the values
    /// bound (those in `reals` as double precision).
    static func positional(_ sql: String, _ arguments: [String: DatabaseCell], reals: [String: Double] = [:]) throws -> PostgresQuery {
        var numbers: [String: Int] = [:]
        var bindings = PostgresBindings()
        let text = try substitutingParameters(in: sql) { name in
            guard let value = arguments[name] else { throw PostgresSessionError.missingArgument(name) }
            if numbers[name] == nil {
                numbers[name] = numbers.count + 1
                if let real = reals[name] {
                    try bindings.append(real)
                } else {
                    switch value {
                    case .text(let string?): try bindings.append(string)
                    case .integer(let number?): try bindings.append(number)
                    case .text(nil), .integer(nil): bindings.appendNull()
                    }
                }
            }
            return "$\(numbers[name] ?? 0)"
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    /// `sql` with each `:name` outside quotes replaced by its value as a SQL literal (text quoted,
    /// its quotes doubled), for statements sent together in one block.
    static func inlined(_ sql: String, _ arguments: [String: DatabaseCell]) throws -> String {
        try substitutingParameters(in: sql) { name in
            switch arguments[name] {
            case .text(let string?): return "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
            case .integer(let number?): return String(number)
            case .text(nil), .integer(nil): return "NULL"
            case nil: throw PostgresSessionError.missingArgument(name)
            }
        }
    }

    /// `sql` with each `:name` outside quoted text, quoted names and `--` comments replaced by what
    /// `replacement` says for the name (`::` casts are left alone).
    private static func substitutingParameters(in sql: String, _ replacement: (String) throws -> String) throws -> String {
        var text = ""
        var quote: Character?
        var inComment = false
        var characters = Array(sql)[...]
        while let character = characters.popFirst() {
            if inComment {
                if character == "\n" { inComment = false }
            } else if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "-", characters.first == "-" {
                inComment = true
            }
            guard quote == nil, !inComment, character == ":", let next = characters.first, next == "_" || next.isLetter,
                  text.last != ":" else {
                text.append(character)
                continue
            }
            let name = String(characters.prefix { $0 == "_" || $0.isLetter || $0.isNumber })
            characters = characters.dropFirst(name.count)
            text += try replacement(name)
        }
        return text
    }
}

/// A statement said for both stores that cannot be sent: a bug, not a state of the database.
enum PostgresSessionError: Error, CustomStringConvertible {
    case missingArgument(String)

    var description: String {
        switch self {
        case .missingArgument(let name): return "internal error: the statement names :\(name), which no argument gives"
        }
    }
}
