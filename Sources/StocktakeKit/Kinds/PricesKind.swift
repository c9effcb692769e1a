extension KindDeclaration {
    /// Scaleway's Instance price list of each zone (`products/servers`: a map keyed by commercial type,
    /// paged since 2023; fr-par-3 costs more), into `prices`.
    static let serverTypes = KindDeclaration(table: .prices, listings: [
        .scaleway: ListingDeclaration(
            name: "server_types", path: "instance/v1/zones/{zone}/products/servers", envelope: "servers",
            paging: .scalewayHeaders, scope: .zone, permission: "InstancesReadOnly",
            mapping: .rows { object, _ in PriceMapping.serverType(object) }, shape: .keyedByName),
    ])

    /// Scaleway's public product catalog of each zone's Instances: the price of the types whose
    /// `hourly_price` is null in `products/servers`, per hour or per minute (GPU types).
    static let catalog = KindDeclaration(table: .prices, listings: [
        .scaleway: ListingDeclaration(
            name: "catalog", path: "product-catalog/v2alpha1/public-catalog/products?product_types=instance&zone={zone}",
            envelope: "products", paging: .scalewayBody, scope: .zone, permission: "no permission (the catalog is public)",
            mapping: .rows { object, _ in PriceMapping.catalogProduct(object) }, shape: .listIdentifiedBy("sku", zoned: true)),
    ])

    /// The prices no Scaleway listing gives (volumes, snapshots and IPs per zone), from `PriceTable`.
    static let priceTable = KindDeclaration(table: .prices, listings: [
        .scaleway: ListingDeclaration(
            name: "price_table", path: "", envelope: "", paging: .bundled, scope: .zone, permission: "no permission (no request is made)",
            mapping: .rows { object, _ in PriceMapping.tableEntry(object) }),
    ])

    /// CloudSigma's price list: one price per resource, burst level and currency.
    static let pricing = KindDeclaration(table: .prices, listings: [
        .cloudsigma: ListingDeclaration(
            name: "pricing", path: "pricing/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to pricing", mapping: .rows { object, _ in PriceMapping.cloudSigmaPrice(object) },
            shape: .listIdentifiedBy("id", zoned: false, tag: .init(map: "current", key: "resource", member: "current_level"))),
    ])

    /// What a CloudSigma account has subscribed, uses and bursts above its subscriptions, per resource
    /// (`currentusage/`, one object whose `usage` map is keyed by resource), into `usage`.
    static let usage = KindDeclaration(table: .usage, listings: [
        .cloudsigma: ListingDeclaration(
            name: "usage", path: "currentusage/", envelope: "usage", paging: .single, scope: .location,
            permission: "read access to billing", mapping: .rows { object, _ in PriceMapping.usage(object) }, shape: .keyedByName),
    ])

    /// CloudSigma's subscriptions: what is paid ahead, for which period, and whether it renews.
    static let subscriptions = KindDeclaration(table: .subscriptions, listings: [
        .cloudsigma: ListingDeclaration(
            name: "subscriptions", path: "subscriptions/", envelope: "objects", paging: .cloudSigmaOffset, scope: .location,
            permission: "read access to billing", mapping: .rows { object, _ in PriceMapping.subscription(object) }),
    ])

    /// The currency of a CloudSigma account (`balance/`), which picks its prices out of the list.
    static let balance = KindDeclaration(table: .prices, listings: [
        .cloudsigma: ListingDeclaration(
            name: "balance", path: "balance/", envelope: "", paging: .single, scope: .location,
            permission: "read access to billing", mapping: .rows { object, _ in PriceMapping.accountCurrency(object) }, shape: .single),
    ])
}
