/// A CloudSigma subscription (`subscriptions/`): an amount of one resource paid ahead for a period,
/// at level-0 prices. One row of `subscriptions`.
public struct SubscriptionRow: Sendable, Equatable {
    public var id: String
    /// The resource subscribed (`cpu`, `mem`, `dssd`, `ip`, `vlan`, `tx` or a licence), as `usage.resource` names it.
    public var resource: String?
    /// How much, in the resource's base unit (MHz, bytes, a count).
    public var amount: Int64?
    /// CloudSigma's words for its length (`30 days, 0:00:00`, `1 month` when it was asked).
    public var period: String?
    public var startTime: String?
    public var endTime: String?
    /// What the whole period cost, in the account's currency, as written (after any period discount).
    public var price: String?
    /// active, inactive or expired.
    public var status: String?
    public var autoRenew: Bool?
    /// The IP address or VLAN it pays for, when it pays for one.
    public var subscribedObject: String?
    public var raw: String
}

extension SubscriptionRow: StagedRow {
    /// `remaining` counts down with use and is left in raw's history only when something else changes.
    var runtime: String? { nil }

    static let columns: [RowColumn<SubscriptionRow>] = [
        .text("resource") { $0.resource }, .integer("amount") { $0.amount }, .text("period") { $0.period },
        .text("start_time") { $0.startTime }, .text("end_time") { $0.endTime }, .text("price") { $0.price },
        .text("status") { $0.status }, .flag("auto_renew") { $0.autoRenew }, .text("subscribed_object") { $0.subscribedObject },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] { [] }
}
