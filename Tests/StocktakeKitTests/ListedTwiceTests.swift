import Foundation
import GRDB
import Logging
@testable import StocktakeKit
import Testing

/// One object returned by two listings of the same account in one run (a lying or
/// migrating API: an IP in two zones' listings, a volume in both the Instance and the
/// Block Storage listing). A listing stages an object it finds unchanged as hashes
/// only; if the other listing rewrites the object before this one applies, there is
/// nothing of it to write, and the stored row must stay whole.
@Suite("An object two listings return in one run")
struct ListedTwiceTests {
    /// Delays the replies whose URL contains `slow`, so that one scope is applied
    /// while another is still being read.
    struct SlowTransport: HTTPTransport {
        let inner: FixtureTransport
        let slow: String

        func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
            if url.contains(slow) { try await Task.sleep(for: .milliseconds(600)) }
            return try await inner.get(url, headers: headers, timeout: timeout)
        }
    }

    static let shared = "11111111-1111-4111-8111-111111111111"
    static let other = "22222222-2222-4222-8222-222222222222"

    static func ip(_ id: String, zone: String, server: String?) -> String {
        let owner = server.map { #"{"id": "\#($0)", "name": "web"}"# } ?? "null"
        return """
            {"id": "\(id)", "address": "51.15.0.\(id == shared ? 1 : 2)", "state": "\(server == nil ? "detached" : "attached")",
             "server": \(owner), "type": "routed_ipv4", "zone": "\(zone)", "tags": [], "reverse": null,
             "organization": "o", "project": "p"}
            """
    }

    static func page(_ ips: [String]) -> String {
        #"{"ips": ["# + ips.joined(separator: ", ") + "]}"
    }

    static func sync(routes: [(String, String, [(String, String)])], path: String) async throws -> SyncReport {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example",
                                           zones: ["fr-par-1", "nl-ams-1"], credentials: .scaleway(secretKey: "k"), kinds: [.ips])
        let configuration = StocktakeConfiguration(accounts: [account], sync: SyncSettings(concurrency: 4, pageSize: 1))
        let transport = SlowTransport(inner: FixtureTransport(routes: routes), slow: "fr-par-1/ips?page=2")
        return try await SyncEngine(configuration: configuration, database: try InventoryDatabase(path: path),
                                    transport: transport, logger: logger).run(acceptOwnerChange: true)
    }

    @Test("A listing that returns an object its own listing still holds leaves the row as that one has it, and says so")
    func unchangedThenRewritten() async throws {
        let (directory, path) = IPTests.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        let total = [("X-Total-Count", "2")]
        let paris = [
            ("fr-par-1/ips?page=1", Self.page([Self.ip(Self.shared, zone: "fr-par-1", server: nil)]), total),
            ("fr-par-1/ips?page=2", Self.page([Self.ip(Self.other, zone: "fr-par-1", server: nil)]), total),
            ("fr-par-1/ips?page=3", Self.page([]), total),
        ]
        let first = try await Self.sync(routes: paris + [("nl-ams-1/ips", Self.page([]), [("X-Total-Count", "0")])], path: path)
        #expect(first.exitCode == 0, "\(first.scopes.compactMap(\.error))")

        // Paris lists the IP exactly as stored (staged as hashes only) but its second page comes
        // late; Amsterdam lists the same IP attached, and is applied first.
        let server = "33333333-3333-4333-8333-333333333333"
        let amsterdam = [
            ("nl-ams-1/ips?page=1", Self.page([Self.ip(Self.shared, zone: "nl-ams-1", server: server)]), [("X-Total-Count", "1")]),
            ("nl-ams-1/ips", Self.page([]), [("X-Total-Count", "1")]),
        ]
        let second = try await Self.sync(routes: paris + amsterdam, path: path)
        #expect(second.exitCode == 0, "\(second.scopes.compactMap(\.error))")

        let row = try await DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT zone, address, status, server_id, raw, deleted_at FROM ips WHERE id = ?",
                             arguments: [Self.shared])
        }
        let stored = try #require(row)
        // Paris, the listing the IP was stored from, still returns it: Amsterdam's copy changes nothing.
        #expect(stored["status"] as String? == "unattached", "the row Paris holds, whole")
        #expect(stored["server_id"] as String? == nil && stored["address"] as String? == "51.15.0.1")
        #expect(stored["zone"] as String? == "fr-par-1" && stored["deleted_at"] as String? == nil)
        #expect((stored["raw"] as String?)?.contains("51.15.0.1") == true)

        let amsterdamReport = try #require(second.scopes.first { $0.zone == "nl-ams-1" })
        #expect(amsterdamReport.counts.contested == 1 && amsterdamReport.counts.updated == 0, "\(amsterdamReport.line)")
        #expect(amsterdamReport.line.contains("1 also returned by another listing of this run"))
        let history = try await DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ips_history WHERE id = ? AND (status IS NULL OR (raw = '' AND valid_to_run IS NOT NULL))",
                             arguments: [Self.shared])
        }
        #expect(history == 0, "no empty version either")
    }
}
