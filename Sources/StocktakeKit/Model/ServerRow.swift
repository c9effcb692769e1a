/// A server, normalized: one row of `servers` plus its attachments, NICs and tags.
public struct ServerRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// running, stopped, starting, stopping, paused, unavailable or other.
    public var status: String
    /// The provider's own state word.
    public var providerStatus: String?
    public var cpuMHz: Int64?
    public var smp: Int64?
    public var memBytes: Int64?
    public var commercialType: String?
    public var arch: String?
    public var image: String?
    public var hostname: String?
    public var createdAt: String?
    public var modifiedAt: String?
    /// The provider's object as JSON, minus secrets and volatile runtime values.
    public var raw: String
    /// Volatile runtime values (traffic counters, start time) as JSON; never versioned.
    public var runtime: String?
    public var drives: [ServerDriveRow]
    public var nics: [ServerNICRow]
    public var tags: [String]

    /// The values whose change makes a new version, in a fixed order.
}

/// A drive or volume attached to a server.
public struct ServerDriveRow: Sendable, Equatable {
    public var driveID: String
    /// ide or virtio (CloudSigma).
    public var device: String?
    /// controller:unit (CloudSigma).
    public var devChannel: String?
    /// The volumes map key (Scaleway).
    public var slot: Int64?
    public var bootOrder: Int64?
    /// l_ssd, b_ssd, sbs_volume... (Scaleway).
    public var volumeType: String?

    /// The columns besides the key (`drive_id`), each with how a row gives its cell.
    static let attributes: [RowColumn<ServerDriveRow>] = [
        .text("device") { $0.device }, .text("dev_channel") { $0.devChannel }, .integer("slot") { $0.slot },
        .integer("boot_order") { $0.bootOrder }, .text("volume_type") { $0.volumeType },
    ]

    var versionedValues: [DatabaseCell] { [.text(driveID)] + Self.attributes.cells(of: self) }
}

/// A network interface, a public IP or a private network attachment of a server.
public struct ServerNICRow: Sendable, Equatable {
    /// Stable within the server: the MAC (CloudSigma), the IP or private NIC id (Scaleway).
    public var nicID: String
    public var mac: String?
    public var model: String?
    /// public or private.
    public var interfaceType: String?
    /// dhcp, static or manual.
    public var ipv4Conf: String?
    public var ipv4Address: String?
    public var ipv6Address: String?
    public var vlan: String?
    public var privateNetwork: String?
    public var firewallPolicy: String?

    /// The columns besides the key (`nic_id`), each with how a row gives its cell.
    static let attributes: [RowColumn<ServerNICRow>] = [
        .text("mac") { $0.mac }, .text("model") { $0.model }, .text("interface_type") { $0.interfaceType },
        .text("ipv4_conf") { $0.ipv4Conf }, .text("ipv4_address") { $0.ipv4Address },
        .text("ipv6_address") { $0.ipv6Address }, .text("vlan") { $0.vlan }, .text("private_network") { $0.privateNetwork },
        .text("firewall_policy") { $0.firewallPolicy },
    ]

    var versionedValues: [DatabaseCell] { [.text(nicID)] + Self.attributes.cells(of: self) }
}
