/// A 64-bit fingerprint of a provider's object as it came over the wire,
/// secrets and volatile runtime values left out: when it equals the one stored
/// at the last sync, the object is byte for byte what it was, and the sync
/// skips mapping it, writing its raw JSON and hashing its columns.
///
/// It walks the parsed tape (kinds, keys and scalar bytes, so spacing does not
/// count) and mixes eight bytes at a time. Anything else that shapes the
/// mapped row goes into the seed: the mapping's version and, for CloudSigma,
/// the account's tag names. A fingerprint that differs only costs the full path.
enum WireFingerprint {
    /// Bump when a mapping changes what it derives from the same object, so every object is mapped again once.
    static let mappingVersion: UInt64 = 1

    /// The fingerprint of `value`, leaving out `RawSanitizer`'s secret keys everywhere and its volatile keys inside `runtime`.
    static func hash(_ value: WireValue, seed: UInt64) -> Int64 {
        var state = Mixer(seed ^ mappingVersion &* 0x9E37_79B9_7F4A_7C15)
        let document = value.document
        document.bytes.withUnsafeBufferPointer { bytes in
            document.nodes.withUnsafeBufferPointer { nodes in
                let walker = Walker(bytes: bytes, nodes: nodes)
                walker.mix(value.index, insideRuntime: false, into: &state)
            }
        }
        return Int64(bitPattern: state.finish())
    }

    /// A seed from strings that shape the mapping (tag uuid to name pairs, sorted).
    static func seed(_ pairs: [String: String]) -> UInt64 {
        var state = Mixer(0x5354_4F43_4B54_414B)
        for (key, value) in pairs.sorted(by: { $0.key < $1.key }) {
            var key = key
            var value = value
            key.withUTF8 { state.mix($0) }
            state.mix(word: 0x1F)
            value.withUTF8 { state.mix($0) }
            state.mix(word: 0x1E)
        }
        return state.finish()
    }

    private static let secretKeys = ByteKeySet(RawSanitizer.secretKeys)
    private static let volatileRuntimeKeys = ByteKeySet(RawSanitizer.volatileRuntimeKeys)
    private static let runtimeKey = Array("runtime".utf8)

    private struct Walker {
        let bytes: UnsafeBufferPointer<UInt8>
        let nodes: UnsafeBufferPointer<JSONNode>

        func mix(_ index: Int, insideRuntime: Bool, into state: inout Mixer) {
            let node = nodes[index]
            state.mix(word: UInt64(node.kind.rawValue) | UInt64(UInt32(bitPattern: node.length)) << 8)
            switch node.kind {
            case .null, .true, .false:
                break
            case .integer, .decimal, .string, .escapedString:
                state.mix(text(node))
            case .array:
                var element = index + 1
                while element < Int(node.next) {
                    mix(element, insideRuntime: insideRuntime, into: &state)
                    element = Int(nodes[element].next)
                }
            case .object:
                var member = index + 1
                while member < Int(node.next) {
                    let key = text(nodes[member])
                    let skipped = WireFingerprint.secretKeys.contains(key)
                        || (insideRuntime && WireFingerprint.volatileRuntimeKeys.contains(key))
                    if !skipped {
                        state.mix(key)
                        mix(member + 1, insideRuntime: insideRuntime || WireFingerprint.runtimeKey.elementsEqual(key),
                            into: &state)
                    }
                    member = Int(nodes[member + 1].next)
                }
            }
        }

        private func text(_ node: JSONNode) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.length)])
        }
    }

    /// Multiply-xorshift mixing of 64-bit words; stable across processes and machines.
    private struct Mixer {
        private var state: UInt64

        init(_ seed: UInt64) {
            state = seed
        }

        mutating func mix(word: UInt64) {
            state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
            state ^= state >> 32
        }

        mutating func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
            let raw = UnsafeRawBufferPointer(bytes)
            var offset = 0
            while offset + 8 <= bytes.count {
                mix(word: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
                offset += 8
            }
            var tail: UInt64 = UInt64(bytes.count) << 56
            var shift: UInt64 = 0
            while offset < bytes.count {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            mix(word: tail)
        }

        func finish() -> UInt64 {
            var value = state
            value ^= value >> 33
            value = value &* 0xC4CE_B9FE_1A85_EC53
            value ^= value >> 33
            return value
        }
    }
}
