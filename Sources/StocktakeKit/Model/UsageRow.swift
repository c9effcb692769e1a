/// What a CloudSigma account has subscribed to, uses, and uses above its subscriptions, for one
/// resource (`currentusage/`): one row of `usage`. Amounts are in the resource's base unit (MHz for
/// `cpu`, bytes for `mem` and drives, a count for `ip` and `vlan`), as `pricing/`'s multipliers expect.
public struct UsageRow: Sendable, Equatable {
    /// The location and the resource: `zrh/dssd`.
    public var id: String
    /// CloudSigma's resource name (`cpu`, `mem`, `dssd`, `ip`, `vlan`, ...), as `prices.product` writes it.
    public var resource: String
    /// Paid ahead (at level-0 prices) by the account's subscriptions.
    public var subscribed: Int64?
    public var used: Int64?
    /// Used above the subscriptions: billed every 5 minutes at the burst level in force.
    public var burst: Int64?
    public var raw: String
}

extension UsageRow: StagedRow {
    /// Usage carries no volatile runtime values apart from what it is.
    var runtime: String? { nil }

    static let columns: [RowColumn<UsageRow>] = [
        .text("resource") { $0.resource }, .integer("subscribed") { $0.subscribed }, .integer("used") { $0.used },
        .integer("burst") { $0.burst },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] { [] }
}
