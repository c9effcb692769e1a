import GRDB

/// A value headed for a SQLite column, and the stable hash of a row of them.
enum DatabaseCell: Sendable, Equatable {
    case text(String?)
    case integer(Int64?)

    /// FNV-1a (64-bit) over the cells with type and separator bytes: stable across
    /// processes (unlike `Hasher`), so it can be stored and compared between syncs.
    static func contentHash(_ cells: [DatabaseCell]) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for cell in cells {
            switch cell {
            case .text(nil), .integer(nil):
                mix(0, into: &hash)
            case .text(var value?):
                mix(1, into: &hash)
                value.withUTF8 { bytes in
                    for byte in bytes { mix(byte, into: &hash) }
                }
            case .integer(let value?):
                mix(2, into: &hash)
                var bits = UInt64(bitPattern: value)
                for _ in 0..<8 {
                    mix(UInt8(truncatingIfNeeded: bits), into: &hash)
                    bits >>= 8
                }
            }
            mix(0x1F, into: &hash)
        }
        return Int64(bitPattern: hash)
    }

    @inline(__always)
    private static func mix(_ byte: UInt8, into hash: inout UInt64) {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}

extension DatabaseCell {
    /// The value as SQLite stores it.
    var databaseValue: DatabaseValue {
        switch self {
        case .text(let value): return value.databaseValue
        case .integer(let value): return value.databaseValue
        }
    }
}
