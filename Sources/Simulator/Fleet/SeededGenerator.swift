/// A deterministic random number generator (SplitMix64).
///
/// The whole fleet, every epoch and every sampled fault derive from one of
/// these, so the same seed always gives the same simulator.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed and any number of salts (an epoch number, a purpose).
    public init(seed: UInt64, salts: UInt64...) {
        var mixed = seed ^ 0x9E37_79B9_7F4A_7C15
        for salt in salts {
            mixed = Self.mix(mixed &+ salt &* 0xBF58_476D_1CE4_E5B9)
        }
        self.state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    /// A random element; the collection must not be empty.
    public mutating func pick<C: RandomAccessCollection>(_ collection: C) -> C.Element where C.Index == Int {
        collection[collection.startIndex + Int(next() % UInt64(collection.count))]
    }

    /// An integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// A version 4 UUID string in lower case.
    public mutating func uuid() -> String {
        let high = next()
        let low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (UInt64(index) * 8))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (UInt64(index) * 8))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }
            .joined(separator: "-")
    }

    /// A MAC address in CloudSigma's style (`22:xx:xx:xx:xx:xx`).
    public mutating func mac(prefix: String = "22") -> String {
        let value = next()
        let parts = (0..<5).map { index -> String in
            let byte = UInt8(truncatingIfNeeded: value >> (UInt64(index) * 8))
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return ([prefix] + parts).joined(separator: ":")
    }
}
