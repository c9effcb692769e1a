/// A network servers join (a CloudSigma VLAN), normalized: one row of `networks`, the servers
/// its own side lists (`network_servers`) and its tags.
public struct NetworkRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// vlan (CloudSigma).
    public var networkType: String
    public var raw: String
    /// The servers the network's own side lists, sorted (CloudSigma often lists none while NICs use it).
    public var servers: [String]
    public var tags: [String]
}

extension NetworkRow: StagedRow {
    /// Networks carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<NetworkRow>] = [.text("name") { $0.name }, .text("network_type") { $0.networkType }]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.networkServers, servers.map { [.text($0)] }), (.networkTags, tags.map { [.text($0)] })]
    }
}
