import Foundation

/// Lets synchronous code (the applier, whose steps are synchronous as GRDB's writes are, and the
/// read commands) use PostgreSQL's asynchronous connection: the calling thread waits for the
/// answer by running the waiting task's work itself, so it never needs one of Swift's few
/// cooperative threads, which other waits may hold (several at once would deadlock otherwise).
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

    /// Runs `body` to its end on this thread (a task of its own, not cancelled with the caller's) and
    /// returns what it returns.
    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let executor = CallerThreadExecutor()
        let outcome = Outcome<T>()
        Task(executorPreference: executor) {
            do {
                outcome.set(.success(try await body()))
            } catch {
                outcome.set(.failure(error))
            }
            executor.finish()
        }
        executor.run()
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

/// A task executor whose jobs the thread that waits for them runs, until the task finishes.
private final class CallerThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `finished` are read and written under `condition` only.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: UnownedJob) {
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Says the task is done: `run` returns once the jobs already queued have run.
    func finish() {
        condition.withLock {
            finished = true
            condition.signal()
        }
    }

    /// Runs the queued jobs on this thread as they come, until `finish`.
    func run() {
        while true {
            condition.lock()
            while jobs.isEmpty, !finished { condition.wait() }
            let batch = jobs
            jobs.removeAll()
            let done = finished && batch.isEmpty
            condition.unlock()
            if done { return }
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}
