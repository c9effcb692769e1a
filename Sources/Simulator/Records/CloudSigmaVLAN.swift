/// The simulator's record of one CloudSigma VLAN (`/api/2.0/vlans/`).
///
/// Its `servers` are not stored: they are the servers with a NIC on it. As recorded,
/// some VLANs list no server while NICs use them (`listsServers` false).
public struct CloudSigmaVLAN: Codable, Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var listsServers: Bool
    public var subscriptionID: Int
}
