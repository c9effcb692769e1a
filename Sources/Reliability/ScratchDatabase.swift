import Foundation
import StocktakeKit

/// A PostgreSQL database of its own for one reliability run or test, on the server a URL names:
/// created empty, dropped at the end whatever happens.
public enum ScratchDatabase {
    /// Runs `body` with a new, empty database on the server `url` names, dropped afterwards.
    public static func with<T: Sendable>(_ url: String, _ body: (PostgresLocation) async throws -> T) async throws -> T {
        let admin = try PostgresLocation(url: url)
        let name = "stocktake_scratch_\(UUID().uuidString.prefix(8).lowercased())"
        let connection = try await connect(admin)
        try await connection.execute("CREATE DATABASE \(name)")
        try await connection.close()
        var location = admin
        location.database = name
        do {
            let result = try await body(location)
            try await drop(name, admin: admin)
            return result
        } catch {
            try? await drop(name, admin: admin)
            throw error
        }
    }

    /// The rows of `sql` on `location`, each value as text.
    public static func rows(_ location: PostgresLocation, _ sql: String) async throws -> [[String?]] {
        let connection = try await connect(location)
        do {
            let rows = try await connection.textRows(sql)
            try await connection.close()
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func connect(_ location: PostgresLocation) async throws -> PostgresStore {
        try await PostgresStore.connect(location, environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory())
    }

    private static func drop(_ name: String, admin: PostgresLocation) async throws {
        let connection = try await connect(admin)
        try await connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try await connection.close()
    }
}
