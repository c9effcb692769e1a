/// An IP address an account holds, normalized: one row of `ips` plus its tags.
public struct IPRow: Sendable, Equatable {
    public var id: String
    /// The address (or the prefix of a routed IPv6 block).
    public var address: String?
    /// The provider's kind of address: `routed_ipv4`, `routed_ipv6`, `nat` (Scaleway).
    public var ipType: String?
    /// attached, unattached or other, by the IP's own side.
    public var status: String
    public var providerStatus: String?
    /// The server the IP's own side names, if any.
    public var serverID: String?
    /// The reverse DNS name.
    public var reverse: String?
    public var raw: String
    public var tags: [String]
}

extension IPRow: StagedRow {
    /// IPs carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<IPRow>] = [
        .text("address") { $0.address }, .text("ip_type") { $0.ipType }, .text("status") { $0.status },
        .text("provider_status") { $0.providerStatus }, .text("server_id") { $0.serverID }, .text("reverse") { $0.reverse },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.ipTags, tags.map { [.text($0)] })]
    }
}
