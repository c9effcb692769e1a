import Foundation

/// A named query: one `.sql` file whose header of `--` lines gives its name,
/// title, description and parameters.
///
/// ```sql
/// -- name: largest-drives
/// -- title: The largest drives and volumes
/// -- description: Drives and volumes by size, largest first.
/// -- param limit 20: how many drives to list
/// SELECT ... LIMIT :limit;
/// ```
public struct NamedQuery: Sendable, Equatable {
    /// Where a query comes from.
    public enum Origin: String, Sendable {
        case bundled, user
    }

    /// A `:name` parameter with its default. What it accepts follows from the
    /// default: a whole number takes whole numbers; a time, age or run takes any of those.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var defaultValue: String
        public var meaning: String

        /// What values are accepted, in words; nil when any text is.
        public var accepted: String? {
            if Int64(defaultValue) != nil { return "a whole number" }
            if Self.isTimeLike(defaultValue) {
                return "a run (#3), a date or time (2026-11-01, 2026-11-01T09:00:00Z), \(TimeExpression.ageForms) or a number of seconds"
            }
            return nil
        }

        /// True when `value` is one this parameter accepts.
        public func accepts(_ value: String) -> Bool {
            if Int64(defaultValue) != nil { return Int64(value.trimmingCharacters(in: .whitespaces)) != nil }
            if Self.isTimeLike(defaultValue) { return Self.isTimeLike(value) || Double(value) != nil }
            return true
        }

        /// True when the parameter takes a time, age or run (its default is one, and not a whole number:
        /// `limit 20` or `days 90` is a count, never run 20 or 90).
        public var takesTime: Bool { Int64(defaultValue) == nil && Self.isTimeLike(defaultValue) }

        static func isTimeLike(_ text: String) -> Bool {
            TimeExpression.age(text) != nil || TimeExpression.run(text) != nil || TimeExpression.date(text) != nil
        }
    }

    /// The arguments to run the query with: the defaults, overridden by `given` (name, value)
    /// pairs, each checked against what its parameter accepts; a later pair of a name wins.
    public func arguments(_ given: [(name: String, value: String)] = []) throws -> [String: String] {
        var arguments = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) })
        for (key, value) in given {
            guard let parameter = parameters.first(where: { $0.name == key }) else {
                throw QueryError.unknownParameter(query: name, parameter: key, known: parameters.map(\.name))
            }
            guard parameter.accepts(value) else {
                throw QueryError.badParameterValue(query: name, parameter: key, value: value, accepted: parameter.accepted ?? "accepted")
            }
            arguments[key] = value
        }
        return arguments
    }

    /// The runs that time parameters name among `arguments` (`#3`, or a bare number): a query
    /// answers nothing about a run that does not exist, so the caller refuses them, as `changes --since` does.
    public func runs(in arguments: [String: String]) -> [Int64] {
        parameters.filter(\.takesTime).compactMap { arguments[$0.name].flatMap(TimeExpression.run) }
    }

    public var name: String
    public var title: String
    public var description: String
    public var parameters: [Parameter]
    /// The SQL, as SQLite runs it (and PostgreSQL too, when the file has no variant for it).
    public var sql: String
    /// The PostgreSQL variant, from the line `-- postgresql:` on, when the file has one.
    public var postgresSQL: String?
    public var origin: Origin
    /// The file it was read from (bundled queries name their `queries/` file).
    public var path: String

    /// The line that starts a file's PostgreSQL variant.
    public static let postgresMarker = "-- postgresql:"

    /// Parses a query file; the error says which header line is wrong.
    public static func parse(_ text: String, path: String, origin: Origin) throws -> NamedQuery {
        var fields: [String: String] = [:]
        var parameters: [Parameter] = []
        var body: [Substring] = []
        var inHeader = true
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard inHeader, trimmed.hasPrefix("--") else {
                if !trimmed.isEmpty { inHeader = false }
                body.append(line)
                continue
            }
            let content = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
            if content.hasPrefix("param ") {
                parameters.append(try parameter(content, path: path, line: index + 1))
            } else if let colon = content.firstIndex(of: ":") {
                fields[String(content[..<colon])] = content[content.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        guard let name = fields["name"], !name.isEmpty else {
            throw QueryError.badQueryFile(path: path, reason: "the header has no `-- name:` line")
        }
        // A line `-- postgresql:` starts the PostgreSQL variant, for what the two dialects cannot say alike.
        let marker = body.firstIndex { $0.trimmingCharacters(in: .whitespaces) == Self.postgresMarker }
        // `stocktake_costs_at(:since)` stands for the monthly cost of every resource as of a run (`CostRules`).
        let sql = CostRules.expand(body[..<(marker ?? body.endIndex)].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
        guard !sql.isEmpty else { throw QueryError.badQueryFile(path: path, reason: "there is no SQL after the header") }
        let postgres = marker.map { CostRules.expand(body[body.index(after: $0)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)) }
        if postgres?.isEmpty == true {
            throw QueryError.badQueryFile(path: path, reason: "there is no SQL after `\(Self.postgresMarker)`")
        }
        return NamedQuery(name: name, title: fields["title"] ?? name, description: fields["description"] ?? "",
                          parameters: parameters, sql: sql, postgresSQL: postgres, origin: origin, path: path)
    }

    /// `param NAME DEFAULT: meaning`.
    private static func parameter(_ content: String, path: String, line: Int) throws -> Parameter {
        let rest = content.dropFirst("param ".count)
        guard let colon = rest.firstIndex(of: ":") else {
            throw QueryError.badQueryFile(path: path, reason: "line \(line): write `-- param NAME DEFAULT: what it means`")
        }
        let words = rest[..<colon].split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first else {
            throw QueryError.badQueryFile(path: path, reason: "line \(line): the parameter has no name")
        }
        return Parameter(name: name, defaultValue: words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : "",
                         meaning: rest[rest.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }
}
