import Foundation
import GRDB
@testable import StocktakeKit
import Testing

/// A sync that starts while another connection holds the file's lock for an instant (a reader
/// closing as the last connection checkpoints and removes the WAL under an exclusive lock; a
/// report or `check` from the same cron minute) waits for it instead of failing.
@Suite("A sync that starts while the file is locked for a moment")
struct LockedAtStartTests {
    @Test("Every connection a sync opens waits for a lock held for an instant, instead of failing with 'database is locked'")
    func waitsForAMomentaryLock() async throws {
        try await SyncHarness.with { harness in
            #expect(try await harness.sync().exitCode == 0)
            // Another process's connection in exclusive locking mode: it holds the file's lock from its first read.
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE") }
            let holder = try DatabaseQueue(path: harness.databasePath, configuration: configuration)
            try await holder.write { db in try db.execute(sql: "UPDATE sync_runs SET status = status WHERE id = 1") }

            // The precondition: a connection that does not wait is refused while the lock is held.
            var impatient = Configuration()
            impatient.readonly = true
            #expect(throws: DatabaseError.self) {
                let queue = try DatabaseQueue(path: harness.databasePath, configuration: impatient)
                try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM servers") }
            }

            let release = Task {
                try await Task.sleep(for: .milliseconds(700))
                try holder.close()
            }
            let report = try await harness.sync()
            try await release.value
            #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        }
    }
}
