import Foundation
@testable import StocktakeKit
import Testing

@Suite("Store locations: SQLite paths and PostgreSQL URLs")
struct StoreLocationTests {
    @Test("URL forms libpq users write: user, password, host, port, database, IPv6, socket directory, sslmode")
    func forms() throws {
        let full = try PostgresLocation(url: "postgresql://ops:s%40cret@db.example:5433/inventory?sslmode=verify-full")
        #expect(full.user == "ops" && full.password == "s@cret" && full.host == "db.example" && full.port == 5433)
        #expect(full.database == "inventory" && full.sslMode == .verifyFull && full.socketDirectory == nil)
        let short = try PostgresLocation(url: "postgres://db.example/inventory")
        #expect(short.user == nil && short.password == nil && short.port == 5432 && short.sslMode == .prefer)
        let socket = try PostgresLocation(url: "postgresql://ops@/inventory?host=/run/postgresql")
        #expect(socket.host == nil && socket.socketDirectory == "/run/postgresql" && socket.database == "inventory")
        let v6 = try PostgresLocation(url: "postgresql://[::1]:6543/x")
        #expect(v6.host == "::1" && v6.port == 6543)
        let parameters = try PostgresLocation(url: "postgresql:///?dbname=inv&user=u&port=7000&password=p")
        #expect(parameters.database == "inv" && parameters.user == "u" && parameters.port == 7000 && parameters.password == "p")
        #expect(try StoreLocation("inventory.sqlite") == .sqlite(path: "inventory.sqlite"))
        #expect(try StoreLocation("POSTGRESQL://h/d") == .postgresql(try PostgresLocation(url: "postgresql://h/d")))
    }

    @Test("The password never shows: not in the description, not in an error about the URL")
    func redaction() throws {
        for url in ["postgresql://ops:hunter2@db.example/inv", "postgresql://ops@db.example/inv?password=hunter2",
                    "postgres://ops:hunter2@db.example:5432/inv?sslmode=require"] {
            let location = try PostgresLocation(url: url)
            #expect(location.password == "hunter2")
            #expect(!location.description.contains("hunter2") && location.description.hasPrefix("postgresql://ops@db.example"))
            #expect(!StoreLocation.postgresql(location).description.contains("hunter2"))
        }
        for bad in ["postgresql://ops:hunter2@db.example:99999/inv", "postgresql://ops:hunter2@db.example/inv?sslmode=maybe",
                    "postgresql://ops@db.example/inv?password=hunter2&colour=blue"] {
            #expect(throws: StoreLocationError.self) { try PostgresLocation(url: bad) }
            do {
                _ = try PostgresLocation(url: bad)
            } catch {
                #expect(!error.description.contains("hunter2"), "\(error.description)")
                #expect(error.description.contains("db.example"), "the message still names the server: \(error.description)")
            }
        }
    }

    @Test("The password comes from the URL, else PGPASSWORD, else a matching ~/.pgpass line (not one others may read)")
    func passwordSources() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let file = home.appendingPathComponent(".pgpass").path
        try """
            # host:port:database:user:password
            other.example:5432:*:ops:wrong
            db.example:5432:inv:ops:from-file
            localhost:5432:sock:ops:socket-pass
            *:*:*:ops:wildcard\\:colon
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let location = try PostgresLocation(url: "postgresql://ops@db.example/inv")
        #expect(location.resolvedPassword(environment: [:], home: home.path).password == "from-file")
        #expect(location.resolvedPassword(environment: ["PGPASSWORD": "env"], home: home.path).password == "env")
        #expect(try PostgresLocation(url: "postgresql://ops:url@db.example/inv").resolvedPassword(environment: ["PGPASSWORD": "env"], home: home.path).password == "url")
        #expect(try PostgresLocation(url: "postgresql://ops@elsewhere/x").resolvedPassword(environment: [:], home: home.path).password == "wildcard:colon")
        #expect(try PostgresLocation(url: "postgresql://ops@/sock?host=/run/postgresql").resolvedPassword(environment: [:], home: home.path).password == "socket-pass")
        chmod(file, 0o644)
        let open = location.resolvedPassword(environment: [:], home: home.path)
        #expect(open.password == nil && open.notice?.contains("readable by others") == true)
    }
}
