/// The simulator's record of one CloudSigma IP (`/api/2.0/ips/`): its `uuid` is the address.
///
/// A server's static NIC uses one; as on the real API, the IP's own `server` is
/// often null while the NIC uses it (`serverUUID` is what the IP itself says).
public struct CloudSigmaIP: Codable, Sendable, Equatable {
    public var uuid: String
    /// The server whose NIC uses it, as the IP's own side says; nil when it says nothing.
    public var serverUUID: String?
    public var subscriptionID: Int
    /// Tag uuids, as the API references them.
    public var tags: [String]
}
