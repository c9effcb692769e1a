/// Serializes `JSONValue` to compact UTF-8 JSON, splitting at volatile counters.
///
/// Its string escaping is the simulator's own, apart from StocktakeKit's one escaper
/// (`JSONStringEscapes`) on purpose: the simulator is the oracle the client is tested against,
/// and shares none of the client's code.
struct JSONWriter {
    private var current: [UInt8] = []
    private var chunks: [[UInt8]] = []
    private(set) var counters: [(base: UInt64, step: UInt64)] = []

    init() {
        current.reserveCapacity(1024)
    }

    /// Serializes a whole value into plain bytes; counters get their base value.
    static func bytes(of value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        var result: [UInt8] = []
        EncodedObject(chunksOf: writer).write(into: &result, readSequence: 0)
        return result
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: current.append(contentsOf: Self.nullBytes)
        case .bool(let flag): current.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
        case .int(let number): appendInteger(number)
        case .number(let text): current.append(contentsOf: Array(text.utf8))
        case .string(let text): appendString(text)
        case .array(let elements): writeArray(elements)
        case .object(let members): writeObject(members)
        case .volatileCounter(let base, let step):
            chunks.append(current)
            current = []
            counters.append((base, step))
        }
    }

    /// The chunks between counters; there is always one more chunk than counters.
    func finishedChunks() -> [[UInt8]] {
        chunks + [current]
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        current.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { current.append(UInt8(ascii: ",")) }
            write(element)
        }
        current.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [(String, JSONValue)]) {
        current.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { current.append(UInt8(ascii: ",")) }
            appendString(member.0)
            current.append(UInt8(ascii: ":"))
            write(member.1)
        }
        current.append(UInt8(ascii: "}"))
    }

    private mutating func appendInteger(_ number: Int64) {
        if number < 0 {
            current.append(UInt8(ascii: "-"))
            Self.appendDecimal(number.magnitude, to: &current)
        } else {
            Self.appendDecimal(UInt64(number), to: &current)
        }
    }

    private mutating func appendString(_ text: String) {
        current.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): current.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): current.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): current.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): current.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): current.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                current.append(contentsOf: Array("\\u00".utf8))
                current.append(Self.hexDigits[Int(byte >> 4)])
                current.append(Self.hexDigits[Int(byte & 0xF)])
            default: current.append(byte)
            }
        }
        current.append(UInt8(ascii: "\""))
    }

    /// Appends the decimal digits of `value` to `buffer`.
    static func appendDecimal(_ value: UInt64, to buffer: inout [UInt8]) {
        if value == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt64, [UInt8]) = (value, [])
        digits.1.reserveCapacity(20)
        while digits.0 > 0 {
            digits.1.append(UInt8(ascii: "0") + UInt8(digits.0 % 10))
            digits.0 /= 10
        }
        buffer.append(contentsOf: digits.1.reversed())
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension EncodedObject {
    /// Wraps a finished writer whose object has no id of interest.
    fileprivate init(chunksOf writer: JSONWriter) {
        self.init(id: "", chunks: writer.finishedChunks(), counters: writer.counters)
    }
}
