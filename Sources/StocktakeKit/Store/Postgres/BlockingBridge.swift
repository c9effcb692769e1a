import Foundation

/// Lets the applier, whose steps are synchronous (as GRDB's writes are), run on PostgreSQL's
/// asynchronous connection: the apply gets a thread of its own, and each statement waits there for
/// its answer. The waiting thread is never one of Swift's few cooperative threads, so a statement's
/// task always finds one to run on.
enum BlockingBridge {
    /// Runs `body` on a new thread and returns what it returns.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    /// Waits, blocking this thread, for `body` to finish in a task of its own (not cancelled with the caller's).
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                outcome.set(.success(try await body()))
            } catch {
                outcome.set(.failure(error))
            }
            done.signal()
        }
        done.wait()
        return try outcome.get()
    }

    /// The result one task hands to the thread waiting for it.
    private final class Outcome<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<T, any Error>?

        func set(_ result: Result<T, any Error>) {
            lock.withLock { self.result = result }
        }

        func get() throws -> T {
            guard let result = lock.withLock({ self.result }) else { throw CancellationError() }
            return try result.get()
        }
    }
}
