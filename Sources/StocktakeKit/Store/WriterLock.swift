import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-sync-at-a-time lock: an exclusive `flock` on `<database>.lock`.
///
/// The kernel releases it when the process ends, however it ends (a killed sync
/// never leaves a stale lock behind).
public final class WriterLock: Sendable {
    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock, waiting up to `wait` seconds for another sync to finish.
    public static func acquire(database: String, wait: Int) async throws -> WriterLock {
        let path = database + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InventoryError.cannotLock(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = ContinuousClock.now + .seconds(max(0, wait))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw SyncError.databaseBusy(path: database, waited: wait)
            }
            // Another process holds the lock; there is no event to await, so poll.
            try await Task.sleep(for: .milliseconds(100))
        }
        return WriterLock(descriptor: descriptor, path: path)
    }
}
