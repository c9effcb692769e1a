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

extension JSONDocument {
    /// The text of a string node (unescaped) or a number node (as written).
    func text(at index: Int) -> String {
        let node = nodes[index]
        let range = Int(node.start)..<Int(node.start + node.length)
        if node.kind == .escapedString {
            return JSONStringEscapes.unescape(bytes[range])
        }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// A decimal number's text as the canonical form writes it: integral values without a fraction.
    func decimalText(at index: Int) -> String {
        guard let value = Double(text(at: index)) else { return text(at: index) }
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.isFinite ? value.description : "null"
    }

    /// True when the key node at `index` spells `wanted`.
    func key(at index: Int, equals wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        let node = nodes[index]
        if node.kind == .escapedString {
            var text = text(at: index)
            return text.withUTF8 { $0.elementsEqual(wanted) }
        }
        guard Int(node.length) == wanted.count else { return false }
        let start = Int(node.start)
        for offset in 0..<wanted.count where bytes[start + offset] != wanted[offset] {
            return false
        }
        return true
    }
}

/// JSON string escapes, both ways.
enum JSONStringEscapes {
    /// The text of a string's bytes (between its quotes) with escapes resolved;
    /// an invalid escape is kept as written and a lone surrogate becomes U+FFFD.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = bytes.startIndex
        var pendingHighSurrogate: UInt32?
        func appendScalar(_ value: UInt32) {
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while position < bytes.endIndex {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\"), position + 1 < bytes.endIndex else {
                output.append(byte)
                position += 1
                continue
            }
            let escape = bytes[position + 1]
            position += 2
            if escape == UInt8(ascii: "u"), position + 4 <= bytes.endIndex,
               let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) {
                position += 4
                if (0xD800..<0xDC00).contains(code) {
                    if pendingHighSurrogate != nil { appendScalar(0xFFFD) }
                    pendingHighSurrogate = code
                    continue
                }
                if (0xDC00..<0xE000).contains(code), let high = pendingHighSurrogate {
                    pendingHighSurrogate = nil
                    appendScalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    continue
                }
                appendScalar(code)
                continue
            }
            if pendingHighSurrogate != nil {
                pendingHighSurrogate = nil
                appendScalar(0xFFFD)
            }
            switch escape {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
            default: output.append(contentsOf: [UInt8(ascii: "\\"), escape])
            }
        }
        if pendingHighSurrogate != nil { appendScalar(0xFFFD) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as is.
    static func appendQuoted(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
