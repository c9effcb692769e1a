/// How price-list objects become rows of `prices` (see `PriceRow` for how a row reads).
enum PriceMapping {
    /// A Scaleway `products/servers` entry (its id and name put in by the `keyedByName` shape): the
    /// commercial type's `hourly_price` per hour; `monthly_price` is kept as stated and never used.
    static func serverType(_ object: WireValue) -> PriceRow? {
        guard let id = object.string("id"), let name = object.string("name") else { return nil }
        return PriceRow(id: id, category: "server", product: name, level: 0, inForce: true, currency: "EUR", unit: "hour",
                        price: decimal(object["hourly_price"]), multiplier: 3600, monthSeconds: PriceTable.scalewayMonthSeconds,
                        source: "products/servers", statedMonthly: decimal(object["monthly_price"]), raw: RawSanitizer.raw(object))
    }

    /// A product of Scaleway's public catalog: `units + nanos / 10^9` of its currency per
    /// `unit_of_measure` (`hour`, or `minute` for GPU types, times its `size`), for its `offer_id`.
    static func catalogProduct(_ object: WireValue) -> PriceRow? {
        guard let id = object.string("id") else { return nil }
        let product = object.object("properties")?.object("instance")?.string("offer_id") ?? object.string("product") ?? id
        let retail = object.object("price")?.object("retail_price")
        let measure = object.object("unit_of_measure")
        let unit = measure?.string("unit")
        let size = max(1, measure?.int("size") ?? 1)
        let seconds: Int64? = unit == "hour" ? 3600 : unit == "minute" ? 60 : unit == "second" ? 1 : nil
        return PriceRow(id: id, category: "server", product: product, level: 0, inForce: true, currency: retail?.string("currency_code"),
                        unit: unit.map { size == 1 ? $0 : "\(size) \($0)" }, price: retail.flatMap(money),
                        multiplier: seconds.map { $0 * size } ?? 0, monthSeconds: PriceTable.scalewayMonthSeconds,
                        source: "catalog", statedMonthly: nil, raw: RawSanitizer.raw(object))
    }

    /// An entry of the bundled price table, as `PriceTable.objects` writes it.
    static func tableEntry(_ object: WireValue) -> PriceRow? {
        guard let id = object.string("id"), let category = object.string("category"), let product = object.string("product"),
              let source = object.string("source") else { return nil }
        return PriceRow(id: id, category: category, product: product, level: 0, inForce: true, currency: object.string("currency"),
                        unit: object.string("unit"), price: object.string("price"),
                        multiplier: object.string("multiplier").flatMap { Int64($0) } ?? 0,
                        monthSeconds: PriceTable.scalewayMonthSeconds, source: source, statedMonthly: nil, raw: RawSanitizer.raw(object))
    }

    /// A CloudSigma price: one resource at one burst level in one currency, per `unit`, with the
    /// `multiplier` that turns `price × amount × seconds` into money.
    static func cloudSigmaPrice(_ object: WireValue) -> PriceRow? {
        guard let id = object.string("uuid"), let resource = object.string("resource") else { return nil }
        let level = object.int("level") ?? 0
        return PriceRow(id: id, category: "resource", product: resource, level: level,
                        inForce: object.int("current_level").map { $0 == level },
                        currency: object.string("currency"), unit: object.string("unit"), price: decimal(object["price"]),
                        multiplier: object.int("multiplier") ?? 0, monthSeconds: PriceTable.cloudSigmaMonthSeconds,
                        source: "pricing", statedMonthly: nil, raw: RawSanitizer.raw(object))
    }

    /// A CloudSigma account's currency from `balance/`. The balance itself moves with every charge
    /// and is not kept (it would make a version at every sync).
    static func accountCurrency(_ object: WireValue) -> PriceRow? {
        guard let id = object.string("uuid"), let currency = object.string("currency") else { return nil }
        return PriceRow(id: id, category: "account", product: "currency", level: 0, inForce: nil, currency: currency, unit: nil, price: nil,
                        multiplier: 0, monthSeconds: PriceTable.cloudSigmaMonthSeconds, source: "balance", statedMonthly: nil,
                        raw: "{\"currency\":" + JSONStringEscapes.quoted(currency) + "}")
    }

    /// One resource of CloudSigma's `currentusage/` (its `uuid` and name put in by the `keyedByName` shape):
    /// what is subscribed, used, and used above the subscriptions, in the resource's base unit.
    static func usage(_ object: WireValue) -> UsageRow? {
        guard let id = object.string(Provider.cloudsigma.idKey), let resource = object.string("name") else { return nil }
        return UsageRow(id: id, resource: resource, subscribed: object.int("subscribed"), used: object.int("using"),
                        burst: object.int("burst"), raw: RawSanitizer.raw(object))
    }

    /// A CloudSigma subscription. `remaining` (what is left of a `tx` subscription) moves with use and
    /// is not kept, so that an unchanged subscription makes no version.
    static func subscription(_ object: WireValue) -> SubscriptionRow? {
        guard let id = object.string(Provider.cloudsigma.idKey) else { return nil }
        return SubscriptionRow(
            id: id, resource: object.string("resource"), amount: object.string("amount").flatMap { Int64($0) } ?? object.int("amount"),
            period: object.string("period"), startTime: object.string("start_time"), endTime: object.string("end_time"),
            price: decimal(object["price"]), status: object.string("status"), autoRenew: object.bool("auto_renew"),
            subscribedObject: object.reference("subscribed_object") ?? object.string("subscribed_object"),
            raw: RawSanitizer.raw(object, leaving: ["remaining"]))
    }

    /// A number as the provider wrote it (a JSON number or a decimal string); nil for null or anything else.
    static func decimal(_ value: WireValue?) -> String? {
        guard let value, let text = value.stringValue, Double(text) != nil else { return nil }
        return text
    }

    /// `units + nanos / 10^9` as decimal text (`0.0735` for 0 units and 73 500 000 nanos).
    static func money(_ value: WireValue) -> String? {
        guard let units = value.string("units").flatMap({ Int64($0) }) else { return nil }
        let nanos = value.string("nanos").flatMap { Int64($0) } ?? 0
        guard (0..<1_000_000_000).contains(nanos), units >= 0 else { return nil }
        var fraction = String(nanos)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(units) : "\(units).\(fraction)"
    }
}
