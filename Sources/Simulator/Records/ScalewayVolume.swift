/// The simulator's record of one Scaleway Instance volume.
public struct ScalewayVolume: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var zone: String
    public var organization: String
    public var project: String
    public var size: Int64
    public var volumeType: String
    public var state: String
    /// The server it is attached to, or nil.
    public var serverID: String?
    /// A server outside the account's listings that the volume's own `server` names while no
    /// listed server holds it (a server of another project, or an API whose two sides disagree).
    public var foreignServerID: String? = nil
    public var creationDate: String
    public var modificationDate: String
    public var tags: [String]
}
