import Foundation

/// The prices the simulator's price lists serve at an epoch: Scaleway's `products/servers` and
/// public catalog per zone, CloudSigma's `pricing/` and the account's currency. Some prices change
/// every second epoch, one type's `hourly_price` is null in `products/servers` (the catalog still
/// prices it), and fr-par-3 costs 1.5 times the other zones, as the real lists do.
///
/// Prices are integers of a fixed fraction (micro-euros for Scaleway, 10^-8 for CloudSigma) so that
/// what is served and what tests expect are the same decimal text.
public struct SimulatedPriceBook: Sendable, Equatable {
    public let epoch: Int

    public init(epoch: Int) {
        self.epoch = epoch
    }

    /// Commercial types served, with their hourly price in micro-euros at epoch 0 in a 1x zone.
    static let scalewayBase: [(type: String, micros: Int64)] = [
        ("DEV1-S", 9_900), ("DEV1-M", 19_800), ("GP1-XS", 92_800), ("GP1-S", 184_800), ("PRO2-S", 224_000),
        ("PLAY2-NANO", 14_000), ("POP2-4C-16G", 147_000), ("L4-1-24G", 750_000),
    ]

    /// The type whose `hourly_price` (and `monthly_price`) products/servers serves as null.
    public static let typeWithoutListedPrice = "POP2-4C-16G"
    /// Types whose price rises 10 % every second epoch.
    static let risingTypes: Set<String> = ["DEV1-S", "GP1-XS"]

    /// The commercial types the lists name, in their order.
    public static var scalewayTypes: [String] { scalewayBase.map(\.type) }

    /// The hourly price of `type` in `zone` in micro-euros, or nil for a type the lists do not name.
    public func scalewayHourlyMicros(_ type: String, zone: String) -> Int64? {
        guard let base = Self.scalewayBase.first(where: { $0.type == type })?.micros else { return nil }
        var micros = Self.risingTypes.contains(type) ? base * Int64(100 + 10 * (epoch / 2)) / 100 : base
        if zone == "fr-par-3" { micros = micros * 3 / 2 }
        return micros
    }

    /// The hourly price of `type` in `zone` as decimal euros, as `products/servers` writes it.
    public func scalewayHourlyPrice(_ type: String, zone: String) -> String? {
        scalewayHourlyMicros(type, zone: zone).map { Self.decimal($0, places: 6) }
    }

    // MARK: CloudSigma

    /// The CloudSigma account's currency (`balance/`).
    public static let cloudSigmaCurrency = "CHF"
    static let currencies = ["CHF", "EUR", "GBP", "USD"]

    /// (resource, unit, multiplier, level-0 price in 10^-8 of the currency at epoch 0) served by `pricing/`.
    static let cloudSigmaBase: [(resource: String, unit: String, multiplier: Int64, price: Int64)] = [
        ("cpu", "GHz/hour", 3_600_000, 1_360_000), ("mem", "GB/hour", 3_865_470_566_400, 1_790_000),
        ("dssd", "GB/month", 2_783_138_807_808_000, 14_000_000), ("ip", "IP", 2_592_000, 500_000_000),
        ("vlan", "VLAN", 2_592_000, 1_000_000_000), ("tx", "GB", 1_073_741_824, 5_000_000),
    ]

    /// The price of `resource` at `level` in `currency`, in 10^-8 of it: level 1 costs twice level 0,
    /// currencies differ by a fixed factor, and `cpu` rises every second epoch.
    public func cloudSigmaPrice(_ resource: String, level: Int, currency: String) -> Int64? {
        guard let base = Self.cloudSigmaBase.first(where: { $0.resource == resource })?.price,
              let factor = ["CHF": 100, "EUR": 95, "GBP": 82, "USD": 110][currency] else { return nil }
        let risen = resource == "cpu" ? base + 100_000 * Int64(epoch / 2) : base
        return risen * Int64(factor) / 100 * Int64(level + 1)
    }

    /// The multiplier `pricing/` gives `resource`.
    public static func cloudSigmaMultiplier(_ resource: String) -> Int64? {
        cloudSigmaBase.first { $0.resource == resource }?.multiplier
    }

    // MARK: Bodies

    /// The hours `monthly_price` counts, by era as recorded: the ~500-hour cap (before 2021) at epoch 0,
    /// a 30-day month (2021 to mid-2022) at epoch 1, 730 hours after. Stocktake never reads it.
    var monthlyHours: Int64 {
        epoch == 0 ? 500 : epoch == 1 ? 720 : 730
    }

    /// products/servers of `zone`: every type, keyed by name, in order.
    func scalewayServerTypes(zone: String) -> [(String, JSONValue)] {
        Self.scalewayTypes.map { type in
            let listed = type == Self.typeWithoutListedPrice ? nil : scalewayHourlyMicros(type, zone: zone)
            return (type, .object([
                ("alt_names", .array([])), ("arch", .string(type.hasPrefix("L4") ? "x86_64" : "x86_64")),
                ("ncpus", .int(type.hasPrefix("DEV1-S") ? 2 : 4)),
                ("hourly_price", listed.map { .number(Self.decimal($0, places: 6)) } ?? .null),
                ("monthly_price", listed.map { .number(Self.decimal($0 * monthlyHours, places: 6)) } ?? .null),
                ("end_of_service", .bool(false)),
            ]))
        }
    }

    /// The catalog's Instance products of `zone`; GPU types are priced per minute, as the real catalog does.
    func catalogProducts(zone: String) -> [JSONValue] {
        Self.scalewayTypes.compactMap { type in
            guard let micros = scalewayHourlyMicros(type, zone: zone) else { return nil }
            let perMinute = type.hasPrefix("L4")
            let nanos = perMinute ? micros * 1000 / 60 : micros * 1000
            return .object([
                ("sku", .string("/compute/\(type.lowercased().replacingOccurrences(of: "-", with: "_"))/run_\(zone)")),
                ("service_category", .string("Compute")), ("product_category", .string("Instance")),
                ("product", .string(type)), ("variant", .string("\(type) - \(zone)")),
                ("locality", .object([("zone", .string(zone))])),
                ("price", .object([("retail_price", .object([
                    ("currency_code", .string("EUR")), ("units", .int(nanos / 1_000_000_000)), ("nanos", .int(nanos % 1_000_000_000)),
                ]))])),
                ("properties", .object([("instance", .object([("range", .string("General Purpose")), ("offer_id", .string(type))]))])),
                ("unit_of_measure", .object([("unit", .string(perMinute ? "minute" : "hour")), ("size", .int(1))])),
                ("status", .string("general_availability")),
            ])
        }
    }

    /// pricing/'s objects: every resource at levels 0 and 1 in every currency, ids from 1.
    func cloudSigmaPricing() -> [JSONValue] {
        var objects: [JSONValue] = []
        for currency in Self.currencies {
            for entry in Self.cloudSigmaBase {
                for level in 0...1 {
                    let price = cloudSigmaPrice(entry.resource, level: level, currency: currency) ?? 0
                    objects.append(.object([
                        ("currency", .string(currency)), ("id", .string(String(objects.count + 1))), ("level", .int(Int64(level))),
                        ("multiplier", .int(entry.multiplier)), ("price", .string(Self.decimal(price, places: 8, padTo: 20))),
                        ("resource", .string(entry.resource)), ("unit", .string(entry.unit)),
                    ]))
                }
            }
        }
        return objects
    }

    /// What the CloudSigma account has subscribed to, per resource, in base units (MHz, bytes, counts).
    public static let cloudSigmaSubscriptions: [(resource: String, amount: Int64)] = [
        ("cpu", 20_000), ("mem", 32 * 1_073_741_824), ("dssd", 3000 * 1_073_741_824), ("ip", 8), ("vlan", 40),
    ]

    /// subscriptions/: one subscription per subscribed resource, a year long, priced at level 0 in the
    /// account's currency; every one renews but the VLANs', which ends 20 days from `now`.
    func cloudSigmaSubscriptionObjects(now: Date = Date()) -> [JSONValue] {
        let formatter = ISO8601DateFormatter()
        func noon(_ days: Double) -> String {
            String(formatter.string(from: now.addingTimeInterval(days * 86_400)).prefix(10)) + "T12:00:00+00:00"
        }
        return Self.cloudSigmaSubscriptions.enumerated().map { index, entry in
            // Bought at the prices of the day it was (epoch 0): a subscription's price does not follow the list.
            let price = Double(SimulatedPriceBook(epoch: 0).cloudSigmaPrice(entry.resource, level: 0, currency: Self.cloudSigmaCurrency) ?? 0) / 1e8
                * Double(entry.amount) * 2_592_000 / Double(Self.cloudSigmaMultiplier(entry.resource) ?? 1)
            return .object([
                ("amount", .string(String(entry.amount))), ("auto_renew", .bool(entry.resource != "vlan")),
                ("end_time", .string(noon(entry.resource == "vlan" ? 20 : 200))), ("id", .string(String(index + 1))),
                ("period", .string("365 days, 0:00:00")), ("price", .string(String(format: "%.2f", price * 365 / 30))),
                ("remaining", .string(String(entry.amount))), ("resource", .string(entry.resource)),
                ("resource_uri", .string("/api/2.0/subscriptions/\(index + 1)/")),
                ("start_time", .string(noon(entry.resource == "vlan" ? -345 : -165))), ("status", .string("active")),
                ("subscribed_object", .null), ("uuid", .string(String(format: "5b5c0000-0000-4000-8000-%012d", index + 1))),
            ])
        }
    }

    /// currentusage/: the subscriptions, what running servers, dssd drives, IPs and VLANs use, and the
    /// burst above the subscriptions (`max(0, using - subscribed)`), with the balance.
    func cloudSigmaUsage(_ fleet: Fleet) -> JSONValue {
        let running = fleet.sigmaServers.records.filter { $0.status == "running" }
        let using: [String: Int64] = [
            "cpu": running.reduce(0) { $0 + Int64($1.cpu) }, "mem": running.reduce(0) { $0 + $1.mem },
            "dssd": fleet.sigmaDrives.records.filter { $0.storageType == "dssd" }.reduce(0) { $0 + $1.size },
            "ip": Int64(fleet.sigmaIPs.records.count), "vlan": Int64(fleet.sigmaVLANs.records.count),
        ]
        let usage: [(String, JSONValue)] = Self.cloudSigmaSubscriptions.map { entry in
            let used = using[entry.resource] ?? 0
            return (entry.resource, .object([("burst", .int(max(0, used - entry.amount))), ("subscribed", .int(entry.amount)), ("using", .int(used))]))
        }
        return .object([("balance", cloudSigmaBalance()), ("usage", .object(usage))])
    }

    /// balance/: a balance that moves with every epoch, in the account's currency.
    func cloudSigmaBalance() -> JSONValue {
        .object([("balance", .string("\(10_000 - 37 * epoch).25000000000000000000")), ("currency", .string(Self.cloudSigmaCurrency))])
    }

    /// `value / 10^places` as decimal text without trailing zeros (or padded to `padTo` places).
    static func decimal(_ value: Int64, places: Int, padTo: Int? = nil) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        var fraction = String(value % scale)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        if let padTo {
            fraction += String(repeating: "0", count: max(0, padTo - places))
        } else {
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return fraction.isEmpty ? String(value / scale) : "\(value / scale).\(fraction)"
    }
}
