import Foundation
import GRDB

/// What `stocktake report` shows, computed once and rendered as HTML, Markdown or JSON:
/// headline figures per account, waste, changes since a time, trends over the
/// synced history, and the freshness of every scope. Every figure comes from a
/// named query or the history tables, as of the inventory's run.
public struct InventoryReport: Sendable, Codable, Equatable {
    /// One account's headline figures.
    public struct Account: Sendable, Codable, Equatable {
        public var account: String
        public var provider: String
        public var servers: Int
        public var serversByStatus: [String: Int]
        public var drives: Int
        public var storageBytes: Int64
        public var storageBytesByType: [String: Int64]
        public var unmountedBytes: Int64
        public var ips: Int
        public var snapshots: Int
        /// What its resources cost a month (one amount per currency; `cost-by-account`), and how many have no price.
        public var monthlyCost: [Money] = []
        public var unpricedResources = 0
        /// What its waste costs a month (`waste-cost`), and how many waste rows have no price.
        public var wasteCost: [Money] = []
        public var unpricedWaste = 0
    }

    /// An amount of money in one currency; amounts in two currencies are never added.
    public struct Money: Sendable, Codable, Equatable {
        public var currency: String
        public var amount: Double

        /// `1,792.66 EUR`.
        public var text: String { ReportFormat.money(amount, currency: currency) }
    }

    /// A named query whose rows are waste or trouble: how many, how large, the first rows.
    public struct Section: Sendable, Codable, Equatable {
        public var query: String
        public var title: String
        public var count: Int
        /// The sum of its `size_bytes` column, when it has one.
        public var bytes: Int64?
        public var columns: [String]
        public var rows: [[String]]
        /// What its rows cost a month, per currency, and how many have no price (priced sections only).
        public var cost: [Money] = []
        public var unpriced = 0

        /// "The first 15 of 28" ("The newest" for the change log, shown newest first) when rows were
        /// left out, with the command that lists them all; nil when every row is shown.
        public var omitted: String? {
            guard count > rows.count else { return nil }
            return "\(query == "changes-since" ? "The newest" : "The first") \(rows.count) of \(count): "
                + "`stocktake query \(query)` lists them all."
        }
    }

    /// How many changes of one kind since `since`.
    public struct ChangeCount: Sendable, Codable, Equatable {
        public var category: String
        public var resourceType: String
        public var count: Int
    }

    /// The inventory after one run, from the history tables.
    public struct TrendPoint: Sendable, Codable, Equatable {
        public var run: Int64
        public var time: String
        public var servers: Int
        public var drives: Int
        public var storageBytes: Int64
        /// Bytes of drives whose own status was `unmounted`.
        public var unmountedBytes: Int64
    }

    /// One account's counts after every run (when the report covers several accounts).
    public struct AccountTrend: Sendable, Codable, Equatable {
        public var account: String
        public var points: [TrendPoint]
    }

    /// What one account's resources cost a month as of one run, at that run's prices.
    public struct CostPoint: Sendable, Codable, Equatable {
        public var run: Int64
        public var time: String
        public var account: String
        public var currency: String
        public var monthlyCost: Double
        public var unpriced: Int
    }

    /// One scope's last success, and whether its newest attempt failed.
    public struct Freshness: Sendable, Codable, Equatable {
        public var account: String
        public var zone: String
        public var kind: String
        public var lastComplete: String?
        public var ageSeconds: Double?
        public var failing: Bool
        public var lastError: String?
    }

    public var generatedAt: String
    /// The run the report shows (the newest, or the `--as-of` one).
    public var run: Int64?
    public var asOf: Bool
    /// The start of the changes section, as typed and as a time; no time when it names the run
    /// after the newest (the previous report showed the newest run: no sync since).
    public var since: String
    public var sinceTime: String?
    /// What the changes section's heading says after `since`, in parentheses: the time, or that no sync ran since.
    public var sinceWords: String
    public var accountFilter: [String]
    public var accounts: [Account]
    public var waste: [Section]
    public var changeCounts: [ChangeCount]
    public var changes: Section
    public var trends: [TrendPoint]
    public var freshness: [Freshness]
    /// The monthly cost per account, currency, resource type and product (`cost-by-type`), dearest first.
    public var costByType: Section
    /// Each account's counts per run, when the report covers several accounts.
    public var accountTrends: [AccountTrend] = []
    /// The monthly cost per account and currency after each of (at most `costTrendRuns`) runs.
    public var costTrends: [CostPoint] = []

    /// The named queries the waste section shows, in order.
    public static let wasteQueries = ["unmounted-drives", "unattached-ips", "orphan-snapshots", "servers-without-nics",
                                      "drives-on-stopped-servers"]
    /// Rows shown per section; the counts and sizes cover every row.
    public static let topRows = 15
    /// The waste-cost kind of each waste section's rows (servers-without-nics is trouble, not a cost).
    public static let wasteKinds = ["unmounted-drives": "unmounted drive", "unattached-ips": "unattached IP",
                                    "orphan-snapshots": "orphan snapshot", "drives-on-stopped-servers": "drive of a stopped server"]
    /// Runs the cost trend prices at most (spread evenly, the first and the last among them): each is a
    /// pass over the history, so a long history is sampled rather than priced run by run.
    public static let costTrendRuns = 6
}
