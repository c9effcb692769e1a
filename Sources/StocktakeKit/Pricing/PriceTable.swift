/// The prices no Scaleway listing gives (the Instance API's `products/volumes` has no price, and
/// the public catalog prices Instances only): Block Storage and Local Storage per GB, snapshots
/// per GB and flexible IPs per hour, from Scaleway's own documentation, with the account's
/// `prices:` over them. A sync writes them into `prices` as the `price_table` listing, so they
/// have history like any price: changing one in the configuration is a change at the next sync.
public struct PriceTable: Sendable, Equatable {
    /// One bundled price: what it is for, per what unit, and where it was read.
    public struct Entry: Sendable, Equatable {
        /// `volume`, `snapshot` or `ip`: the `prices.category` the cost rules look in.
        public let category: String
        /// The volume type, snapshot volume type or IP type it prices, as the listings write them.
        public let product: String
        public let unit: String
        /// Euros per unit, as decimal text; fr-par-3 (PAR3) has its own where Scaleway says so.
        public let price: String
        public let priceInPAR3: String?
        /// Divides price × amount × seconds into euros: 3600 for a price per hour of one thing,
        /// 3600 × 10^9 for a price per GB-hour of a size in bytes (decimal GB).
        public let multiplier: Int64
    }

    /// Where the bundled prices were read, and when.
    public static let source = "bundled: Scaleway docs-content pages/instances/faq.mdx (commit 0c8b3087), read 2026-08"

    /// Scaleway's documented prices (excl. VAT): Block Storage €0.000118/GB-hour (PAR3 €0.000177), Local
    /// Storage €0.000044/GB-hour, snapshots €0.000044/GB-hour (PAR3 €0.000066 for Block snapshots),
    /// flexible IPv4 €0.004/hour, flexible IPv6 free. No separate sbs_15k price is published: it takes Block's.
    public static let scalewayEntries: [Entry] = {
        let gigabyteHour: Int64 = 3_600_000_000_000
        let block = ["b_ssd", "sbs_5k", "sbs_15k", "sbs_volume"]
        var entries = block.map { Entry(category: "volume", product: $0, unit: "GB-hour", price: "0.000118", priceInPAR3: "0.000177", multiplier: gigabyteHour) }
        entries.append(Entry(category: "volume", product: "l_ssd", unit: "GB-hour", price: "0.000044", priceInPAR3: nil, multiplier: gigabyteHour))
        entries += ["l_ssd", "unified"].map { Entry(category: "snapshot", product: $0, unit: "GB-hour", price: "0.000044", priceInPAR3: nil, multiplier: gigabyteHour) }
        entries += block.map { Entry(category: "snapshot", product: $0, unit: "GB-hour", price: "0.000044", priceInPAR3: "0.000066", multiplier: gigabyteHour) }
        entries += ["routed_ipv4", "nat"].map { Entry(category: "ip", product: $0, unit: "hour", price: "0.004", priceInPAR3: nil, multiplier: 3600) }
        entries.append(Entry(category: "ip", product: "routed_ipv6", unit: "hour", price: "0", priceInPAR3: nil, multiplier: 3600))
        return entries
    }()

    /// Seconds in a Scaleway billing month: 730 hours.
    public static let scalewayMonthSeconds: Int64 = 2_628_000
    /// Seconds in a CloudSigma billing month: 30 days.
    public static let cloudSigmaMonthSeconds: Int64 = 2_592_000

    /// The account's own prices (`prices:`), by `category/product`, as decimal text in the entry's unit.
    public var overrides: [String: String]

    public init(overrides: [String: String] = [:]) {
        self.overrides = overrides
    }

    /// `category/product` of an entry: how `prices:` names it.
    public static func key(_ entry: Entry) -> String { entry.category + "/" + entry.product }

    /// The names `prices:` accepts.
    public static var keys: [String] { scalewayEntries.map(key) }

    /// The table's prices in `zone` as listing objects (`id` `zone/category/product`), each naming its source.
    func objects(zone: String) throws -> [WireValue] {
        let texts = Self.scalewayEntries.map { entry in
            let own = overrides[Self.key(entry)]
            let price = own ?? (zone == "fr-par-3" ? entry.priceInPAR3 ?? entry.price : entry.price)
            let fields: [(String, String)] = [
                ("id", "\(zone)/\(entry.category)/\(entry.product)"), ("category", entry.category), ("product", entry.product),
                ("currency", "EUR"), ("unit", entry.unit), ("price", price), ("multiplier", String(entry.multiplier)),
                ("source", own == nil ? Self.source : "configuration: prices: \(Self.key(entry))"),
            ]
            return "{" + fields.map { JSONStringEscapes.quoted($0.0) + ":" + JSONStringEscapes.quoted($0.1) }.joined(separator: ",") + "}"
        }
        return try WireValue(json: "[" + texts.joined(separator: ",") + "]").elements
    }
}
