/// A provider the simulator speaks.
public enum SimulatedProvider: String, Sendable, CaseIterable, Codable {
    case scaleway, cloudsigma
}

/// Every listing the simulator serves, said once: the typed name it routes requests, faults,
/// lies, changes and ground truth by. Independent of StocktakeKit on purpose: the simulator is
/// the oracle, and must not share the client's paths or mapping.
public enum SimulatedListing: String, Sendable, CaseIterable {
    case scalewayServers, scalewayVolumes, blockVolumes, scalewayIPs, securityGroups, instanceSnapshots, blockSnapshots
    case sigmaServers, sigmaDrives, sigmaIPs, sigmaSnapshots, sigmaVLANs

    public var provider: SimulatedProvider {
        switch self {
        case .scalewayServers, .scalewayVolumes, .blockVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots,
             .blockSnapshots:
            return .scaleway
        case .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs:
            return .cloudsigma
        }
    }

    /// The listing's word in its path and in fault rules (`servers`, `block_volumes`, `vlans`).
    public var resource: String {
        switch self {
        case .scalewayServers, .sigmaServers: return "servers"
        case .scalewayVolumes: return "volumes"
        case .blockVolumes: return "block_volumes"
        case .scalewayIPs, .sigmaIPs: return "ips"
        case .securityGroups: return "security_groups"
        case .instanceSnapshots, .sigmaSnapshots: return "snapshots"
        case .blockSnapshots: return "block_snapshots"
        case .sigmaDrives: return "drives"
        case .sigmaVLANs: return "vlans"
        }
    }

    /// The API a listing belongs to, and so the path it is under.
    public enum API: Sendable {
        /// `instance/v1/zones/{zone}/...`
        case instance
        /// `block/v1/zones/{zone}/...`
        case block
        /// `api/2.0/...`
        case cloudSigma
    }

    public var api: API {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots: return .instance
        case .blockVolumes, .blockSnapshots: return .block
        case .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs: return .cloudSigma
        }
    }

    /// The listing's last path segment under its API (`volumes` for both Instance and Block volumes).
    var pathWord: String {
        switch self {
        case .blockVolumes: return "volumes"
        case .blockSnapshots: return "snapshots"
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots, .sigmaServers,
             .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs:
            return resource
        }
    }

    /// The listing `api` serves under `path` (its last segment), or nil.
    static func served(by api: API, path: String) -> SimulatedListing? {
        allCases.first { $0.api == api && $0.pathWord == path }
    }

    /// The word a `FleetChange` of one of its objects carries (`server`, `volume`, `block_snapshot`).
    public var changeWord: String {
        switch self {
        case .scalewayServers, .sigmaServers: return "server"
        case .scalewayVolumes: return "volume"
        case .blockVolumes: return "block_volume"
        case .scalewayIPs, .sigmaIPs: return "ip"
        case .securityGroups: return "security_group"
        case .instanceSnapshots, .sigmaSnapshots: return "snapshot"
        case .blockSnapshots: return "block_snapshot"
        case .sigmaDrives: return "drive"
        case .sigmaVLANs: return "vlan"
        }
    }

    /// Whether its objects name their owner (Scaleway `organization`, CloudSigma `owner`); Block
    /// Storage names only its project, and VLANs and snapshots are left out of owner lies.
    public var namesOwner: Bool {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots, .sigmaServers,
             .sigmaDrives, .sigmaIPs:
            return true
        case .blockVolumes, .blockSnapshots, .sigmaSnapshots, .sigmaVLANs:
            return false
        }
    }

    /// The listing of the same zone that feeds the same table, if any (Instance vs Block Storage):
    /// an object can move between the two.
    public var sibling: SimulatedListing? {
        switch self {
        case .scalewayVolumes: return .blockVolumes
        case .blockVolumes: return .scalewayVolumes
        case .instanceSnapshots: return .blockSnapshots
        case .blockSnapshots: return .instanceSnapshots
        case .scalewayServers, .scalewayIPs, .securityGroups, .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots,
             .sigmaVLANs:
            return nil
        }
    }

    /// The served listing of `zone` (ignored for CloudSigma's one location).
    func key(zone: String) -> ListingKey {
        switch self {
        case .scalewayServers: return .scalewayServers(zone: zone)
        case .scalewayVolumes: return .scalewayVolumes(zone: zone)
        case .blockVolumes: return .blockVolumes(zone: zone)
        case .scalewayIPs: return .scalewayIPs(zone: zone)
        case .securityGroups: return .securityGroups(zone: zone)
        case .instanceSnapshots: return .instanceSnapshots(zone: zone)
        case .blockSnapshots: return .blockSnapshots(zone: zone)
        case .sigmaServers: return .sigmaServers
        case .sigmaDrives: return .sigmaDrives
        case .sigmaIPs: return .sigmaIPs
        case .sigmaSnapshots: return .sigmaSnapshots
        case .sigmaVLANs: return .sigmaVLANs
        }
    }

    /// The `resource` a Scaleway 404 body names for one of its objects; CloudSigma's 404 names none.
    var notFoundResource: String {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots:
            return "instance_" + changeWord
        case .blockVolumes: return "volume"
        case .blockSnapshots: return "snapshot"
        case .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs: return ""
        }
    }

    /// The `resource` a Scaleway 403 body names as what may not be read.
    var deniedResource: String {
        switch self {
        case .blockVolumes, .blockSnapshots: return "volume"
        case .scalewayVolumes: return "compute_volumes"
        case .scalewayServers, .scalewayIPs, .securityGroups, .instanceSnapshots, .sigmaServers, .sigmaDrives, .sigmaIPs,
             .sigmaSnapshots, .sigmaVLANs:
            return "compute_servers"
        }
    }

    /// CloudSigma's short listing (`/servers/` without `detail/`): the same objects, fewer fields.
    var summaryKey: ListingKey {
        switch self {
        case .sigmaServers: return .sigmaServerSummaries
        case .sigmaDrives: return .sigmaDriveSummaries
        case .sigmaIPs: return .sigmaIPSummaries
        case .scalewayServers, .scalewayVolumes, .blockVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots,
             .blockSnapshots, .sigmaSnapshots, .sigmaVLANs:
            return key(zone: "")
        }
    }

    /// The listings of `provider`, in serving order.
    public static func of(_ provider: SimulatedProvider) -> [SimulatedListing] {
        allCases.filter { $0.provider == provider }
    }

    /// The listing `provider` serves under `resource` (fault rules' and paths' word), or nil.
    public static func named(_ resource: String, on provider: SimulatedProvider) -> SimulatedListing? {
        of(provider).first { $0.resource == resource }
    }

    /// The listing whose objects a change of `provider` and `resource` (`FleetChange` words) is about, or nil.
    public static func changed(_ resource: String, on provider: SimulatedProvider) -> SimulatedListing? {
        of(provider).first { $0.changeWord == resource }
    }
}
