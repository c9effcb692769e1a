/// A JSON document built from parts, written with the package's one escaper: for the few
/// outputs that are not a query's rows alone (`check`'s findings). A query's rows inside
/// it are written by `ResultWriter`, as JSON output writes them.
public indirect enum JSONText: Sendable {
    case string(String)
    case integer(Int)
    case array([JSONText])
    /// Members in the order given.
    case object([(key: String, value: JSONText)])
    /// Each row as an object of its cells under their columns' names.
    case rows(ResultTable)

    /// The document on one line.
    public var compact: String {
        switch self {
        case .string(let text): return JSONStringEscapes.quoted(text)
        case .integer(let number): return String(number)
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { JSONStringEscapes.quoted($0.key) + ": " + $0.value.compact }.joined(separator: ", ") + "}"
        case .rows(let result):
            return "[" + result.rows.map { ResultWriter.jsonObject(columns: result.columns, values: $0) }.joined(separator: ", ") + "]"
        }
    }

    /// Documents as JSON output writes rows (an array, one item per line) or as NDJSON (one per line).
    public static func lines(_ items: [JSONText], ndjson: Bool) -> String {
        if ndjson { return items.map { $0.compact + "\n" }.joined() }
        return items.isEmpty ? "[]\n" : "[\n  " + items.map(\.compact).joined(separator: ",\n  ") + "\n]\n"
    }
}
