import Foundation
import GRDB

/// Where one scope's listing is staged while it is read: a scratch SQLite file
/// with its own connection, so scopes stage their pages in parallel with each
/// other and with the writer applying the scopes already read.
///
/// Nothing in it is inventory. It has no journal and is never synced to disk:
/// a failed or killed sync leaves at most a stale file, which the next sync
/// removes, and the inventory untouched.
final class ScopeStageFile: Sendable {
    let path: String
    let scope: Int64
    private let queue: DatabaseQueue

    /// Creates a fresh, empty stage file at `path` (removing what was there).
    init(path: String, scope: Int64) throws {
        Self.remove(path)
        self.path = path
        self.scope = scope
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try ScopeStaging.createTables(scope: scope, in: db) }
    }

    /// Stages one page of resources of the table `spec` describes.
    func stage<Row: StagedRow>(_ page: StagedPage<Row>, spec: ResourceTableSpec) async throws {
        try await queue.write { [scope] db in
            try ScopeStaging.stage(page, spec: spec, scope: scope, in: db)
        }
    }

    /// Keys the staged tables once the listing was read; returns the distinct objects staged.
    func finish(_ kind: ResourceKind) async throws -> Int {
        try await queue.write { [scope] db in
            try ScopeStaging.finish(kind, scope: scope, in: db)
        }
    }

    /// Runs `body` on the stage file's connection, blocking the calling thread (never a cooperative
    /// one: the PostgreSQL apply's own thread).
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.write(body)
    }

    /// Closes the connection and deletes the file.
    func remove() {
        try? queue.close()
        Self.remove(path)
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
