import Foundation

/// Serializes a JSONSerialization object tree to compact JSON with keys in
/// code-point order: the same object always gives the same text.
///
/// Foundation's `.sortedKeys` compares keys with locale-aware collation, which
/// cost three quarters of a sync's CPU time in the benchmark; this writer
/// compares them as Swift strings and writes UTF-8 directly.
enum CanonicalJSON {
    /// Serializes, leaving out `skipping` keys everywhere and `skippingInRuntime`
    /// keys inside any `runtime` object, in one pass without copying the tree.
    static func serialize(_ value: Any, skipping: Set<String>, skippingInRuntime: Set<String>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048)
        let writer = Writer(skipping: skipping, skippingInRuntime: skippingInRuntime)
        writer.write(value, insideRuntime: false, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct Writer {
        let skipping: Set<String>
        let skippingInRuntime: Set<String>

        func write(_ value: Any, insideRuntime: Bool, into bytes: inout [UInt8]) {
            if let text = value as? String {
                CanonicalJSON.writeString(text, into: &bytes)
            } else if let object = value as? [String: Any] {
                bytes.append(UInt8(ascii: "{"))
                var first = true
                for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                    if skipping.contains(key) || (insideRuntime && skippingInRuntime.contains(key)) { continue }
                    if !first { bytes.append(UInt8(ascii: ",")) }
                    first = false
                    CanonicalJSON.writeString(key, into: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    write(member, insideRuntime: insideRuntime || key == "runtime", into: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            } else if let array = value as? [Any] {
                bytes.append(UInt8(ascii: "["))
                for (index, element) in array.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    write(element, insideRuntime: insideRuntime, into: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            } else if let number = value as? NSNumber {
                CanonicalJSON.writeNumber(number, into: &bytes)
            } else {
                bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
            }
        }
    }

    fileprivate static func writeNumber(_ number: NSNumber, into bytes: inout [UInt8]) {
        if isBoolean(number) {
            bytes.append(contentsOf: Array((number.boolValue ? "true" : "false").utf8))
            return
        }
        let type = number.objCType.pointee
        if type == CChar(UInt8(ascii: "d")) || type == CChar(UInt8(ascii: "f")) {
            let double = number.doubleValue
            if double.isFinite, double == double.rounded(), abs(double) < 1e15 {
                bytes.append(contentsOf: Array(String(Int64(double)).utf8))
            } else {
                bytes.append(contentsOf: Array((double.isFinite ? double.description : "null").utf8))
            }
            return
        }
        bytes.append(contentsOf: Array(String(number.int64Value).utf8))
    }

    fileprivate static func writeString(_ text: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array(String(format: "\\u%04x", byte).utf8))
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
