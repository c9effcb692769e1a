/// The simulator's record of one Scaleway Instance server: what the API reports for it.
public struct ScalewayServer: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var zone: String
    public var organization: String
    public var project: String
    public var state: String
    public var stateDetail: String
    public var commercialType: String
    public var arch: String
    public var hostname: String
    public var imageID: String?
    public var imageName: String?
    public var bootType: String
    public var creationDate: String
    public var modificationDate: String
    public var tags: [String]
    public var publicIPs: [PublicIP]
    public var privateIP: String?
    public var enableIPv6: Bool
    public var ipv6Address: String?
    public var privateNICs: [PrivateNIC]
    /// Attached volumes by slot, in slot order.
    public var volumes: [VolumeAttachment]
    public var protected: Bool
    /// A secret: the API returns it, Stocktake must never store it.
    public var adminPasswordEncryptedValue: String?
    public var securityGroupID: String
    public var hypervisorID: String

    /// A public IP (flexible or dynamic) routed to the server.
    public struct PublicIP: Codable, Sendable, Equatable {
        public var id: String
        public var address: String
        public var dynamic: Bool
        public var family: String
    }

    /// An interface on a Private Network.
    public struct PrivateNIC: Codable, Sendable, Equatable {
        public var id: String
        public var privateNetworkID: String
        public var macAddress: String
        public var state: String
    }

    /// A volume in one of the server's slots. `listed` is false for volumes the
    /// `/volumes` listing does not return (Block Storage `sbs_volume`).
    public struct VolumeAttachment: Codable, Sendable, Equatable {
        public var slot: Int
        public var volumeID: String
        public var volumeType: String
        public var listed: Bool
    }
}
