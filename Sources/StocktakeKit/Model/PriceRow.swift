/// One price of a provider's price list, normalized: one row of `prices`.
///
/// Every price reads the same way, whatever its provider wrote: a resource of `amount` units
/// (1 server or IP, its size in bytes, its CPU in MHz) costs `price × amount × seconds / multiplier`
/// in `currency` over `seconds`, and a month is `month_seconds` (Scaleway bills 730 hours,
/// CloudSigma a 30-day month). `price` is kept as the decimal text the provider wrote.
public struct PriceRow: Sendable, Equatable {
    /// Unique within the account: the zone and the product for Scaleway (`fr-par-1/DEV1-S`,
    /// `catalog/fr-par-1//compute/...`), CloudSigma's own price id.
    public var id: String
    /// What the price applies to: `server` (a Scaleway commercial type), `volume`, `snapshot`, `ip`
    /// (Scaleway, by volume or IP type), or CloudSigma's `resource` for its `cpu`, `mem`, `dssd`, `ip`...
    public var category: String
    /// The commercial type, volume type, IP type or CloudSigma resource the price is for.
    public var product: String
    /// CloudSigma's burst level (0 is the subscription price); 0 for Scaleway.
    public var level: Int64
    /// Whether this is the price usage is billed at now: CloudSigma's burst level in force for the
    /// resource (`pricing/`'s `current`) is this one's; every Scaleway price is.
    public var inForce: Bool?
    public var currency: String?
    /// The unit the provider prices in, in its words: `hour`, `GB-hour`, `GHz/hour`, `GB/month`, `IP`.
    public var unit: String?
    /// The price per `unit`, as the provider wrote it; nil when the list names the product without a price.
    public var price: String?
    /// Divides `price × amount × seconds` into money (3600 for a price per hour of one server).
    public var multiplier: Int64
    /// Seconds in the provider's billing month: 2 628 000 (730 hours) or 2 592 000 (30 days).
    public var monthSeconds: Int64
    /// Where the price came from: `products/servers`, `catalog`, `pricing`, `bundled`, `configuration`.
    public var source: String
    /// Scaleway's stated monthly price, kept for reference and never used (deprecated; ×500, ×720, ×730 by era).
    public var statedMonthly: String?
    public var raw: String
}

extension PriceRow: StagedRow {
    /// Prices carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<PriceRow>] = [
        .text("category") { $0.category }, .text("product") { $0.product }, .integer("level") { $0.level },
        .flag("in_force") { $0.inForce },
        .text("currency") { $0.currency }, .text("unit") { $0.unit }, .text("price") { $0.price },
        .integer("multiplier") { $0.multiplier }, .integer("month_seconds") { $0.monthSeconds },
        .text("source") { $0.source }, .text("stated_monthly") { $0.statedMonthly },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] { [] }
}
