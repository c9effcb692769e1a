import Hummingbird

/// A provider the simulator speaks.
public enum SimulatedProvider: String, Sendable, CaseIterable, Codable {
    case scaleway, cloudsigma
}

/// Every listing the simulator serves, said once: the typed name it routes requests, faults,
/// lies, changes and ground truth by. Independent of StocktakeKit on purpose: the simulator is
/// the oracle, and must not share the client's paths or mapping.
public enum SimulatedListing: String, Sendable, CaseIterable {
    case scalewayServers, scalewayVolumes, blockVolumes, scalewayIPs, securityGroups, instanceSnapshots, blockSnapshots
    case privateNetworks
    case sigmaServers, sigmaDrives, sigmaIPs, sigmaSnapshots, sigmaVLANs

    public var provider: SimulatedProvider {
        switch self {
        case .scalewayServers, .scalewayVolumes, .blockVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots,
             .blockSnapshots, .privateNetworks:
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
        case .privateNetworks: return "private_networks"
        }
    }

    /// The API a listing belongs to, and so the path it is under.
    public enum API: Sendable, CaseIterable {
        /// `instance/v1/zones/{zone}/...`
        case instance
        /// `block/v1/zones/{zone}/...`
        case block
        /// `vpc/v2/regions/{region}/...`
        case vpc
        /// `api/2.0/...`
        case cloudSigma
    }

    /// The path of a listing of an API that counts its total in the body (`total_count`) and pages with
    /// `page` / `page_size`: its first segment, the versions it answers, and the word before the zone or region.
    struct CountedPath {
        let service: String
        let versions: [String]
        let place: String
    }

    public var api: API {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots: return .instance
        case .blockVolumes, .blockSnapshots: return .block
        case .privateNetworks: return .vpc
        case .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs: return .cloudSigma
        }
    }

    /// The listing's member in a page of a counted API: its path word, or the word with `_` for `-`.
    var envelope: String {
        pathWord.replacingOccurrences(of: "-", with: "_")
    }

    /// The listing's last path segment under its API (`volumes` for both Instance and Block volumes).
    var pathWord: String {
        switch self {
        case .blockVolumes: return "volumes"
        case .blockSnapshots: return "snapshots"
        case .privateNetworks: return "private-networks"
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
        case .privateNetworks: return "private_network"
        }
    }

    /// Whether its objects name their owner (Scaleway `organization`, CloudSigma `owner`); Block
    /// Storage names only its project, and VLANs and snapshots are left out of owner lies.
    public var namesOwner: Bool {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots, .sigmaServers,
             .sigmaDrives, .sigmaIPs:
            return true
        case .blockVolumes, .blockSnapshots, .sigmaSnapshots, .sigmaVLANs, .privateNetworks:
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
             .sigmaVLANs, .privateNetworks:
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
        case .privateNetworks: return .privateNetworks(region: zone)
        }
    }

    /// The `resource` a Scaleway 404 body names for one of its objects; CloudSigma's 404 names none.
    var notFoundResource: String {
        switch self {
        case .scalewayServers, .scalewayVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots:
            return "instance_" + changeWord
        case .blockVolumes: return "volume"
        case .blockSnapshots: return "snapshot"
        case .privateNetworks: return "private_network"
        case .sigmaServers, .sigmaDrives, .sigmaIPs, .sigmaSnapshots, .sigmaVLANs: return ""
        }
    }

    /// The `resource` a Scaleway 403 body names as what may not be read.
    var deniedResource: String {
        switch self {
        case .blockVolumes, .blockSnapshots: return "volume"
        case .privateNetworks: return "private_network"
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
             .blockSnapshots, .sigmaSnapshots, .sigmaVLANs, .privateNetworks:
            return key(zone: "")
        }
    }

    /// Whether object `id` of this listing changed between two fleets, judged on its record (CloudSigma
    /// objects whose wire carries volatile runtime values); nil when its encoded bytes tell instead.
    func recordChanged(_ id: String, before: Fleet, after: Fleet) -> Bool? {
        switch self {
        case .sigmaIPs:
            return before.sigmaIPs[id] != after.sigmaIPs[id]
        case .sigmaSnapshots:
            return before.sigmaSnapshots[id] != after.sigmaSnapshots[id]
        case .sigmaServers:
            var old = before.sigmaServers[id]
            var new = after.sigmaServers[id]
            old?.activeSince = nil
            new?.activeSince = nil
            return old != new
        case .sigmaDrives:
            return before.sigmaDrives[id] != after.sigmaDrives[id]
        case .scalewayServers, .scalewayVolumes, .blockVolumes, .scalewayIPs, .securityGroups, .instanceSnapshots,
             .blockSnapshots, .sigmaVLANs, .privateNetworks:
            return nil
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

extension SimulatedListing.API {
    /// Where the API's counted listings are; nil for the Instance API (total in a header) and CloudSigma.
    var countedPath: SimulatedListing.CountedPath? {
        switch self {
        case .block: return SimulatedListing.CountedPath(service: "block", versions: ["v1", "v1alpha1"], place: "zones")
        case .vpc: return SimulatedListing.CountedPath(service: "vpc", versions: ["v2"], place: "regions")
        case .instance, .cloudSigma: return nil
        }
    }

    /// The page size when a request names none.
    var defaultPageSize: Int {
        switch self {
        case .instance, .block, .cloudSigma: return 50
        // As recorded: a listing without page_size answers 20 (total_count 48).
        case .vpc: return 20
        }
    }

    /// Whether the API answers for `place`, a zone (or a region, for a regional API).
    func knows(_ place: String) -> Bool {
        switch self {
        case .instance, .block: return FleetConfiguration.knownZones.contains(place)
        case .vpc: return ScalewayPrivateNetwork.regions(of: FleetConfiguration.knownZones).contains(place)
        case .cloudSigma: return true
        }
    }

    /// What a counted API answers for a zone or region it does not know.
    func unknownPlace(_ place: String) -> Response {
        switch self {
        case .block: return ProviderResponses.scalewayInvalidArgument("zone", "unknown zone \(place)")
        case .vpc: return ProviderResponses.scalewayInvalidArgument("region", "unknown region \(place)")
        case .instance:
            return ProviderResponses.scaleway(404, message: "zone \(place) does not exist", type: "not_found",
                                              extra: [("resource", .string("zone")), ("resource_id", .string(place))])
        case .cloudSigma: return ProviderResponses.cloudSigma(404, type: "notexist", message: "No such location: \(place)")
        }
    }
}

extension SimulatedListing {
    /// The change another client makes while this listing is paged through: an object created at
    /// (`create`), or deleted from, the head of the listing of `zone`; nothing for a listing whose
    /// objects another client does not create or delete meanwhile.
    func mutateBetweenPages(
        create: Bool, zone: String, fleet: inout Fleet, recorder: inout ChangeRecorder, random: inout SeededGenerator
    ) {
        switch self {
        case .scalewayServers:
            if create {
                let server = fleet.factory.scalewayServer(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addScalewayServer(server, first: true, recorder: &recorder)
            } else if let id = fleet.scalewayServers[zone]?.ids.first {
                fleet.deleteScalewayServer(id, zone: zone, recorder: &recorder)
            }
        case .scalewayVolumes:
            if create {
                let volume = fleet.factory.scalewayVolume(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addScalewayVolume(volume, first: true, recorder: &recorder)
            } else if let id = fleet.scalewayVolumes[zone]?.ids.first {
                fleet.deleteScalewayVolume(id, zone: zone, recorder: &recorder)
            }
        case .securityGroups, .instanceSnapshots, .blockSnapshots, .sigmaSnapshots, .sigmaVLANs, .privateNetworks:
            return
        case .scalewayIPs:
            if create {
                fleet.addScalewayIP(fleet.factory.scalewayIP(zone: zone, random: &random), first: true, recorder: &recorder)
            } else if let id = fleet.scalewayIPs[zone]?.ids.first {
                fleet.deleteScalewayIP(id, zone: zone, recorder: &recorder)
            }
        case .blockVolumes:
            if create {
                let volume = fleet.factory.blockVolume(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addBlockVolume(volume, first: true, recorder: &recorder)
            } else if let id = fleet.blockVolumes[zone]?.ids.first {
                fleet.deleteBlockVolume(id, zone: zone, recorder: &recorder)
            }
        case .sigmaServers:
            if create {
                let server = fleet.factory.cloudSigmaServer(serial: fleet.nextSerial(), epoch: fleet.epoch, tags: fleet.sigmaTags, random: &random)
                fleet.addSigmaServer(server, first: true, recorder: &recorder)
            } else if let uuid = fleet.sigmaServers.ids.first {
                fleet.deleteSigmaServer(uuid, recorder: &recorder)
            }
        case .sigmaDrives:
            if create {
                let drive = fleet.factory.cloudSigmaDrive(serial: fleet.nextSerial(), tags: fleet.sigmaTags, random: &random)
                fleet.addSigmaDrive(drive, first: true, recorder: &recorder)
            } else if let uuid = fleet.sigmaDrives.ids.first {
                fleet.deleteSigmaDrive(uuid, recorder: &recorder)
            }
        case .sigmaIPs:
            if create {
                let ip = fleet.factory.cloudSigmaIP(tags: fleet.sigmaTags, random: &random)
                if fleet.sigmaIPs[ip.uuid] == nil { fleet.addSigmaIP(ip, first: true, recorder: &recorder) }
            } else if let uuid = fleet.sigmaIPs.ids.first {
                fleet.deleteSigmaIP(uuid, recorder: &recorder)
            }
        }
    }
}
