import Foundation
import StocktakeKit

/// Where the benchmark's syncs write: a SQLite file in the work folder, or a database of its own
/// on the PostgreSQL server `--store` names (made afresh for each full sync, dropped at the end).
enum BenchStore {
    case sqlite(path: String)
    case postgres(admin: PostgresLocation, database: PostgresLocation)

    /// The store for one fleet size.
    static func make(_ url: String?, size: Int, directory: URL) throws -> BenchStore {
        guard let url else { return .sqlite(path: directory.appendingPathComponent("inventory.sqlite").path) }
        let admin = try PostgresLocation(url: url)
        var database = admin
        database.database = "stocktake_bench_\(size)_\(UUID().uuidString.prefix(6).lowercased())"
        return .postgres(admin: admin, database: database)
    }

    /// What `--db` says for it.
    var argument: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(_, let database): return database.description
        }
    }

    var location: StoreLocation {
        switch self {
        case .sqlite(let path): return .sqlite(path: path)
        case .postgres(_, let database): return .postgresql(database)
        }
    }

    /// Empties the store for a first sync.
    func reset() async throws {
        switch self {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm", ".lock"] { unlink(path + suffix) }
        case .postgres(let admin, let database):
            try await Self.onAdmin(admin, "DROP DATABASE IF EXISTS \(database.database ?? "") WITH (FORCE)")
            try await Self.onAdmin(admin, "CREATE DATABASE \(database.database ?? "") LOCALE 'C.UTF-8' TEMPLATE template0")
        }
    }

    /// Removes what the benchmark made.
    func drop() async {
        if case .postgres(let admin, let database) = self {
            try? await Self.onAdmin(admin, "DROP DATABASE IF EXISTS \(database.database ?? "") WITH (FORCE)")
        }
    }

    /// The bytes the inventory takes: the file and its WAL, or the database.
    func bytes() async throws -> Int {
        switch self {
        case .sqlite(let path):
            return ["", "-wal"].reduce(0) { total, suffix in
                total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
            }
        case .postgres(_, let database):
            let connection = try await PostgresStore.connect(database, environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory())
            let rows = try await connection.textRows("SELECT pg_database_size(current_database())")
            try await connection.close()
            return Int(rows.first?.first.flatMap { $0 } ?? "") ?? 0
        }
    }

    private static func onAdmin(_ admin: PostgresLocation, _ sql: String) async throws {
        let connection = try await PostgresStore.connect(admin, environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory())
        do {
            try await connection.execute(sql)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
