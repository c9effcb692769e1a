/// A JSON value from a provider, read leniently: a missing field, a `null`
/// where an object was expected, a number where a string was expected (or
/// back) all give a usable value or nil, never an error.
///
/// A value is a position on its document's tape; nothing is decoded until asked for.
struct WireValue: Sendable {
    let document: JSONDocument
    let index: Int

    /// Parses a whole JSON text (used by tests and small bodies).
    init(json text: String) throws(JSONSyntaxError) {
        self = try JSONDocument(parsing: text).root
    }

    init(document: JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    var node: JSONNode {
        document.nodes[index]
    }

    var isObject: Bool {
        node.kind == .object
    }

    // MARK: Containers

    /// The value of the object's member `key`, or nil (also when this is not an object).
    subscript(key: String) -> WireValue? {
        let nodes = document.nodes
        guard nodes[index].kind == .object else { return nil }
        var member = index + 1
        let end = Int(nodes[index].next)
        var key = key
        return key.withUTF8 { wanted in
            while member < end {
                let value = member + 1
                if document.key(at: member, equals: wanted) {
                    return WireValue(document: document, index: value)
                }
                member = Int(nodes[value].next)
            }
            return nil
        }
    }

    /// The object's members in document order; empty when this is not an object.
    var members: [(key: String, value: WireValue)] {
        let nodes = document.nodes
        guard nodes[index].kind == .object else { return [] }
        var result: [(key: String, value: WireValue)] = []
        result.reserveCapacity(Int(nodes[index].length))
        var member = index + 1
        while member < Int(nodes[index].next) {
            result.append((document.text(at: member), WireValue(document: document, index: member + 1)))
            member = Int(nodes[member + 1].next)
        }
        return result
    }

    /// The array's elements; empty when this is not an array.
    var elements: [WireValue] {
        let nodes = document.nodes
        guard nodes[index].kind == .array else { return [] }
        var result: [WireValue] = []
        result.reserveCapacity(Int(nodes[index].length))
        var element = index + 1
        while element < Int(nodes[index].next) {
            result.append(WireValue(document: document, index: element))
            element = Int(nodes[element].next)
        }
        return result
    }

    // MARK: Scalars

    /// A string as is; a number or boolean as its text; nil for null, objects and arrays.
    var stringValue: String? {
        switch node.kind {
        case .string, .escapedString, .integer: return document.text(at: index)
        case .decimal: return document.decimalText(at: index)
        case .true: return "true"
        case .false: return "false"
        case .null, .array, .object: return nil
        }
    }

    /// A number (a fraction truncated) or a string holding one.
    var intValue: Int64? {
        switch node.kind {
        case .integer: return Int64(document.text(at: index))
        case .decimal: return Double(document.text(at: index)).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        case .string, .escapedString:
            let text = document.text(at: index)
            return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded(.towardZero)) }
        case .null, .true, .false, .array, .object: return nil
        }
    }

    /// A boolean, a number (non-zero is true) or a string: true, 1 or yes.
    var boolValue: Bool? {
        switch node.kind {
        case .true: return true
        case .false: return false
        case .integer, .decimal: return Double(document.text(at: index)).map { $0 != 0 }
        case .string, .escapedString: return ["true", "1", "yes"].contains(document.text(at: index).lowercased())
        case .null, .array, .object: return nil
        }
    }

    /// A reference that may be an object with `uuid`/`id`, a bare id, or a resource URI.
    var referenceValue: String? {
        if isObject {
            return string("uuid") ?? string("id") ?? self["resource_uri"]?.referenceValue
        }
        guard let text = stringValue, !text.isEmpty else { return nil }
        if text.contains("/") {
            return text.split(separator: "/").last.map(String.init)
        }
        return text
    }

    // MARK: Members by key

    func string(_ key: String) -> String? {
        self[key]?.stringValue
    }

    func int(_ key: String) -> Int64? {
        self[key]?.intValue
    }

    func bool(_ key: String) -> Bool? {
        self[key]?.boolValue
    }

    /// The member `key` when it is an object.
    func object(_ key: String) -> WireValue? {
        guard let value = self[key], value.isObject else { return nil }
        return value
    }

    /// The objects in the array member `key`; other elements are skipped.
    func objects(_ key: String) -> [WireValue] {
        elements(key).filter(\.isObject)
    }

    /// The elements of the array member `key`, or none.
    func elements(_ key: String) -> [WireValue] {
        self[key]?.elements ?? []
    }

    func reference(_ key: String) -> String? {
        self[key]?.referenceValue
    }
}
