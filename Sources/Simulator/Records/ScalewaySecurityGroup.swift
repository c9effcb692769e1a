/// The simulator's record of one Scaleway security group (`/instance/v1/zones/{zone}/security_groups`).
///
/// Its `servers` are not stored: they are the zone's servers whose `security_group`
/// names it, so the two sides always agree (a few servers are in no group).
public struct ScalewaySecurityGroup: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var zone: String
    public var organization: String
    public var project: String
    public var projectDefault: Bool
    public var stateful: Bool
    public var inboundDefaultPolicy: String
    public var outboundDefaultPolicy: String
    public var creationDate: String
    public var tags: [String]
}
