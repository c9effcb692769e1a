import Foundation
import GRDB
@testable import StocktakeKit
import Testing

/// The README's lists that come from the declarations, compared with them, so that a new kind
/// cannot leave the README behind.
@Suite("README lists match the declarations")
struct ReadmeTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The paragraph of the README that starts with `start`, up to the next blank line.
    static func paragraph(_ start: String) throws -> String {
        let range = try #require(readme.range(of: start), "README has no paragraph starting \(start)")
        let rest = readme[range.lowerBound...]
        return String(rest[..<(rest.range(of: "\n\n")?.lowerBound ?? rest.endIndex)])
    }

    /// The backquoted words of a text.
    static func quoted(_ text: String) -> Set<String> {
        Set(text.matches(of: /`([a-z_]+)`/).map { String($0.1) })
    }

    @Test("changes --type lists every resource type of the change log")
    func changeTypes() throws {
        let listed = Self.quoted(try Self.paragraph("The change log, oldest first."))
        #expect(Set(ReadOnlyInventory.changeTypes).subtracting(listed).isEmpty, "missing: \(Set(ReadOnlyInventory.changeTypes).subtracting(listed))")
    }

    @Test("export names every table it writes")
    func exportFiles() throws {
        let listed = Self.quoted(try Self.paragraph("Writes the inventory (resources that exist now"))
        let written = Set(InventoryExporter.files(format: .csv).filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) })
        #expect(written.subtracting(listed).isEmpty, "missing: \(written.subtracting(listed))")
    }

    @Test("--as-of and the history twins name every versioned table; kinds: names every listing")
    func versionedTablesAndKinds() async throws {
        let queue = try DatabaseQueue()
        try InventoryMigrations.migrator.migrate(queue)
        let versioned = try await queue.read { db in try AsOfViews.versionedTables(in: db) }
        let asOf = Self.quoted(try Self.paragraph("`--as-of WHEN` (on `query`"))
        #expect(Set(versioned + AsOfViews.runBounded.map(\.0)).subtracting(asOf).isEmpty)
        let twins = Self.quoted(try Self.paragraph("History twins (versions"))
        #expect(Set(versioned.map { $0 + "_history" }).subtracting(twins).isEmpty, "missing: \(Set(versioned.map { $0 + "_history" }).subtracting(twins))")
        let kinds = Self.quoted(try Self.paragraph("- `kinds:` names the listings an account syncs"))
        let listings = Set(Provider.allCases.flatMap { provider in provider.resourceKinds.map { $0.listingName(for: provider) } })
        #expect(listings.subtracting(kinds).isEmpty, "missing: \(listings.subtracting(kinds))")
    }
}
