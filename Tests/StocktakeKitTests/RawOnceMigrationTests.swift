import Foundation
import GRDB
import Reliability
import Simulator
@testable import StocktakeKit
import Testing

/// v13 keeps each object's raw once: an open version's raw is the current row's. The fixture is a
/// database written by the release before it (schema v12): `stocktake simulate --servers 15 --drives 30
/// --zones fr-par-1,nl-ams-1 --seed 11`, synced by that release's binary four times with an epoch of
/// churn 0.4 between syncs.
@Suite("Raw kept once: the migration of a database written by the previous release")
struct RawOnceMigrationTests {
    static let fleet = FleetConfiguration(seed: 11, servers: 15, drives: 30, zones: SyncHarness.zones)
    /// The resource tables a database of v12 holds (prices, usage and subscriptions came with v15).
    static let tables = ResourceTableSpec.all.map(\.table).filter { !["prices", "usage", "subscriptions"].contains($0) }
    static var fixture: URL? { Bundle.module.url(forResource: "Fixtures/inventory-written-by-v12", withExtension: "sqlite") }

    /// Every version alive as of `run`, each with its raw, read the way the previous release stored them.
    static func versions(asOf run: Int64, table: String, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: """
            SELECT account, id, raw FROM \(table)_history
            WHERE valid_from_run <= ? AND (valid_to_run IS NULL OR valid_to_run > ?) ORDER BY account, id
            """, arguments: [run, run]).map { row in (0..<3).map { ResultFormat.plain(row[$0] as DatabaseValue) }.joined(separator: "|") }
    }

    typealias Expectations = (asOf: [Int64: [String: [String]]], now: [String: [String]], closed: [String: [String]])

    /// What the fixture answers as the previous release stored it: every resource table as of runs 1 to
    /// 4 and now (account, id, raw), and every closed version whole.
    static func expectations(_ db: Database) throws -> Expectations {
        var asOf: [Int64: [String: [String]]] = [:]
        for run in Int64(1)...4 {
            for table in tables { asOf[run, default: [:]][table] = try versions(asOf: run, table: table, in: db) }
        }
        var now: [String: [String]] = [:]
        var closed: [String: [String]] = [:]
        for table in tables {
            now[table] = try Row.fetchAll(db, sql: "SELECT account, id, raw FROM \(table) WHERE deleted_at IS NULL ORDER BY account, id")
                .map { row in (0..<3).map { ResultFormat.plain(row[$0] as DatabaseValue) }.joined(separator: "|") }
            closed[table] = try Self.closed(table, in: db)
        }
        return (asOf, now, closed)
    }

    /// Every closed version, whole.
    static func closed(_ table: String, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table)_history WHERE valid_to_run IS NOT NULL ORDER BY account, id, valid_from_run")
            .map(\.description)
    }

    /// The same, through the as-of views of today's reader.
    static func viewed(asOf run: Int64?, table: String, location: StoreLocation) throws -> [String] {
        let inventory = try ReadOnlyInventory(location: location, asOf: run.map { "\($0)" })
        let where_ = run == nil ? " WHERE deleted_at IS NULL" : ""
        return try inventory.execute("SELECT account, id, raw FROM \(table)\(where_) ORDER BY account, id").rows.map { row in
            row.map(ResultFormat.plain).joined(separator: "|")
        }
    }

    @Test("the migration empties only open versions' raw; every run reads as before, now and after the next sync")
    func migratesInPlace() async throws {
        let fixture = try #require(Self.fixture)
        try await SyncHarness.with(Self.fleet) { harness in
            try FileManager.default.copyItem(atPath: fixture.path, toPath: harness.databasePath)
            let expected = try harness.read { db -> Expectations in
                #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v12-current-views"))
                #expect(try !String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("v13-raw-once"))
                return try Self.expectations(db)
            }
            let (before, current, closedBefore) = (expected.asOf, expected.now, expected.closed)
            #expect(before[4]?["servers"]?.isEmpty == false && before[1] != before[4], "the fixture holds changes between runs")

            _ = try InventoryDatabase(path: harness.databasePath)
            try harness.read { db in
                for table in Self.tables {
                    let open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)_history WHERE valid_to_run IS NULL AND raw <> ''")
                    #expect(open == 0, "\(table): open versions keep no raw")
                    #expect(try Self.closed(table, in: db) == closedBefore[table], "\(table): closed versions untouched")
                }
            }
            for run in Int64(1)...4 {
                for table in Self.tables {
                    #expect(try Self.viewed(asOf: run, table: table, location: .sqlite(path: harness.databasePath)) == before[run]?[table], "\(table) as of \(run)")
                }
            }
            for table in Self.tables {
                #expect(try Self.viewed(asOf: nil, table: table, location: .sqlite(path: harness.databasePath)) == current[table], "\(table) now")
            }

            // The next sync closes versions whose raw the migration emptied: their raw must come back whole.
            for _ in 0..<4 { _ = try harness.simulator.advanceEpoch(churn: 0.4) }
            let report = try await harness.sync()
            #expect(report.run == 5 && report.scopes.allSatisfy { $0.outcome == .applied })
            #expect(report.scopes.map(\.counts.updated).reduce(0, +) > 0, "the sync changes versions the migration emptied")
            for run in Int64(1)...4 {
                for table in Self.tables {
                    #expect(try Self.viewed(asOf: run, table: table, location: .sqlite(path: harness.databasePath)) == before[run]?[table], "\(table) as of \(run) after run 5")
                }
            }
            let stored = try harness.read { try ExpectedInventory(database: $0) }
            ExpectedInventory.expectEqual(stored, ExpectedInventory(harness.simulator.groundTruth()))
        }
    }

    @Test("PostgreSQL's v3 empties only open versions' raw of a database the previous release wrote; every run reads as before",
          .enabled(if: TestPostgres.enabled, TestPostgres.skipReason))
    func migratesPostgresInPlace() async throws {
        let fixture = try #require(Self.fixture)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("inventory.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let expected = try await DatabaseQueue(path: path).read { db -> Expectations in try Self.expectations(db) }
        _ = try InventoryDatabase(path: path)
        try await TestPostgres.withDatabase { location in
            let store = try await PostgresStore.connect(location, environment: [:], home: "/nonexistent")
            try await InventoryCopier(from: path, to: store).copy()
            // Back to what the previous release held (v1 and v2: every open version with its raw)...
            for table in Self.tables {
                try await store.execute("""
                    UPDATE \(table)_history h SET raw = c.raw FROM \(table) c
                    WHERE h.valid_to_run IS NULL AND c.account = h.account AND c.id = h.id
                    """)
            }
            try await store.execute("DELETE FROM stocktake_migrations WHERE name = 'v3-raw-once'")
            #expect(try await store.textRows("SELECT COUNT(*) FROM servers_history WHERE valid_to_run IS NULL AND raw <> ''") != [["0"]])
            // ...which the next open migrates in place.
            try await store.migrate()
            for table in Self.tables {
                #expect(try await store.textRows("SELECT COUNT(*) FROM \(table)_history WHERE valid_to_run IS NULL AND raw <> ''") == [["0"]],
                        "\(table): open versions keep no raw")
            }
            try await store.close()
            for run in Int64(1)...4 {
                for table in Self.tables {
                    #expect(try Self.viewed(asOf: run, table: table, location: .postgresql(location)) == expected.asOf[run]?[table],
                            "\(table) as of \(run)")
                }
            }
            for table in Self.tables {
                #expect(try Self.viewed(asOf: nil, table: table, location: .postgresql(location)) == expected.now[table], "\(table) now")
            }
        }
    }
}
