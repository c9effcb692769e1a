import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Tells a full disk from a damaged file. A stage file has no journal, so
/// SQLite can report a write that found no space as a malformed image.
enum StorageSpace {
    /// Below this many free bytes a failed write is taken for a full disk.
    static let lowWater: UInt64 = 64 << 20

    /// True when `error` came from a full disk under the database's folder.
    static func isFull(_ error: DatabaseError, near database: String) -> Bool {
        switch error.resultCode {
        case .SQLITE_FULL: return true
        case .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_NOTADB: return freeBytes(near: database).map { $0 < lowWater } ?? false
        default: return false
        }
    }

    /// Free bytes for an unprivileged writer on the file system holding `path`'s folder.
    static func freeBytes(near path: String) -> UInt64? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var stats = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }
}
