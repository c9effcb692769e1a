import Foundation
import GRDB
import Synchronization

/// Computes an `InventoryReport` from a read-only inventory (as of its run).
public struct ReportBuilder: Sendable {
    public let inventory: ReadOnlyInventory
    public let library: QueryLibrary
    /// Only these accounts (all when empty).
    public let accounts: [String]

    public init(inventory: ReadOnlyInventory, library: QueryLibrary, accounts: [String] = []) {
        self.inventory = inventory
        self.library = library
        self.accounts = accounts
    }

    /// The report, with changes from `since` (a run `#3`, a time or an age) on.
    public func build(since: String) throws -> InventoryReport {
        for account in accounts { try inventory.requireAccount(account) }
        let run = Int64(try scalar("SELECT MAX(id) FROM sync_runs", [:]))
        // The run after the one the previous report showed, when no sync has made it yet: nothing since.
        let nothingSince = TimeExpression.run(since).map { $0 > (run ?? 0) } ?? false
        let sinceTime = nothingSince ? nil : try scalar("SELECT stocktake_time(:since)", ["since": since])
        let waste = try wasteCosts()
        let trends = try TrendSweep(inventory: inventory, accounts: accounts).points()
        var report = InventoryReport(
            generatedAt: TimeExpression.stored(Date()), run: run, asOf: inventory.asOfRun != nil, since: since,
            sinceTime: sinceTime, sinceWords: sinceTime ?? "no sync since run #\(run ?? 0), which the previous report showed",
            accountFilter: accounts, accounts: try headline(waste: waste),
            waste: try InventoryReport.wasteQueries.map { priced(try section($0, arguments: [:]), waste: waste) },
            changeCounts: try changeCounts(since: since), changes: try newestChanges(since: since),
            trends: trends, freshness: try freshness(), costByType: try section("cost-by-type", arguments: [:]))
        let names = report.accounts.map(\.account)
        if names.count > 1 {
            report.accountTrends = try names.map { InventoryReport.AccountTrend(account: $0, points: try TrendSweep(inventory: inventory, accounts: [$0]).points()) }
        }
        report.costTrends = try costTrends(trends)
        return report
    }

    /// Every waste-cost row's cost by `account|id`, and the totals per waste kind and per account.
    struct WasteCosts {
        var rows: [String: (cost: Double?, currency: String)] = [:]
        var byKind: [String: (money: [String: Double], unpriced: Int)] = [:]
        var byAccount: [String: (money: [String: Double], unpriced: Int)] = [:]
    }

    private func wasteCosts() throws -> WasteCosts {
        let query = try library.query("waste-cost")
        var costs = WasteCosts()
        _ = try inventory.scan(inventory.sql(of: query), arguments: try query.arguments()) { names, row in
            func value(_ column: String) -> DatabaseValue { names.firstIndex(of: column).map { row[$0] } ?? .null }
            let account = ResultFormat.plain(value("account"))
            guard accounts.isEmpty || accounts.contains(account) else { return }
            let kind = ResultFormat.plain(value("waste")), currency = ResultFormat.plain(value("currency"))
            let cost = Double.fromDatabaseValue(value("monthly_cost"))
            costs.rows[account + "|" + ResultFormat.plain(value("id"))] = (cost, currency)
            Self.add(cost, currency: currency, to: &costs.byKind[kind, default: ([:], 0)])
            Self.add(cost, currency: currency, to: &costs.byAccount[account, default: ([:], 0)])
        }
        return costs
    }

    /// Adds a row's cost to a total in its currency, or counts it unpriced.
    private static func add(_ cost: Double?, currency: String, to total: inout (money: [String: Double], unpriced: Int)) {
        if let cost { total.money[currency, default: 0] += cost } else { total.unpriced += 1 }
    }

    /// A waste section with its rows' monthly cost (a column, and the totals): the costs waste-cost gives them.
    private func priced(_ section: InventoryReport.Section, waste: WasteCosts) -> InventoryReport.Section {
        guard let kind = InventoryReport.wasteKinds[section.query], let account = section.columns.firstIndex(of: "account"),
              let id = section.columns.firstIndex(of: "id") else { return section }
        var priced = section
        let totals = waste.byKind[kind] ?? ([:], 0)
        priced.cost = Self.money(totals.money)
        priced.unpriced = totals.unpriced
        priced.columns.append("monthly_cost")
        priced.rows = section.rows.map { row in
            let found = waste.rows[row[account] + "|" + row[id]]
            let text = found.map { entry in entry.cost.map { ReportFormat.money($0, currency: entry.currency) } ?? "unknown" } ?? ""
            return row + [text]
        }
        return priced
    }

    static func money(_ amounts: [String: Double]) -> [InventoryReport.Money] {
        amounts.sorted { $0.key < $1.key }.map { InventoryReport.Money(currency: $0.key, amount: ($0.value * 100).rounded() / 100) }
    }

    /// The monthly cost per account and currency as of at most `costTrendRuns` of the trend's runs.
    private func costTrends(_ trends: [InventoryReport.TrendPoint]) throws -> [InventoryReport.CostPoint] {
        let limit = InventoryReport.costTrendRuns
        let chosen = trends.count <= limit ? trends : (0..<limit).map { trends[Int((Double($0) * Double(trends.count - 1) / Double(limit - 1)).rounded())] }
        // Each run is a pass over the history; on SQLite two passes run at once, each on a connection of its own.
        let results = Mutex<[Int: Result<ResultTable, any Error>]>([:])
        let parallel: Bool
        if case .sqlite = inventory.backend { parallel = true } else { parallel = false }
        DispatchQueue.concurrentPerform(iterations: parallel ? 2 : 1) { worker in
            for (index, point) in chosen.enumerated() where index % (parallel ? 2 : 1) == worker {
                let result = Result { () throws -> ResultTable in
                    let reader = parallel ? try ReadOnlyInventory(path: inventory.path) : inventory
                    return try reader.execute("""
                        SELECT account, currency, SUM(monthly_cost), SUM(CASE WHEN monthly_cost IS NULL THEN 1 ELSE 0 END)
                        FROM (\(CostRules.select(atRun: String(point.run)))) c GROUP BY account, currency ORDER BY account, currency
                        """)
                }
                results.withLock { $0[index] = result }
            }
        }
        var points: [InventoryReport.CostPoint] = []
        for (index, point) in chosen.enumerated() {
            guard let result = results.withLock({ $0[index] }) else { continue }
            for row in selected(try result.get()) {
                points.append(InventoryReport.CostPoint(run: point.run, time: point.time, account: ResultFormat.plain(row[0]),
                                                        currency: ResultFormat.plain(row[1]), monthlyCost: Double.fromDatabaseValue(row[2]) ?? 0,
                                                        unpriced: Int(Int64.fromDatabaseValueOrNil(row[3]) ?? 0)))
            }
        }
        return points
    }

    /// A named query's rows for the chosen accounts: their count, the sum of `size_bytes`, the first rows.
    /// The rows are scanned, not held: only the first ones are kept.
    func section(_ name: String, arguments: [String: String]) throws -> InventoryReport.Section {
        let query = try library.query(name)
        var count = 0, bytes: Int64 = 0
        var first: [[String]] = []
        let columns = try inventory.scan(inventory.sql(of: query), arguments: try query.arguments(arguments.map { ($0.key, $0.value) })) { names, row in
            if !accounts.isEmpty, let account = names.firstIndex(of: "account"), !accounts.contains(ResultFormat.plain(row[account])) {
                return
            }
            count += 1
            if let size = names.firstIndex(of: "size_bytes") { bytes += Int64.fromDatabaseValueOrNil(row[size]) ?? 0 }
            if first.count < InventoryReport.topRows { first.append(row.map(ResultFormat.plain)) }
        }
        return InventoryReport.Section(query: name, title: query.title, count: count,
                                       bytes: columns.contains("size_bytes") ? bytes : nil, columns: columns, rows: first)
    }

    /// The newest changes from `since` on, each with the name its resource had then, and how many there are:
    /// looked up for those rows alone (the `changes-since` query names every change).
    private func newestChanges(since: String) throws -> InventoryReport.Section {
        let filter = accounts.isEmpty ? "" : " AND account IN (\(accounts.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")))"
        // Price and usage changes are the cost section's (cost-changes-since), as changes-since leaves them out.
        let recent = "changed_at >= stocktake_time(:since) AND \(ResourceTableSpec.resourceChangesOnly)\(filter)"
        let count = Int(try scalar("SELECT COUNT(*) FROM changes WHERE \(recent)", ["since": since])) ?? 0
        let names = ResourceTableSpec.all.map { spec in
            """
            (SELECT h.\(spec.summaryColumns[0]) FROM \(spec.table)_history h WHERE h.account = c.account AND h.id = c.resource_id
               AND h.valid_from_run <= c.run_id ORDER BY h.valid_from_run DESC LIMIT 1)
            """
        }
        let result = try inventory.execute("""
            SELECT c.changed_at, c.run_id, c.account, c.resource_type, c.resource_id AS id, COALESCE(\(names.joined(separator: ", "))) AS name,
                   c.child_key, c.kind, c.field, c.old_value, c.new_value
            FROM (SELECT * FROM changes WHERE \(recent) ORDER BY id DESC LIMIT \(InventoryReport.topRows)) c ORDER BY c.id DESC
            """, arguments: ["since": since])
        return InventoryReport.Section(query: "changes-since", title: "Every field-level change since a time", count: count, bytes: nil,
                                       columns: result.columns, rows: result.rows.map { $0.map(ResultFormat.plain) })
    }

    /// The rows of the chosen accounts (a result's `account` column), all when none was chosen.
    func selected(_ result: ResultTable) -> [[DatabaseValue]] {
        guard !accounts.isEmpty, let column = result.columns.firstIndex(of: "account") else { return result.rows }
        return result.rows.filter { accounts.contains(ResultFormat.plain($0[column])) }
    }

    private func headline(waste: WasteCosts) throws -> [InventoryReport.Account] {
        var figures: [String: InventoryReport.Account] = [:]
        let providers = try inventory.execute("SELECT name AS account, provider FROM accounts ORDER BY name")
        for row in selected(providers) {
            let name = ResultFormat.plain(row[0])
            figures[name] = InventoryReport.Account(
                account: name, provider: ResultFormat.plain(row[1]), servers: 0, serversByStatus: [:], drives: 0, storageBytes: 0,
                storageBytesByType: [:], unmountedBytes: 0, ips: 0, snapshots: 0)
        }
        let status = try inventory.execute(inventory.sql(of: try library.query("status-summary")))
        for row in selected(status) {
            let name = ResultFormat.plain(row[0]), count = Int(Int64.fromDatabaseValueOrNil(row[4]) ?? 0)
            figures[name]?.servers += count
            figures[name]?.serversByStatus[ResultFormat.plain(row[3]), default: 0] += count
        }
        let storage = try inventory.execute(inventory.sql(of: try library.query("storage-summary")))
        for row in selected(storage) {
            let name = ResultFormat.plain(row[0]), bytes = Int64.fromDatabaseValueOrNil(row[6]) ?? 0
            figures[name]?.drives += Int(Int64.fromDatabaseValueOrNil(row[5]) ?? 0)
            figures[name]?.storageBytes += bytes
            figures[name]?.storageBytesByType[ResultFormat.plain(row[3]), default: 0] += bytes
            if ResultFormat.plain(row[4]) == "unmounted" { figures[name]?.unmountedBytes += bytes }
        }
        for (table, keyPath) in [("current_ips", \InventoryReport.Account.ips), ("current_snapshots", \.snapshots)] {
            for row in selected(try inventory.execute("SELECT account, COUNT(*) FROM \(table) GROUP BY account")) {
                figures[ResultFormat.plain(row[0])]?[keyPath: keyPath] = Int(Int64.fromDatabaseValueOrNil(row[1]) ?? 0)
            }
        }
        var costs: [String: [String: Double]] = [:]
        for row in selected(try inventory.execute(inventory.sql(of: try library.query("cost-by-account")))) {
            let name = ResultFormat.plain(row[0])
            if let amount = Double.fromDatabaseValue(row[4]) { costs[name, default: [:]][ResultFormat.plain(row[2])] = amount }
            figures[name]?.unpricedResources += Int(Int64.fromDatabaseValueOrNil(row[5]) ?? 0)
        }
        for name in figures.keys {
            figures[name]?.monthlyCost = Self.money(costs[name] ?? [:])
            figures[name]?.wasteCost = Self.money(waste.byAccount[name]?.money ?? [:])
            figures[name]?.unpricedWaste = waste.byAccount[name]?.unpriced ?? 0
        }
        return figures.values.sorted { $0.account < $1.account }
    }

    private func changeCounts(since: String) throws -> [InventoryReport.ChangeCount] {
        let result = try inventory.execute("""
            SELECT account, category, resource_type, COUNT(*) FROM (
                SELECT account, resource_type,
                       CASE WHEN child_key IS NULL AND kind IN ('created', 'deleted', 'reappeared') THEN kind
                            WHEN resource_type = 'server_drive' AND kind = 'created' THEN 'attached'
                            WHEN resource_type = 'server_drive' AND kind = 'deleted' THEN 'detached'
                            WHEN child_key IS NULL AND kind = 'updated' AND field = 'name' THEN 'renamed'
                            WHEN child_key IS NULL AND kind = 'updated' AND field = 'size_bytes' THEN 'resized'
                            WHEN child_key IS NULL AND kind = 'updated' AND field = 'status' THEN 'status changed'
                       END AS category
                FROM changes WHERE changed_at >= stocktake_time(:since) AND \(ResourceTableSpec.resourceChangesOnly)) categorized
            WHERE category IS NOT NULL GROUP BY 1, 2, 3
            """, arguments: ["since": since])
        var counts: [String: Int] = [:]
        for row in selected(result) {
            counts["\(ResultFormat.plain(row[1]))|\(ResultFormat.plain(row[2]))", default: 0] += Int(Int64.fromDatabaseValueOrNil(row[3]) ?? 0)
        }
        let order = ["created", "deleted", "reappeared", "renamed", "resized", "status changed", "attached", "detached"]
        return counts.map { key, count in
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            return InventoryReport.ChangeCount(category: parts[0], resourceType: parts[1], count: count)
        }.sorted { ((order.firstIndex(of: $0.category) ?? 99), $0.resourceType) < ((order.firstIndex(of: $1.category) ?? 99), $1.resourceType) }
    }

    private func freshness() throws -> [InventoryReport.Freshness] {
        try inventory.status().filter { accounts.isEmpty || accounts.contains($0.account) }.map { status in
            InventoryReport.Freshness(account: status.account, zone: status.zone, kind: status.kind, lastComplete: status.lastComplete,
                                      ageSeconds: status.ageSeconds, failing: status.lastError != nil, lastError: status.lastError)
        }
    }

    private func scalar(_ sql: String, _ arguments: [String: String]) throws -> String {
        ResultFormat.plain(try inventory.execute(sql, arguments: arguments).rows.first?.first ?? .null)
    }
}
