import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Wire fingerprints: unchanged objects skip mapping, and only unchanged ones")
struct WireFingerprintTests {
    static let server = #"""
        {"uuid": "s1", "name": "web", "status": "running", "vnc_password": "secret-1",
         "runtime": {"status": "running", "io": {"bytes_recv": 10}, "active_since": "2026-11-01T00:00:00+00:00"},
         "nics": [{"mac": "22:aa", "io": 3}], "tags": ["t1"]}
        """#

    static func fingerprint(_ text: String, seed: UInt64 = 7) throws -> Int64 {
        WireFingerprint.hash(try WireValue(json: text), seed: seed)
    }

    @Test("Spacing, secrets and volatile runtime values do not count; any other value does")
    func whatCounts() throws {
        let base = try Self.fingerprint(Self.server)
        let compact = Self.server.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: ": ", with: ":")
        #expect(try Self.fingerprint(compact) == base)
        #expect(try Self.fingerprint(Self.server.replacingOccurrences(of: "secret-1", with: "secret-2")) == base)
        #expect(try Self.fingerprint(Self.server.replacingOccurrences(of: #""bytes_recv": 10"#, with: #""bytes_recv": 99"#)) == base)
        #expect(try Self.fingerprint(Self.server.replacingOccurrences(of: "2026-11-01T00", with: "2026-11-02T00")) == base)
        for (old, new) in [(#""web""#, #""web2""#), (#""io": 3"#, #""io": 4"#), (#""status": "running", "io""#, #""status": "stopped", "io""#),
                           (#"["t1"]"#, #"["t1", "t2"]"#), (#""s1""#, #""s2""#)] {
            #expect(try Self.fingerprint(Self.server.replacingOccurrences(of: old, with: new)) != base, "\(old) -> \(new)")
        }
        #expect(try Self.fingerprint(Self.server, seed: 8) != base)
    }

    @Test("A renamed CloudSigma tag changes every fingerprint of the account, so its objects are mapped again")
    func tagNamesSeedTheFingerprint() throws {
        let object = try WireValue(json: Self.server)
        let before = ResourceMapping(provider: .cloudsigma, tagNames: ["t1": "web"])
        let scope = SyncScope(account: "cs", provider: .cloudsigma, zone: "zrh", kind: .servers)
        let stored = ["s1": StoredHashes(content: 1, wire: before.fingerprint(object), zone: "zrh", listing: scope.listingName)]
        let same = StagedPage<ServerRow>([object], ids: ["s1"], stored: stored, scope: scope, mapping: before, map: { CloudSigmaMapping.server($0, tagNames: before.tagNames) },
                                         runtime: RawSanitizer.runtime)
        #expect(same.unchanged.map(\.id) == ["s1"] && same.changed.isEmpty)
        #expect(same.unchanged.first?.runtime?.contains("bytes_recv") == true, "an unchanged server still carries its runtime")

        let renamed = ResourceMapping(provider: .cloudsigma, tagNames: ["t1": "frontend"])
        let page = StagedPage<ServerRow>([object], ids: ["s1"], stored: stored, scope: scope, mapping: renamed, map: { CloudSigmaMapping.server($0, tagNames: renamed.tagNames) },
                                         runtime: RawSanitizer.runtime)
        #expect(page.unchanged.isEmpty)
        #expect(page.changed.map(\.row.tags) == [["frontend"]])

        // The same bytes stored as another location's are staged whole: a move, never "unchanged".
        let elsewhere = ["s1": StoredHashes(content: 1, wire: before.fingerprint(object), zone: "lvs", listing: scope.listingName)]
        let moved = StagedPage<ServerRow>([object], ids: ["s1"], stored: elsewhere, scope: scope, mapping: before,
                                          map: { CloudSigmaMapping.server($0, tagNames: before.tagNames) }, runtime: RawSanitizer.runtime)
        #expect(moved.unchanged.isEmpty && moved.changed.map(\.row.id) == ["s1"])
    }

    @Test("Over the wire: every resource keeps a fingerprint; a stale one costs a mapping, never a change")
    func staleFingerprints() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let fingerprints = try harness.read { db in
                try Row.fetchAll(db, sql: "SELECT id, wire_hash FROM servers UNION ALL SELECT id, wire_hash FROM drives")
                    .map { row -> String in "\(row[0] as String)=\(row[1] as Int64? ?? 0)" }
            }
            #expect(!fingerprints.isEmpty && !fingerprints.contains { $0.hasSuffix("=0") })

            // Given fingerprints that no longer match (as after a mapping change), when the same fleet syncs again
            try await DatabaseQueue(path: harness.databasePath).write { db in
                try db.execute(sql: "UPDATE servers SET wire_hash = wire_hash + 1; UPDATE drives SET wire_hash = NULL")
            }
            let report = try await harness.sync()

            // Then nothing changed, and the fingerprints are what they were
            #expect(report.scopes.allSatisfy { $0.counts == ScopeCounts() })
            #expect(try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM changes WHERE run_id = 2") } == 0)
            let again = try harness.read { db in
                try Row.fetchAll(db, sql: "SELECT id, wire_hash FROM servers UNION ALL SELECT id, wire_hash FROM drives")
                    .map { row -> String in "\(row[0] as String)=\(row[1] as Int64? ?? 0)" }
            }
            #expect(Set(again) == Set(fingerprints))
        }
    }
}
