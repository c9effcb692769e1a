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

    /// A `:name` parameter with its default.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        public var defaultValue: String
        public var meaning: String
    }

    public var name: String
    public var title: String
    public var description: String
    public var parameters: [Parameter]
    public var sql: String
    public var origin: Origin
    /// The file it was read from (bundled queries name their `queries/` file).
    public var path: String

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
        let sql = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !sql.isEmpty else { throw QueryError.badQueryFile(path: path, reason: "there is no SQL after the header") }
        return NamedQuery(name: name, title: fields["title"] ?? name, description: fields["description"] ?? "",
                          parameters: parameters, sql: sql, origin: origin, path: path)
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
