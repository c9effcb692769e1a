/// A JSON document built from parts, written with the package's one escaper: for the outputs
/// that are not a query's rows alone (`check`'s findings, the report). A query's rows inside
/// it are written by `ResultWriter`, as JSON output writes them.
public indirect enum JSONText: Sendable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONText])
    /// Members in the order given.
    case object([(key: String, value: JSONText)])
    /// Each row as an object of its cells under their columns' names.
    case rows(ResultTable)

    /// An optional value, or null.
    public static func optional<Value>(_ value: Value?, _ wrap: (Value) -> JSONText) -> JSONText {
        value.map(wrap) ?? .null
    }

    /// The document on one line.
    public var compact: String {
        switch self {
        case .string(let text): return JSONStringEscapes.quoted(text)
        case .integer(let number): return String(number)
        case .number(let number): return number.isFinite ? number.description : "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.compact).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { JSONStringEscapes.quoted($0.key) + ": " + $0.value.compact }.joined(separator: ", ") + "}"
        case .rows(let result):
            return "[" + result.rows.map { ResultWriter.jsonObject(columns: result.columns, values: $0) }.joined(separator: ", ") + "]"
        }
    }

    /// The document indented by two spaces a level, ending in a newline.
    public var pretty: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + JSONStringEscapes.quoted(member.key) + ": "
                member.value.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .rows(let result) where !result.rows.isEmpty:
            out += "[\n" + result.rows.map { inner + ResultWriter.jsonObject(columns: result.columns, values: $0) }
                .joined(separator: ",\n") + "\n" + indent + "]"
        case .string, .integer, .number, .bool, .null, .array, .object, .rows:
            out += compact
        }
    }

    /// Documents as JSON output writes rows (an array, one item per line) or as NDJSON (one per line).
    public static func lines(_ items: [JSONText], ndjson: Bool) -> String {
        if ndjson { return items.map { $0.compact + "\n" }.joined() }
        return items.isEmpty ? "[]\n" : "[\n  " + items.map(\.compact).joined(separator: ",\n  ") + "\n]\n"
    }
}
