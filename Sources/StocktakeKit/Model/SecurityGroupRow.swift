/// A security group, normalized: one row of `security_groups`, the servers it
/// lists (`security_group_servers`) and its tags.
public struct SecurityGroupRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// accept or drop.
    public var inboundDefaultPolicy: String?
    public var outboundDefaultPolicy: String?
    public var stateful: Bool?
    /// Whether it is the project's default group.
    public var projectDefault: Bool?
    public var createdAt: String?
    public var modifiedAt: String?
    public var raw: String
    /// The servers the group lists, sorted.
    public var servers: [String]
    public var tags: [String]
}

extension SecurityGroupRow: StagedRow {
    /// Security groups carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<SecurityGroupRow>] = [
        .text("name") { $0.name }, .text("inbound_default_policy") { $0.inboundDefaultPolicy },
        .text("outbound_default_policy") { $0.outboundDefaultPolicy }, .flag("stateful") { $0.stateful },
        .flag("project_default") { $0.projectDefault }, .text("created_at") { $0.createdAt },
        .text("modified_at") { $0.modifiedAt },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.securityGroupServers, servers.map { [.text($0)] }), (.securityGroupTags, tags.map { [.text($0)] })]
    }
}
