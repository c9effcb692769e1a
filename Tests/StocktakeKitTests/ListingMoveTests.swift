import Foundation
import GRDB
import Logging
import NIOCore
@testable import StocktakeKit
import Testing

/// Objects that two listings of one account return, or that move from one listing to
/// another with their id (Scaleway migrates Instance volumes to Block Storage that
/// way): history shows a move or nothing, never a deletion and a reappearance, and
/// no verdict depends on which listing is applied first.
@Suite("Objects moving between listings, and owners mixed across listings")
struct ListingMoveTests {
    /// Delays the replies whose URL contains one of `slow`; refuses (403) those containing one of `forbidden`.
    struct DelayingTransport: HTTPTransport {
        let inner: FixtureTransport
        let slow: [String]
        var forbidden: [String] = []

        func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
            if slow.contains(where: url.contains) { try await Task.sleep(for: .milliseconds(400)) }
            if forbidden.contains(where: url.contains) {
                return HTTPReply(status: 403, headers: [], body: ByteBuffer(string: #"{"type": "permissions_denied", "message": "no"}"#))
            }
            return try await inner.get(url, headers: headers, timeout: timeout)
        }
    }

    static let first = "11111111-1111-4111-8111-111111111111"
    static let second = "22222222-2222-4222-8222-222222222222"
    static let third = "33333333-3333-4333-8333-333333333333"

    /// An IP as Scaleway's Instance API lists it; `zone` is what the object itself says.
    static func ip(_ id: String, zone: String = "fr-par-1", organization: String = "o") -> String {
        """
        {"id": "\(id)", "address": "51.15.0.\(id.prefix(1))", "state": "detached", "server": null, "type": "routed_ipv4",
         "zone": "\(zone)", "tags": [], "reverse": null, "organization": "\(organization)", "project": "p"}
        """
    }

    /// The routes of one zone's IP listing, a page per object, then an empty page.
    static func ips(_ zone: String, _ objects: [String]) -> [(String, String, [(String, String)])] {
        let total = [("X-Total-Count", "\(objects.count)")]
        guard !objects.isEmpty else { return [("\(zone)/ips", #"{"ips": []}"#, total)] }
        return objects.enumerated().map { index, object in
            ("\(zone)/ips?page=\(index + 1)&", #"{"ips": [\#(object)]}"#, total)
        } + [("\(zone)/ips?page=\(objects.count + 1)&", #"{"ips": []}"#, total), ("\(zone)/ips", #"{"ips": []}"#, total)]
    }

    static let zones = ["fr-par-1", "nl-ams-1", "pl-waw-1"]

    static func sync(
        _ routes: [(String, String, [(String, String)])], slow: [String] = [], forbidden: [String] = [], path: String,
        acceptOwnerChange: Bool = false
    ) async throws -> SyncReport {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: zones,
                                           credentials: .scaleway(secretKey: "k"), kinds: [.ips])
        let configuration = StocktakeConfiguration(accounts: [account], sync: SyncSettings(concurrency: 4, pageSize: 1))
        let transport = DelayingTransport(inner: FixtureTransport(routes: routes), slow: slow, forbidden: forbidden)
        return try await SyncEngine(configuration: configuration, database: try InventoryDatabase(path: path),
                                    transport: transport, logger: logger).run(acceptOwnerChange: acceptOwnerChange)
    }

    static func changes(_ path: String, id: String) throws -> [String] {
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT run_id, kind, field, old_value, new_value FROM changes WHERE resource_id = ? AND resource_type = 'ip'
                ORDER BY run_id, field
                """, arguments: [id])
        }
        return rows.map { row in
            let run: Int64 = row["run_id"]
            let kind: String = row["kind"]
            let field: String = row["field"] ?? ""
            let old: String = row["old_value"] ?? ""
            let new: String = row["new_value"] ?? ""
            return "\(run) \(kind) \(field) \(old) \(new)"
        }
    }

    static func zone(_ path: String, id: String) throws -> String? {
        try DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT zone FROM ips WHERE id = ? AND deleted_at IS NULL", arguments: [id])
        }
    }

    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        let (directory, path) = IPTests.temporaryPath()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(path)
    }

    @Test("An object that moves to another zone's listing, byte for byte, is moved, whichever listing applies first",
          arguments: [["fr-par-1/ips"], ["nl-ams-1/ips"]])
    func moveBetweenZones(slow: [String]) async throws {
        try await Self.withDatabase { path in
            let start = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first), Self.ip(Self.second)])
                                            + Self.ips("nl-ams-1", []) + Self.ips("pl-waw-1", []), path: path)
            #expect(start.exitCode == 0, "\(start.scopes.compactMap(\.error))")
            let moved = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.second)]) + Self.ips("nl-ams-1", [Self.ip(Self.first)])
                                            + Self.ips("pl-waw-1", []), slow: slow, path: path)
            #expect(moved.exitCode == 0, "\(moved.scopes.compactMap(\.error))")
            #expect(try Self.zone(path, id: Self.first) == "nl-ams-1")
            #expect(try Self.changes(path, id: Self.first) == ["1 created   ", "2 updated zone fr-par-1 nl-ams-1"])
            let amsterdam = try #require(moved.scopes.first { $0.zone == "nl-ams-1" })
            #expect(amsterdam.counts.moved == 1 && amsterdam.line.contains("1 moved here"), "\(amsterdam.line)")
            #expect(moved.scopes.allSatisfy { $0.counts.deleted == 0 }, "\(moved.scopes.map(\.line))")
        }
    }

    @Test("An object another zone's listing also returns once is neither moved nor deleted, whichever listing applies first",
          arguments: [["fr-par-1/ips"], ["nl-ams-1/ips"]])
    func listedTwiceOnce(slow: [String]) async throws {
        try await Self.withDatabase { path in
            let paris = Self.ips("fr-par-1", [Self.ip(Self.first), Self.ip(Self.second)])
            let start = try await Self.sync(paris + Self.ips("nl-ams-1", []) + Self.ips("pl-waw-1", []), path: path)
            #expect(start.exitCode == 0)
            // Amsterdam's listing also returns Paris's first IP (as it says of itself, or byte for byte).
            for copy in [Self.ip(Self.first, zone: "nl-ams-1"), Self.ip(Self.first)] {
                let twice = try await Self.sync(paris + Self.ips("nl-ams-1", [copy]) + Self.ips("pl-waw-1", []), slow: slow, path: path)
                #expect(twice.exitCode == 0, "\(twice.scopes.compactMap(\.error))")
                let amsterdam = try #require(twice.scopes.first { $0.zone == "nl-ams-1" })
                #expect(amsterdam.counts.contested == 1 && amsterdam.counts.moved == 0, "\(amsterdam.line)")
                let after = try await Self.sync(paris + Self.ips("nl-ams-1", []) + Self.ips("pl-waw-1", []), slow: slow, path: path)
                #expect(after.exitCode == 0)
                #expect(after.scopes.allSatisfy { $0.counts.deleted == 0 && $0.counts.reappeared == 0 }, "\(after.scopes.map(\.line))")
            }
            #expect(try Self.zone(path, id: Self.first) == "fr-par-1")
            #expect(try Self.changes(path, id: Self.first) == ["1 created   "])
        }
    }

    @Test("A row no listing returns is not deleted while another listing of its table failed; a refused (403) one holds nothing")
    func withheldWhileAPeerFailed() async throws {
        try await Self.withDatabase { path in
            let start = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first), Self.ip(Self.second)])
                                            + Self.ips("nl-ams-1", []) + Self.ips("pl-waw-1", []), path: path)
            #expect(start.exitCode == 0)
            // The first IP leaves Paris's listing while Amsterdam's fails (no route: HTTP 404): it may be there.
            let failed = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.second)]) + Self.ips("pl-waw-1", []), path: path)
            let paris = try #require(failed.scopes.first { $0.zone == "fr-par-1" })
            #expect(paris.outcome == .applied && paris.counts.deleted == 0 && paris.counts.withheld == 1, "\(paris.line)")
            #expect(paris.line.contains("1 not deleted while another listing of theirs failed"))
            #expect(try Self.zone(path, id: Self.first) == "fr-par-1")
            // Refused with 403, Amsterdam's listing holds nothing these credentials see: the deletion goes ahead.
            let refused = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.second)]) + Self.ips("nl-ams-1", [])
                                              + Self.ips("pl-waw-1", []), forbidden: ["nl-ams-1/ips"], path: path)
            #expect(refused.scopes.first { $0.zone == "fr-par-1" }?.counts.deleted == 1, "\(refused.scopes.map(\.line))")
            #expect(try Self.zone(path, id: Self.first) == nil)
        }
    }

    @Test("An empty listing never deletes while another listing of the account names another owner, whichever finishes first",
          arguments: [["fr-par-1/ips"], ["pl-waw-1/ips"], ["nl-ams-1/ips"]])
    func mixedOwners(slow: [String]) async throws {
        try await Self.withDatabase { path in
            let start = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first)])
                                            + Self.ips("nl-ams-1", [Self.ip(Self.second, zone: "nl-ams-1")])
                                            + Self.ips("pl-waw-1", [Self.ip(Self.third, zone: "pl-waw-1")]), path: path)
            #expect(start.exitCode == 0, "\(start.scopes.compactMap(\.error))")
            // Paris confirms the owner, Warsaw comes from another organization, Amsterdam is empty.
            let mixed = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first)]) + Self.ips("nl-ams-1", [])
                                            + Self.ips("pl-waw-1", [Self.ip(Self.third, zone: "pl-waw-1", organization: "evil")]),
                                            slow: slow, path: path)
            let amsterdam = try #require(mixed.scopes.first { $0.zone == "nl-ams-1" })
            #expect(amsterdam.outcome == .failed && amsterdam.error?.contains("evil") == true, "\(amsterdam.line)")
            #expect(try Self.zone(path, id: Self.second) == "nl-ams-1", "Amsterdam's IP is still there")
            #expect(mixed.scopes.first { $0.zone == "fr-par-1" }?.outcome == .applied)
        }
    }

    @Test("A first sync whose listings name two organizations learns both, whichever finishes first; a third is refused later",
          arguments: [["fr-par-1/ips"], ["nl-ams-1/ips"]])
    func firstSyncWithTwoOwners(slow: [String]) async throws {
        try await Self.withDatabase { path in
            let report = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first)])
                                             + Self.ips("nl-ams-1", [Self.ip(Self.second, zone: "nl-ams-1", organization: "q")])
                                             + Self.ips("pl-waw-1", []), slow: slow, path: path)
            #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
            let owner = try await DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "SELECT owner FROM accounts") }
            #expect(owner == "o,q")
            // Either organization alone is the account's; a third is not, and deletes nothing.
            let next = try await Self.sync(Self.ips("fr-par-1", [Self.ip(Self.first, organization: "q")])
                                           + Self.ips("nl-ams-1", [Self.ip(Self.third, zone: "nl-ams-1", organization: "z")])
                                           + Self.ips("pl-waw-1", []), slow: slow, path: path)
            #expect(next.scopes.first { $0.zone == "fr-par-1" }?.outcome == .applied)
            let amsterdam = try #require(next.scopes.first { $0.zone == "nl-ams-1" })
            #expect(amsterdam.outcome == .failed && amsterdam.error?.contains("organization o, q") == true, "\(amsterdam.line)")
            #expect(try Self.zone(path, id: Self.second) == "nl-ams-1")
        }
    }
}
