/// A JSON value whose object keys keep the order they were written in.
///
/// The simulator builds every response from these values so that the same fleet
/// always serializes to the same bytes. `volatileCounter` marks an integer that
/// changes on every read (traffic counters): the encoder leaves a gap there that
/// is filled in when a response is served.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number written as this decimal text (`0.0735`), as price lists write them.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An integer that grows with every read: `base + readSequence * step`.
    case volatileCounter(base: UInt64, step: UInt64)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.volatileCounter(a1, a2), .volatileCounter(b1, b2)): return a1 == b1 && a2 == b2
        default: return false
        }
    }

    /// `.string(value)` or `.null` when the value is nil.
    static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// `.int(value)` or `.null` when the value is nil.
    static func optional(_ value: Int?) -> JSONValue {
        value.map { .int(Int64($0)) } ?? .null
    }

    /// A CloudSigma style reference: `{"resource_uri": ..., "uuid": ...}`.
    static func reference(_ collection: String, _ uuid: String) -> JSONValue {
        .object([("resource_uri", .string("/api/2.0/\(collection)/\(uuid)/")), ("uuid", .string(uuid))])
    }
}
