/// Writes a parsed JSON value as compact JSON with keys in code-point order:
/// the same object always gives the same text, however the provider ordered
/// or spaced it.
///
/// It works on the document's tape: a string without escapes and an integer are
/// copied as they were written; only escaped strings are decoded and written
/// again, and decimals normalized (an integral value loses its fraction).
enum CanonicalJSON {
    /// Serializes `value`, leaving out `skipping` keys everywhere and
    /// `skippingInRuntime` keys inside any `runtime` object, in one pass.
    static func serialize(_ value: WireValue, skipping: Set<String>, skippingInRuntime: Set<String>) -> String {
        let document = value.document
        var output: [UInt8] = []
        let node = document.nodes[value.index]
        output.reserveCapacity(Int(node.kind == .object || node.kind == .array ? 0 : node.length) + 256)
        var writer = Writer(document: document, skipping: ByteKeySet(skipping), skippingInRuntime: ByteKeySet(skippingInRuntime))
        writer.write(value.index, insideRuntime: false, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private struct Writer {
        let document: JSONDocument
        let bytes: [UInt8]
        let nodes: [JSONNode]
        let skipping: ByteKeySet
        let skippingInRuntime: ByteKeySet
        /// Member key indices of the objects being written, reused to avoid an allocation per object.
        var scratch: [Int] = []

        init(document: JSONDocument, skipping: ByteKeySet, skippingInRuntime: ByteKeySet) {
            self.document = document
            bytes = document.bytes
            nodes = document.nodes
            self.skipping = skipping
            self.skippingInRuntime = skippingInRuntime
        }

        mutating func write(_ index: Int, insideRuntime: Bool, into output: inout [UInt8]) {
            let node = nodes[index]
            switch node.kind {
            case .null: output.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
            case .true: output.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
            case .false:
                output.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
            case .integer: output.append(contentsOf: text(node))
            case .decimal: output.append(contentsOf: document.decimalText(at: index).utf8)
            case .string:
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: text(node))
                output.append(UInt8(ascii: "\""))
            case .escapedString: JSONStringEscapes.appendQuoted(document.text(at: index), into: &output)
            case .array: writeArray(index, insideRuntime: insideRuntime, into: &output)
            case .object: writeObject(index, insideRuntime: insideRuntime, into: &output)
            }
        }

        private func text(_ node: JSONNode) -> ArraySlice<UInt8> {
            bytes[Int(node.start)..<Int(node.start + node.length)]
        }

        private mutating func writeArray(_ index: Int, insideRuntime: Bool, into output: inout [UInt8]) {
            output.append(UInt8(ascii: "["))
            var element = index + 1
            let end = Int(nodes[index].next)
            while element < end {
                if element > index + 1 { output.append(UInt8(ascii: ",")) }
                write(element, insideRuntime: insideRuntime, into: &output)
                element = Int(nodes[element].next)
            }
            output.append(UInt8(ascii: "]"))
        }

        private mutating func writeObject(_ index: Int, insideRuntime: Bool, into output: inout [UInt8]) {
            let base = scratch.count
            var member = index + 1
            let end = Int(nodes[index].next)
            var escapedKeys = false
            while member < end {
                let key = nodes[member]
                escapedKeys = escapedKeys || key.kind == .escapedString
                if !skipped(key, insideRuntime: insideRuntime) { scratch.append(member) }
                member = Int(nodes[member + 1].next)
            }
            sortKeys(from: base, escaped: escapedKeys)
            output.append(UInt8(ascii: "{"))
            for position in base..<scratch.count {
                let key = scratch[position]
                if position > base { output.append(UInt8(ascii: ",")) }
                write(key, insideRuntime: false, into: &output)
                output.append(UInt8(ascii: ":"))
                write(key + 1, insideRuntime: insideRuntime || isRuntime(nodes[key]), into: &output)
            }
            output.append(UInt8(ascii: "}"))
            scratch.removeSubrange(base...)
        }

        private func skipped(_ key: JSONNode, insideRuntime: Bool) -> Bool {
            if key.kind == .escapedString {
                let text = JSONStringEscapes.unescape(text(key))
                return skipping.strings.contains(text) || (insideRuntime && skippingInRuntime.strings.contains(text))
            }
            let name = text(key)
            return skipping.contains(name) || (insideRuntime && skippingInRuntime.contains(name))
        }

        private func isRuntime(_ key: JSONNode) -> Bool {
            key.kind == .string && text(key).elementsEqual("runtime".utf8)
        }

        private mutating func sortKeys(from base: Int, escaped: Bool) {
            if escaped {
                let document = document
                scratch[base...].sort { document.text(at: $0).utf8.lexicographicallyPrecedes(document.text(at: $1).utf8) }
                return
            }
            let bytes = bytes
            let nodes = nodes
            scratch[base...].sort { left, right in
                let a = nodes[left]
                let b = nodes[right]
                return bytes[Int(a.start)..<Int(a.start + a.length)]
                    .lexicographicallyPrecedes(bytes[Int(b.start)..<Int(b.start + b.length)])
            }
        }
    }
}
