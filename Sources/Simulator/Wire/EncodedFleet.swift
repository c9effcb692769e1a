/// Which listing an encoded page comes from.
enum ListingKey: Hashable, Sendable {
    case scalewayServers(zone: String)
    case scalewayVolumes(zone: String)
    case blockVolumes(zone: String)
    case scalewayIPs(zone: String)
    case securityGroups(zone: String)
    case instanceSnapshots(zone: String)
    case blockSnapshots(zone: String)
    case privateNetworks(region: String)
    case sigmaServers
    case sigmaServerSummaries
    case sigmaDrives
    case sigmaDriveSummaries
    case sigmaIPs
    case sigmaIPSummaries
    case sigmaSnapshots
    case sigmaVLANs
    case sigmaTags
}

extension ListingKey {
    /// The listing (and its zone) this key serves; its short CloudSigma form serves the same objects;
    /// nil for CloudSigma's tags, which are no listing of a kind.
    var listing: (SimulatedListing, zone: String)? {
        switch self {
        case .scalewayServers(let zone): return (.scalewayServers, zone)
        case .scalewayVolumes(let zone): return (.scalewayVolumes, zone)
        case .blockVolumes(let zone): return (.blockVolumes, zone)
        case .scalewayIPs(let zone): return (.scalewayIPs, zone)
        case .securityGroups(let zone): return (.securityGroups, zone)
        case .instanceSnapshots(let zone): return (.instanceSnapshots, zone)
        case .blockSnapshots(let zone): return (.blockSnapshots, zone)
        case .privateNetworks(let region): return (.privateNetworks, region)
        case .sigmaServers, .sigmaServerSummaries: return (.sigmaServers, "")
        case .sigmaDrives, .sigmaDriveSummaries: return (.sigmaDrives, "")
        case .sigmaIPs, .sigmaIPSummaries: return (.sigmaIPs, "")
        case .sigmaSnapshots: return (.sigmaSnapshots, "")
        case .sigmaVLANs: return (.sigmaVLANs, "")
        case .sigmaTags: return nil
        }
    }

    /// The listing a fault rule's `provider`, `resource` and `zone` name (CloudSigma's detailed listings);
    /// nil when the rule names no such listing, or a Scaleway one without its zone.
    static func named(provider: String, resource: String, zone: String?) -> ListingKey? {
        guard let provider = SimulatedProvider(rawValue: provider),
              let listing = SimulatedListing.named(resource, on: provider) else { return nil }
        switch provider {
        case .scaleway: return zone.map { listing.key(zone: $0) }
        case .cloudsigma: return listing.key(zone: "")
        }
    }
}

/// Every API object of the fleet, encoded once and kept in listing order.
///
/// After a mutation only the touched objects (and the ones that embed them: a
/// Scaleway server embeds its volumes, a volume names its server) are encoded
/// again; serving a page only copies bytes.
struct EncodedFleet: Sendable {
    private(set) var listings: [ListingKey: [EncodedObject]] = [:]
    private var objects: [ListingKey: [String: EncodedObject]] = [:]

    init(_ fleet: Fleet) {
        refresh(fleet, touched: nil)
    }

    /// Encodes again the objects in `touched` (every object when nil) and rebuilds the listings.
    mutating func refresh(_ fleet: Fleet, touched: Set<String>?) {
        for zone in fleet.zones {
            refreshScaleway(fleet, zone: zone, touched: touched)
        }
        for (region, networks) in fleet.privateNetworks {
            let key = ListingKey.privateNetworks(region: region)
            update(key, records: networks, ids: touched.map { Set($0.filter { networks[$0] != nil }) }) { $0.wire }
        }
        refreshCloudSigma(fleet, touched: touched)
    }

    /// One object by id from a listing, as served by `GET .../{id}`.
    func object(_ id: String, in key: ListingKey) -> EncodedObject? {
        objects[key]?[id]
    }

    private mutating func refreshScaleway(_ fleet: Fleet, zone: String, touched: Set<String>?) {
        guard let servers = fleet.scalewayServers[zone], let volumes = fleet.scalewayVolumes[zone] else { return }
        var serverIDs = touched.map { Set($0.filter { servers[$0] != nil || objects[.scalewayServers(zone: zone)]?[$0] != nil }) }
        var volumeIDs = touched.map { Set($0.filter { volumes[$0] != nil || objects[.scalewayVolumes(zone: zone)]?[$0] != nil }) }
        if var pendingServers = serverIDs, var pendingVolumes = volumeIDs {
            for id in pendingServers {
                for attachment in servers[id]?.volumes ?? [] where attachment.listed { pendingVolumes.insert(attachment.volumeID) }
            }
            for id in pendingVolumes {
                if let serverID = volumes[id]?.serverID { pendingServers.insert(serverID) }
            }
            serverIDs = pendingServers
            volumeIDs = pendingVolumes
        }
        update(.scalewayServers(zone: zone), records: servers, ids: serverIDs) {
            ScalewayWire.server($0, volumes: volumes)
        }
        update(.scalewayVolumes(zone: zone), records: volumes, ids: volumeIDs) { volume in
            ScalewayWire.volume(volume, serverName: volume.serverID.flatMap { servers[$0]?.name })
        }
        if let groups = fleet.securityGroups[zone] {
            let key = ListingKey.securityGroups(zone: zone)
            let groupIDs = touched.map { Set($0.filter { groups[$0] != nil }) }
            if groupIDs.map({ !$0.isEmpty }) ?? true {
                let members = Dictionary(grouping: servers.records, by: \.securityGroupID)
                update(key, records: groups, ids: groupIDs) { ScalewayWire.securityGroup($0, servers: members[$0.id] ?? []) }
            }
        }
        for (key, records, encode) in [
            (ListingKey.instanceSnapshots(zone: zone), fleet.instanceSnapshots[zone], ScalewayWire.snapshot),
            (ListingKey.blockSnapshots(zone: zone), fleet.blockSnapshots[zone], BlockWire.snapshot),
        ] {
            guard let records else { continue }
            let snapshotIDs = touched.map { Set($0.filter { records[$0] != nil || objects[key]?[$0] != nil }) }
            update(key, records: records, ids: snapshotIDs, encode: encode)
        }
        if let ips = fleet.scalewayIPs[zone] {
            let key = ListingKey.scalewayIPs(zone: zone)
            let ipIDs = touched.map { Set($0.filter { ips[$0] != nil || objects[key]?[$0] != nil }) }
            update(key, records: ips, ids: ipIDs) { ip in
                ScalewayWire.ip(ip, serverName: ip.serverID.flatMap { servers[$0]?.name })
            }
        }
        if let block = fleet.blockVolumes[zone] {
            let key = ListingKey.blockVolumes(zone: zone)
            let blockIDs = touched.map { Set($0.filter { block[$0] != nil || objects[key]?[$0] != nil }) }
            update(key, records: block, ids: blockIDs, encode: BlockWire.volume)
        }
    }

    private mutating func refreshCloudSigma(_ fleet: Fleet, touched: Set<String>?) {
        let owner = fleet.ownerUUID
        update(.sigmaServers, records: fleet.sigmaServers, ids: touched) { CloudSigmaWire.server($0, ownerUUID: owner) }
        update(.sigmaServerSummaries, records: fleet.sigmaServers, ids: touched) {
            CloudSigmaWire.serverSummary($0, ownerUUID: owner)
        }
        update(.sigmaDrives, records: fleet.sigmaDrives, ids: touched) { CloudSigmaWire.drive($0, ownerUUID: owner) }
        update(.sigmaDriveSummaries, records: fleet.sigmaDrives, ids: touched) {
            CloudSigmaWire.driveSummary($0, ownerUUID: owner)
        }
        update(.sigmaIPs, records: fleet.sigmaIPs, ids: touched) { CloudSigmaWire.ip($0, ownerUUID: owner) }
        update(.sigmaSnapshots, records: fleet.sigmaSnapshots, ids: touched) { CloudSigmaWire.snapshot($0, ownerUUID: owner) }
        let vlanIDs = touched.map { Set($0.filter { fleet.sigmaVLANs[$0] != nil }) }
        if vlanIDs.map({ !$0.isEmpty }) ?? true {
            var members: [String: [String]] = [:]
            for server in fleet.sigmaServers.records {
                for uuid in Set(server.nics.compactMap(\.vlanUUID)) { members[uuid, default: []].append(server.uuid) }
            }
            update(.sigmaVLANs, records: fleet.sigmaVLANs, ids: vlanIDs) { vlan in
                CloudSigmaWire.vlan(vlan, servers: vlan.listsServers ? members[vlan.uuid] ?? [] : [], ownerUUID: owner)
            }
        }
        update(.sigmaIPSummaries, records: fleet.sigmaIPs, ids: touched) { CloudSigmaWire.ipSummary($0, ownerUUID: owner) }
        if touched == nil {
            listings[.sigmaTags] = fleet.sigmaTags.map { EncodedObject(id: $0.uuid, value: CloudSigmaWire.tag($0, ownerUUID: owner)) }
        }
    }

    /// Re-encodes `ids` (all when nil), drops deleted ones, and rebuilds the listing when anything changed.
    private mutating func update<Record>(
        _ key: ListingKey, records: OrderedRecords<Record>, ids: Set<String>?, encode: (Record) -> JSONValue
    ) {
        var cache = objects[key] ?? [:]
        if let ids {
            guard !ids.isEmpty else { return }
            for id in ids {
                cache[id] = records[id].map { EncodedObject(id: id, value: encode($0)) }
            }
        } else {
            cache = [:]
            cache.reserveCapacity(records.count)
            for (id, record) in records.byID {
                cache[id] = EncodedObject(id: id, value: encode(record))
            }
        }
        objects[key] = cache
        listings[key] = records.ids.compactMap { cache[$0] }
    }
}
