import Foundation

/// A JSON object from a provider, read leniently: a missing field, a `null`
/// where an object was expected, a number where a string was expected (or
/// back) all give a usable value or nil, never an error.
struct WireObject: @unchecked Sendable {
    // @unchecked: the dictionary holds only JSONSerialization's immutable value types.
    let fields: [String: Any]

    init(_ fields: [String: Any]) {
        self.fields = fields
    }

    init?(_ value: Any?) {
        guard let fields = value as? [String: Any] else { return nil }
        self.fields = fields
    }

    func string(_ key: String) -> String? {
        Self.string(fields[key])
    }

    func int(_ key: String) -> Int64? {
        Self.int(fields[key])
    }

    func bool(_ key: String) -> Bool? {
        switch fields[key] {
        case let value as NSNumber: return value.intValue != 0
        case let value as String: return ["true", "1", "yes"].contains(value.lowercased())
        default: return nil
        }
    }

    func object(_ key: String) -> WireObject? {
        WireObject(fields[key])
    }

    func objects(_ key: String) -> [WireObject] {
        (fields[key] as? [Any] ?? []).compactMap(WireObject.init)
    }

    func array(_ key: String) -> [Any] {
        fields[key] as? [Any] ?? []
    }

    /// A reference that may be an object with `uuid`/`id`, a bare id, or a resource URI.
    func reference(_ key: String) -> String? {
        Self.reference(fields[key])
    }

    static func reference(_ value: Any?) -> String? {
        if let object = value as? [String: Any] {
            return string(object["uuid"]) ?? string(object["id"]) ?? reference(object["resource_uri"])
        }
        guard let text = string(value), !text.isEmpty else { return nil }
        if text.contains("/") {
            return text.split(separator: "/").last.map(String.init)
        }
        return text
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber:
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            return number.stringValue
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber: return isBoolean(number) ? nil : number.int64Value
        case let text as String: return Int64(text) ?? Double(text).map { Int64($0) }
        default: return nil
        }
    }
}

/// True when an NSNumber came from a JSON `true` or `false` (its type code is `c`).
@inline(__always)
func isBoolean(_ number: NSNumber) -> Bool {
    number.objCType.pointee == CChar(UInt8(ascii: "c"))
}
