/// Everything the simulator holds right now, and every change it has made.
///
/// Tests compare what a client built against this. Listing order is the
/// order the API returns.
public struct GroundTruth: Codable, Sendable, Equatable {
    public var epoch: Int
    public var location: String
    public var zones: [String]
    public var scalewayServers: [ScalewayServer]
    public var scalewayVolumes: [ScalewayVolume]
    /// Scaleway Block Storage volumes, zone by zone in listing order.
    public var blockVolumes: [BlockVolume]
    /// Scaleway flexible IPs, zone by zone in listing order.
    public var scalewayIPs: [ScalewayIP]
    /// Scaleway snapshots of Instance volumes and of Block Storage volumes, zone by zone.
    public var instanceSnapshots: [ScalewaySnapshot]
    public var blockSnapshots: [ScalewaySnapshot]
    /// Scaleway security groups, zone by zone; their servers are the servers that name them.
    public var securityGroups: [ScalewaySecurityGroup]
    /// Scaleway VPC private networks, region by region.
    public var scalewayPrivateNetworks: [ScalewayPrivateNetwork]
    public var cloudSigmaServers: [CloudSigmaServer]
    public var cloudSigmaDrives: [CloudSigmaDrive]
    public var cloudSigmaTags: [CloudSigmaTag]
    public var cloudSigmaIPs: [CloudSigmaIP]
    public var cloudSigmaSnapshots: [CloudSigmaSnapshot]
    /// CloudSigma VLANs; their servers are the servers with a NIC on them.
    public var cloudSigmaVLANs: [CloudSigmaVLAN]
    /// Every change since epoch 0, oldest first.
    public var changes: [FleetChange]

    /// Keys as the admin API writes them (snake case; `scaleway_ips`, not the converter's `scaleway_i_ps`).
    enum CodingKeys: String, CodingKey {
        case epoch, location, zones, changes
        case scalewayServers = "scaleway_servers"
        case scalewayVolumes = "scaleway_volumes"
        case blockVolumes = "block_volumes"
        case scalewayIPs = "scaleway_ips"
        case securityGroups = "security_groups"
        case scalewayPrivateNetworks = "scaleway_private_networks"
        case instanceSnapshots = "instance_snapshots"
        case blockSnapshots = "block_snapshots"
        case cloudSigmaServers = "cloud_sigma_servers"
        case cloudSigmaDrives = "cloud_sigma_drives"
        case cloudSigmaTags = "cloud_sigma_tags"
        case cloudSigmaIPs = "cloud_sigma_ips"
        case cloudSigmaSnapshots = "cloud_sigma_snapshots"
        case cloudSigmaVLANs = "cloud_sigma_vlans"
    }

    init(_ fleet: Fleet) {
        epoch = fleet.epoch
        location = fleet.location
        zones = fleet.zones
        scalewayServers = fleet.zones.flatMap { fleet.scalewayServers[$0]?.records ?? [] }
        scalewayVolumes = fleet.zones.flatMap { fleet.scalewayVolumes[$0]?.records ?? [] }
        blockVolumes = fleet.zones.flatMap { fleet.blockVolumes[$0]?.records ?? [] }
        scalewayIPs = fleet.zones.flatMap { fleet.scalewayIPs[$0]?.records ?? [] }
        securityGroups = fleet.zones.flatMap { fleet.securityGroups[$0]?.records ?? [] }
        scalewayPrivateNetworks = ScalewayPrivateNetwork.regions(of: fleet.zones).flatMap { fleet.privateNetworks[$0]?.records ?? [] }
        instanceSnapshots = fleet.zones.flatMap { fleet.instanceSnapshots[$0]?.records ?? [] }
        blockSnapshots = fleet.zones.flatMap { fleet.blockSnapshots[$0]?.records ?? [] }
        cloudSigmaServers = fleet.sigmaServers.records
        cloudSigmaDrives = fleet.sigmaDrives.records
        cloudSigmaTags = fleet.sigmaTags
        cloudSigmaIPs = fleet.sigmaIPs.records
        cloudSigmaSnapshots = fleet.sigmaSnapshots.records
        cloudSigmaVLANs = fleet.sigmaVLANs.records
        changes = fleet.changeLog
    }

    /// The changes one epoch made.
    public func changes(inEpoch epoch: Int) -> [FleetChange] {
        changes.filter { $0.epoch == epoch }
    }
}
