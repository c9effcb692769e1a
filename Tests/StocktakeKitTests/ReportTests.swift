import Foundation
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

@Suite("stocktake report: figures from the named queries and the history", .serialized)
struct ReportTests {
    static func report(asOf: String? = nil, accounts: [String] = [], since: String = "#2") async throws -> (InventoryReport, QueryFixture) {
        let fixture = try await NamedQueryTests.fixture.value
        let inventory = try ReadOnlyInventory(path: fixture.databasePath, asOf: asOf)
        return (try ReportBuilder(inventory: inventory, library: try QueryLibrary(), accounts: accounts).build(since: since), fixture)
    }

    static func number(_ inventory: ReadOnlyInventory, _ sql: String) throws -> Int64 {
        Int64(ResultFormat.plain(try inventory.execute(sql).rows.first?.first ?? .null)) ?? 0
    }

    @Test("Headline figures equal the ground truth; waste counts and sizes equal the named queries' rows")
    func figures() async throws {
        let (report, fixture) = try await Self.report()
        let truth = NamedQueryTests.Truth(fixture.truth)
        #expect(report.run == 3 && !report.asOf)
        for account in ["scw", "cs"] {
            let figures = try #require(report.accounts.first { $0.account == account })
            let servers = truth.servers.filter { $0.account == account }
            var statuses: [String: Int] = [:]
            for server in servers { statuses[server.status, default: 0] += 1 }
            #expect(figures.servers == servers.count && figures.serversByStatus == statuses)
            let drives = truth.drives.filter { $0.account == account }
            #expect(figures.drives == drives.count && figures.storageBytes == drives.map(\.size).reduce(0, +))
            #expect(figures.storageBytesByType.values.reduce(0, +) == figures.storageBytes)
        }
        let ips = try #require(report.accounts.first { $0.account == "scw" }).ips
        #expect(ips == fixture.truth.scalewayIPs.count)
        #expect(report.waste.map(\.query) == InventoryReport.wasteQueries)
        for section in report.waste {
            let rows = try fixture.run(section.query)
            #expect(section.count == rows.count, "\(section.query)")
            #expect(section.rows.count == min(rows.count, InventoryReport.topRows))
            if section.bytes != nil {
                #expect(section.bytes == rows.compactMap { Int64($0["size_bytes"] ?? "") }.reduce(0, +), "\(section.query)")
            }
        }
        #expect(report.waste.contains { $0.count > InventoryReport.topRows }, "a section longer than the rows shown")
        #expect(report.changes.count == (try fixture.run("changes-since", ["since": "#2"])).count)
        let created = report.changeCounts.filter { $0.category == "created" && $0.resourceType == "server" }.map(\.count).reduce(0, +)
        #expect(created == fixture.truth.changes.filter { $0.epoch >= 1 && $0.action == .created && $0.resource == "server" }.count)
        let scopes = try ReadOnlyInventory(path: fixture.databasePath).status().count
        #expect(scopes > 0 && report.freshness.count == scopes && report.freshness.allSatisfy { !$0.failing })
    }

    @Test("The trend sweep equals as-of counts at every run, for the whole inventory and one account")
    func trends() async throws {
        for accounts in [[], ["cs"]] as [[String]] {
            let (report, fixture) = try await Self.report(accounts: accounts)
            #expect(report.trends.map(\.run) == [1, 2, 3])
            let filter = accounts.isEmpty ? "" : " AND account = 'cs'"
            for point in report.trends {
                let past = try ReadOnlyInventory(path: fixture.databasePath, asOf: String(point.run))
                #expect(Int64(point.servers) == (try Self.number(past, "SELECT COUNT(*) FROM current_servers WHERE 1\(filter)")))
                #expect(Int64(point.drives) == (try Self.number(past, "SELECT COUNT(*) FROM current_drives WHERE 1\(filter)")))
                #expect(point.storageBytes == (try Self.number(past, "SELECT SUM(size_bytes) FROM current_drives WHERE 1\(filter)")))
                #expect(point.unmountedBytes
                        == (try Self.number(past, "SELECT SUM(size_bytes) FROM current_drives WHERE status = 'unmounted'\(filter)")))
            }
            #expect(Set(report.trends.map(\.servers)).count > 1 || Set(report.trends.map(\.drives)).count > 1, "the fleet moved")
        }
        let (past, _) = try await Self.report(asOf: "2")
        #expect(past.asOf && past.run == 2 && past.trends.map(\.run) == [1, 2])
    }

    @Test("The HTML holds the same numbers, escapes names, fetches nothing; Markdown has the same sections")
    func renderings() async throws {
        let (report, _) = try await Self.report()
        let html = ReportHTML.render(report)
        for account in report.accounts {
            #expect(html.contains("\(account.servers) servers · \(account.drives) drives and volumes"), "\(account.account)")
        }
        for section in report.waste {
            #expect(html.contains("\(ReportHTML.escape(section.title)) <span class=\"count\">\(section.count)"), "\(section.query)")
        }
        #expect(html.contains("<meta name=\"stocktake-run\" content=\"3\">"))
        let currencies = Set(report.costTrends.map(\.currency))
        #expect(currencies == ["EUR", "CHF"])
        #expect(html.components(separatedBy: "<svg ").count == 5 + currencies.count, "four charts and a cost chart per currency")
        for account in report.accounts {
            #expect(!account.monthlyCost.isEmpty && html.contains(ReportFormat.money(account.monthlyCost) + " a month"), "\(account.account)")
            #expect(html.contains("Waste: " + ReportFormat.money(account.wasteCost)), "\(account.account)")
        }
        #expect(!html.contains("overflow-wrap:anywhere"), "no word is broken mid-way")
        #expect(!html.contains(">size_bytes</th>") && html.contains(">Size</th>"), "headers in words")
        // The cost trend is what the costs were as of each run, account by account.
        for point in report.costTrends {
            let past = try ReadOnlyInventory(path: (try await NamedQueryTests.fixture.value).databasePath, asOf: String(point.run))
            let sum = try past.execute("SELECT SUM(monthly_cost) FROM current_costs WHERE account = :a AND currency = :c",
                                       arguments: ["a": point.account, "c": point.currency]).rows.first.flatMap { Double.fromDatabaseValue($0[0]) }
            #expect(abs((sum ?? -1) - point.monthlyCost) < 1e-6, "run \(point.run) \(point.account)")
        }
        // A waste section's cost is the sum of waste-cost's rows of its kind.
        let waste = try ReadOnlyInventory(path: (try await NamedQueryTests.fixture.value).databasePath).execute(try QueryLibrary().query("waste-cost").sql, arguments: ["days": "90"])
        let unmounted = waste.rows.filter { ResultFormat.plain($0[3]) == "unmounted drive" }
        let section = try #require(report.waste.first { $0.query == "unmounted-drives" })
        for currency in Set(unmounted.map { ResultFormat.plain($0[9]) }) {
            let sum = unmounted.filter { ResultFormat.plain($0[9]) == currency }.compactMap { Double.fromDatabaseValue($0[10]) }.reduce(0, +)
            #expect(abs((section.cost.first { $0.currency == currency }?.amount ?? -1) - sum) < 0.011, "\(currency)")
        }
        for fetching in ["<script", "src=", "href=", "url(", "@import", "<link", "<iframe"] {
            #expect(!html.contains(fetching), "nothing is fetched when it is viewed: \(fetching)")
        }
        #expect(!html.contains("O'Brien \"db\""), "names are escaped")
        let markdown = ReportMarkdown.render(report)
        for heading in ["## Freshness", "## What there is", "## What it costs", "## Waste and trouble", "## Changes since #2", "## Trends"] {
            #expect(markdown.contains(heading))
        }
        let (cs, _) = try await Self.report(accounts: ["cs"])
        #expect(cs.accounts.map(\.account) == ["cs"] && cs.waste.allSatisfy { $0.rows.allSatisfy { $0[0] == "cs" } })
        await #expect(throws: QueryError.self) { _ = try await Self.report(accounts: ["nope"]) }
    }
}
