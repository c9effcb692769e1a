/// The simulator's record of one Scaleway flexible IP (`/instance/v1/zones/{zone}/ips`).
///
/// An attached IP is one of its server's `public_ips` (same id and address);
/// deleting the server leaves the IP reserved and detached, as the real API does.
public struct ScalewayIP: Codable, Sendable, Equatable {
    public var id: String
    public var address: String
    public var zone: String
    public var organization: String
    public var project: String
    /// `routed_ipv4` or `routed_ipv6`.
    public var type: String
    /// `attached` or `detached`; as recorded, a few say `attached` while naming no server.
    public var state: String
    /// The listed server it is routed to, or nil.
    public var serverID: String?
    public var reverse: String?
    public var tags: [String]

    /// Whether the IP's own side says it is in use: a server, or `attached`.
    public var claimsAttachment: Bool {
        serverID != nil || state == "attached"
    }
}
