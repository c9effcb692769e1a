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

    var columnValues: [DatabaseCell] {
        [.text(name), .text(inboundDefaultPolicy), .text(outboundDefaultPolicy), .integer(stateful.map { $0 ? 1 : 0 }),
         .integer(projectDefault.map { $0 ? 1 : 0 }), .text(createdAt), .text(modifiedAt)]
    }

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.securityGroupServers, servers.map { [.text($0)] }), (.securityGroupTags, tags.map { [.text($0)] })]
    }
}
