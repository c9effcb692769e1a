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

    /// The escape of one byte of a JSON string's UTF-8 text, or nil when the byte stands as it is:
    /// quotes, backslashes and control characters (`\n`, `\r`, `\t`, else `\u00XX`). The one JSON
    /// escaper of the engine; the simulator keeps its own (`Simulator/JSONWriter.swift`), being the oracle.
    @inline(__always)
    static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x20:
            let hex = Array("0123456789abcdef")
            return "\\u00" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
        default: return nil
        }
    }

    /// `text` as a JSON string, quotes included.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string, quotes included.
    static func appendQuoted(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if let escaped = escape(byte) {
                bytes.append(contentsOf: escaped.utf8)
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
