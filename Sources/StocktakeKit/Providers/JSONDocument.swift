/// A parsed JSON text: its bytes and a tape of nodes in document order.
///
/// Parsing makes no Swift value per JSON value: a node is a kind and a byte
/// range, and a container knows where its subtree ends on the tape, so a member
/// lookup is a walk over a few keys and a string is decoded only when a mapping
/// asks for it. A listing page of a hundred objects is one byte array and one
/// node array, which is what makes decoding cheap beside Foundation's
/// `JSONSerialization` (a dictionary, a bridged string and a dynamic cast per value).
final class JSONDocument: Sendable {
    let bytes: [UInt8]
    let nodes: [JSONNode]

    /// Parses `bytes`; throws `JSONSyntaxError` (with the byte offset) on anything that is not one JSON value.
    init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        guard bytes.count < Int32.max else { throw JSONSyntaxError(offset: 0, reason: "a body over 2 GB") }
        self.bytes = bytes
        var parser = JSONParser(capacity: bytes.count / 6)
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in
            try parser.parseDocument(buffer)
        }
        nodes = parser.nodes
    }

    convenience init(parsing text: String) throws(JSONSyntaxError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The document's top-level value.
    var root: WireValue {
        WireValue(document: self, index: 0)
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

/// One value on a `JSONDocument`'s tape.
struct JSONNode: Sendable {
    enum Kind: UInt8, Sendable {
        case null, `true`, `false`, integer, decimal, string, escapedString, array, object
    }

    var kind: Kind
    /// First byte of the value's text; for strings, the byte after the opening quote.
    var start: Int32
    /// Bytes of a scalar's text (strings without their quotes); members or elements of a container.
    var length: Int32
    /// The tape index just past this value's subtree.
    var next: Int32
}

/// Where and why a text is not JSON.
struct JSONSyntaxError: Error, CustomStringConvertible {
    let offset: Int
    let reason: String

    var description: String {
        "invalid JSON at byte \(offset): \(reason)"
    }
}

/// A recursive-descent parser writing the tape; nesting is capped so that a
/// hostile body cannot exhaust the stack.
private struct JSONParser {
    static let maximumDepth = 256

    var nodes: [JSONNode] = []
    var position = 0

    init(capacity: Int) {
        nodes.reserveCapacity(max(16, capacity))
    }

    mutating func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        skipWhitespace(bytes)
        try parseValue(bytes, depth: 0)
        skipWhitespace(bytes)
        guard position == bytes.count else { throw error("unexpected text after the value") }
    }

    private func error(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, reason: reason)
    }

    private mutating func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue(_ bytes: UnsafeBufferPointer<UInt8>, depth: Int) throws(JSONSyntaxError) {
        guard position < bytes.count else { throw error("unexpected end of text") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try parseContainer(bytes, kind: .object, depth: depth + 1)
        case UInt8(ascii: "["): try parseContainer(bytes, kind: .array, depth: depth + 1)
        case UInt8(ascii: "\""): try parseString(bytes)
        case UInt8(ascii: "t"): try parseLiteral(bytes, "true", kind: .true)
        case UInt8(ascii: "f"): try parseLiteral(bytes, "false", kind: .false)
        case UInt8(ascii: "n"): try parseLiteral(bytes, "null", kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(bytes)
        default: throw error("unexpected character")
        }
    }

    private mutating func parseLiteral(
        _ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, kind: JSONNode.Kind
    ) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("expected \(literal)") }
        for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] {
            throw error("expected \(literal)")
        }
        append(kind, start: position, length: count)
        position += count
    }

    /// A number as RFC 8259 writes it: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        let start = position
        var integer = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digit(bytes) else { throw error("expected a digit") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits(bytes)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            integer = false
            position += 1
            guard digit(bytes) else { throw error("expected a digit after the decimal point") }
            skipDigits(bytes)
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            integer = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digit(bytes) else { throw error("expected a digit in the exponent") }
            skipDigits(bytes)
        }
        append(integer ? .integer : .decimal, start: start, length: position - start)
    }

    private func digit(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
    }

    private mutating func skipDigits(_ bytes: UnsafeBufferPointer<UInt8>) {
        while digit(bytes) { position += 1 }
    }

    /// A string: escapes must be JSON's (a `\u` high surrogate followed by a low
    /// one) and the bytes valid UTF-8, so that everything kept is valid text.
    private mutating func parseString(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        position += 1
        let start = position
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                append(escaped ? .escapedString : .string, start: start, length: position - start)
                position += 1
                return
            case UInt8(ascii: "\\"):
                escaped = true
                try parseEscape(bytes)
            case 0..<0x20:
                throw error("control character in a string")
            case 0x20..<0x80:
                position += 1
            default:
                try skipUTF8Sequence(bytes)
            }
        }
        throw error("unterminated string")
    }

    /// One escape, from its backslash.
    private mutating func parseEscape(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        guard position + 1 < bytes.count else { throw error("unterminated string") }
        switch bytes[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(bytes, at: position + 2)
            position += 6
            if (0xDC00..<0xE000).contains(unit) { throw error("a low surrogate escape without a high one") }
            guard (0xD800..<0xDC00).contains(unit) else { return }
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                  (0xDC00..<0xE000).contains(try hexUnit(bytes, at: position + 2)) else {
                throw error("a high surrogate escape without a low one")
            }
            position += 6
        default:
            throw error("an invalid escape")
        }
    }

    /// The four hex digits of a `\u` escape at `offset`.
    private func hexUnit(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws(JSONSyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for index in offset..<offset + 4 {
            let byte = bytes[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(nibble)
        }
        return value
    }

    /// One multi-byte UTF-8 sequence: no overlong forms, no surrogates, nothing past U+10FFFF.
    private mutating func skipUTF8Sequence(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        let lead = bytes[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error("invalid UTF-8")
        }
        guard position + length <= bytes.count else { throw error("invalid UTF-8") }
        guard (low...high).contains(bytes[position + 1]) else { throw error("invalid UTF-8") }
        for index in position + 2..<position + length where !(0x80...0xBF).contains(bytes[index]) {
            throw error("invalid UTF-8")
        }
        position += length
    }

    /// An array or an object: its node, then its elements or key and value nodes, then its end on the tape.
    private mutating func parseContainer(
        _ bytes: UnsafeBufferPointer<UInt8>, kind: JSONNode.Kind, depth: Int
    ) throws(JSONSyntaxError) {
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth)") }
        let isObject = kind == .object
        let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        let name = isObject ? "an object" : "an array"
        let index = append(kind, start: position, length: 0)
        position += 1
        skipWhitespace(bytes)
        var count = 0
        if position < bytes.count, bytes[position] == closing {
            position += 1
        } else {
            while true {
                skipWhitespace(bytes)
                if isObject { try parseKey(bytes) }
                try parseValue(bytes, depth: depth)
                count += 1
                skipWhitespace(bytes)
                guard position < bytes.count else { throw error("unterminated \(isObject ? "object" : "array")") }
                let byte = bytes[position]
                position += 1
                if byte == closing { break }
                guard byte == UInt8(ascii: ",") else { throw error("expected , or \(Character(UnicodeScalar(closing))) in \(name)") }
            }
        }
        close(index, count: count)
    }

    /// A member's key and its colon.
    private mutating func parseKey(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
        try parseString(bytes)
        skipWhitespace(bytes)
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected :") }
        position += 1
        skipWhitespace(bytes)
    }

    @discardableResult
    private mutating func append(_ kind: JSONNode.Kind, start: Int, length: Int) -> Int {
        nodes.append(JSONNode(kind: kind, start: Int32(truncatingIfNeeded: start),
                              length: Int32(truncatingIfNeeded: length), next: Int32(truncatingIfNeeded: nodes.count + 1)))
        return nodes.count - 1
    }

    private mutating func close(_ index: Int, count: Int) {
        nodes[index].length = Int32(truncatingIfNeeded: count)
        nodes[index].next = Int32(truncatingIfNeeded: nodes.count)
    }
}
