/// The simulator's ground truth: every resource of both providers, as of now.
///
/// All mutations go through the methods here, which keep both sides of every
/// attachment consistent (a volume's `server` and the server's `volumes`; a
/// drive's `mounted_on` and the server's `drives`) and record what changed.
struct Fleet: Sendable {
    let configuration: FleetConfiguration
    let factory: ResourceFactory
    let ownerUUID: String
    private(set) var epoch = 0
    /// Scaleway servers and volumes by zone.
    var scalewayServers: [String: OrderedRecords<ScalewayServer>] = [:]
    var scalewayVolumes: [String: OrderedRecords<ScalewayVolume>] = [:]
    /// Scaleway Block Storage volumes by zone.
    var blockVolumes: [String: OrderedRecords<BlockVolume>] = [:]
    /// Scaleway flexible IPs by zone.
    var scalewayIPs: [String: OrderedRecords<ScalewayIP>] = [:]
    /// Scaleway snapshots by zone: of Instance volumes, and of Block Storage volumes.
    var instanceSnapshots: [String: OrderedRecords<ScalewaySnapshot>] = [:]
    var blockSnapshots: [String: OrderedRecords<ScalewaySnapshot>] = [:]
    /// Scaleway security groups by zone (three per zone, fixed for the fleet's life).
    var securityGroups: [String: OrderedRecords<ScalewaySecurityGroup>] = [:]
    /// Scaleway VPC private networks by region (fixed for the fleet's life).
    var privateNetworks: [String: OrderedRecords<ScalewayPrivateNetwork>] = [:]
    var sigmaServers = OrderedRecords<CloudSigmaServer>()
    var sigmaDrives = OrderedRecords<CloudSigmaDrive>()
    var sigmaTags: [CloudSigmaTag] = []
    var sigmaIPs = OrderedRecords<CloudSigmaIP>()
    var sigmaSnapshots = OrderedRecords<CloudSigmaSnapshot>()
    /// The VLANs the factory's NICs use, and two no server uses.
    var sigmaVLANs = OrderedRecords<CloudSigmaVLAN>()
    /// Every change since the fleet was generated, oldest first.
    private(set) var changeLog: [FleetChange] = []
    /// Grows with every resource created; feeds names and creation times.
    var serial = 0

    init(configuration: FleetConfiguration) {
        self.configuration = configuration
        self.factory = ResourceFactory(seed: configuration.seed)
        var random = SeededGenerator(seed: configuration.seed, salts: 0x0A11)
        self.ownerUUID = random.uuid()
        for zone in configuration.zones {
            scalewayServers[zone] = OrderedRecords()
            scalewayVolumes[zone] = OrderedRecords()
            blockVolumes[zone] = OrderedRecords()
            scalewayIPs[zone] = OrderedRecords()
            instanceSnapshots[zone] = OrderedRecords()
            blockSnapshots[zone] = OrderedRecords()
            var groups = OrderedRecords<ScalewaySecurityGroup>()
            for (index, name) in ["Default security group", "web", "database"].enumerated() {
                let group = ScalewaySecurityGroup(
                    id: random.uuid(), name: name, zone: zone, organization: factory.organizationID,
                    project: factory.projectIDs[0], projectDefault: index == 0, stateful: true,
                    inboundDefaultPolicy: index == 0 ? "accept" : "drop", outboundDefaultPolicy: "accept",
                    creationDate: SimulatedClock.scalewayTimestamp(SimulatedClock.startSeconds - 86_400 * 30, micros: 0),
                    tags: index == 2 ? ["prod"] : [])
                groups.append(group, id: group.id)
            }
            securityGroups[zone] = groups
        }
        for (index, uuid) in (factory.vlanUUIDs + [random.uuid(), random.uuid()]).enumerated() {
            sigmaVLANs.append(CloudSigmaVLAN(uuid: uuid, name: "vlan-\(index)", listsServers: index % 2 == 0,
                                             subscriptionID: 7100 + index), id: uuid)
        }
        privateNetworks = ScalewayPrivateNetwork.generate(zones: configuration.zones, usedIDs: factory.privateNetworkIDs,
                                                          factory: factory, random: &random)
    }

    /// Records that the VLANs a server's NICs are on changed their `servers` (it came or went).
    mutating func touchVLANs(of server: CloudSigmaServer, recorder: inout ChangeRecorder) {
        for uuid in Set(server.nics.compactMap(\.vlanUUID)) where sigmaVLANs[uuid]?.listsServers == true {
            recorder.record(.updated, provider: "cloudsigma", scope: location, resource: "vlan", id: uuid, fields: ["servers"])
        }
    }

    /// The group a new server of `zone` joins: drawn from its id, so the same seed gives the same
    /// groups; about one server in thirty is in none (the wire says `security_group: null`).
    func securityGroup(forServer id: String, zone: String) -> String {
        let ids = securityGroups[zone]?.ids ?? []
        let draw = Int(id.unicodeScalars.reduce(UInt32(0)) { $0 &* 31 &+ $1.value } % 90)
        guard !ids.isEmpty, draw >= 3 else { return "" }
        return ids[draw % ids.count]
    }

    /// Records that a group's `servers` changed (a server joined, left or was renamed).
    mutating func touchSecurityGroup(of server: ScalewayServer, recorder: inout ChangeRecorder) {
        guard !server.securityGroupID.isEmpty, securityGroups[server.zone]?[server.securityGroupID] != nil else { return }
        recorder.record(.updated, provider: "scaleway", scope: server.zone, resource: "security_group",
                        id: server.securityGroupID, fields: ["servers"])
    }

    var location: String { configuration.location }
    var zones: [String] { configuration.zones }

    var resourceCount: Int {
        scalewayServers.values.reduce(0) { $0 + $1.count } + scalewayVolumes.values.reduce(0) { $0 + $1.count }
            + blockVolumes.values.reduce(0) { $0 + $1.count } + scalewayIPs.values.reduce(0) { $0 + $1.count }
            + instanceSnapshots.values.reduce(0) { $0 + $1.count } + blockSnapshots.values.reduce(0) { $0 + $1.count }
            + sigmaServers.count + sigmaIPs.count + sigmaSnapshots.count + sigmaDrives.count
    }

    mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }

    mutating func beginEpoch() -> ChangeRecorder {
        epoch += 1
        return ChangeRecorder(epoch: epoch)
    }

    mutating func commit(_ recorder: ChangeRecorder) {
        changeLog.append(contentsOf: recorder.recorded)
        for zone in zones {
            scalewayServers[zone]?.compact()
            scalewayVolumes[zone]?.compact()
            blockVolumes[zone]?.compact()
            scalewayIPs[zone]?.compact()
            instanceSnapshots[zone]?.compact()
            blockSnapshots[zone]?.compact()
        }
        sigmaServers.compact()
        sigmaDrives.compact()
        sigmaIPs.compact()
        sigmaSnapshots.compact()
    }

    /// Replaces the recorded changes of one epoch (after dropping updates that cancelled out).
    mutating func replaceChanges(ofEpoch epoch: Int, with changes: [FleetChange]) {
        changeLog.removeAll { $0.epoch == epoch }
        changeLog.append(contentsOf: changes)
    }

    var now: Int64 { SimulatedClock.seconds(epoch: epoch, offset: 43_200) }
    var scalewayNow: String { SimulatedClock.scalewayTimestamp(now, micros: 0) }

    // MARK: Scaleway

    mutating func updateScalewayServer(
        _ id: String, zone: String, fields: [String], recorder: inout ChangeRecorder,
        _ body: (inout ScalewayServer) -> Void
    ) {
        let stamp = scalewayNow
        scalewayServers[zone]?.update(id) {
            body(&$0)
            $0.modificationDate = stamp
        }
        recorder.record(.updated, provider: "scaleway", scope: zone, resource: "server", id: id,
                        fields: fields + ["modification_date"])
        // A volume or IP object names its server: a rename shows in those listings too.
        if fields.contains("name") {
            for attachment in scalewayServers[zone]?[id]?.volumes ?? [] where attachment.listed {
                recorder.record(.updated, provider: "scaleway", scope: zone, resource: "volume",
                                id: attachment.volumeID, fields: ["server"])
            }
            for ip in scalewayServers[zone]?[id]?.publicIPs ?? [] where scalewayIPs[zone]?[ip.id] != nil {
                recorder.record(.updated, provider: "scaleway", scope: zone, resource: "ip", id: ip.id, fields: ["server"])
            }
            if let server = scalewayServers[zone]?[id] { touchSecurityGroup(of: server, recorder: &recorder) }
        }
    }

    mutating func updateScalewayVolume(
        _ id: String, zone: String, fields: [String], recorder: inout ChangeRecorder,
        _ body: (inout ScalewayVolume) -> Void
    ) {
        let before = scalewayVolumes[zone]?[id]?.serverID
        let stamp = scalewayNow
        scalewayVolumes[zone]?.update(id) {
            body(&$0)
            $0.modificationDate = stamp
        }
        recorder.record(.updated, provider: "scaleway", scope: zone, resource: "volume", id: id,
                        fields: fields + ["modification_date"])
        // A server embeds its volumes: a change to an attached volume shows in the server listing too.
        for serverID in Set([before, scalewayVolumes[zone]?[id]?.serverID].compactMap { $0 }) {
            recorder.record(.updated, provider: "scaleway", scope: zone, resource: "server", id: serverID,
                            fields: ["volumes"])
        }
    }

    /// Attaches a listed volume to a server's lowest free slot.
    mutating func attachScalewayVolume(_ volumeID: String, to serverID: String, zone: String, recorder: inout ChangeRecorder) {
        guard let volume = scalewayVolumes[zone]?[volumeID], volume.serverID == nil,
              let server = scalewayServers[zone]?[serverID] else { return }
        let used = Set(server.volumes.map(\.slot))
        let slot = (0...).first { !used.contains($0) } ?? 0
        updateScalewayServer(serverID, zone: zone, fields: ["volumes"], recorder: &recorder) {
            $0.volumes.append(.init(slot: slot, volumeID: volumeID, volumeType: volume.volumeType, listed: true))
            $0.volumes.sort { $0.slot < $1.slot }
        }
        updateScalewayVolume(volumeID, zone: zone, fields: ["server"], recorder: &recorder) { $0.serverID = serverID }
    }

    /// Detaches a volume (listed or not) from whatever server holds it.
    mutating func detachScalewayVolume(_ volumeID: String, from serverID: String, zone: String, recorder: inout ChangeRecorder) {
        dropVolume(volumeID, fromServer: serverID, zone: zone, recorder: &recorder)
        if scalewayVolumes[zone]?[volumeID] != nil {
            updateScalewayVolume(volumeID, zone: zone, fields: ["server"], recorder: &recorder) { $0.serverID = nil }
        }
    }

    mutating func addScalewayServer(_ server: ScalewayServer, first: Bool = false, recorder: inout ChangeRecorder) {
        var server = server
        server.securityGroupID = securityGroup(forServer: server.id, zone: server.zone)
        touchSecurityGroup(of: server, recorder: &recorder)
        // Its flexible (not dynamic) public IPs are IPs of the account, attached to it.
        for ip in server.publicIPs where !ip.dynamic {
            let record = ScalewayIP(
                id: ip.id, address: ip.address, zone: server.zone, organization: server.organization, project: server.project,
                type: ip.family == "inet" ? "routed_ipv4" : "routed_ipv6", state: "attached", serverID: server.id,
                reverse: nil, tags: [])
            addScalewayIP(record, recorder: &recorder)
        }
        scalewayServers[server.zone]?.add(server, id: server.id, first: first)
        recorder.record(.created, provider: "scaleway", scope: server.zone, resource: "server", id: server.id)
    }

    mutating func addScalewayVolume(_ volume: ScalewayVolume, first: Bool = false, recorder: inout ChangeRecorder) {
        scalewayVolumes[volume.zone]?.add(volume, id: volume.id, first: first)
        recorder.record(.created, provider: "scaleway", scope: volume.zone, resource: "volume", id: volume.id)
    }

    /// Deletes a server; its volumes (Instance and Block Storage) stay, detached.
    mutating func deleteScalewayServer(_ id: String, zone: String, recorder: inout ChangeRecorder) {
        guard let server = scalewayServers[zone]?[id] else { return }
        for attachment in server.volumes where attachment.listed {
            updateScalewayVolume(attachment.volumeID, zone: zone, fields: ["server"], recorder: &recorder) {
                $0.serverID = nil
            }
        }
        for attachment in server.volumes where !attachment.listed && blockVolumes[zone]?[attachment.volumeID] != nil {
            releaseBlockVolume(attachment.volumeID, zone: zone, recorder: &recorder)
        }
        for ip in server.publicIPs where scalewayIPs[zone]?[ip.id] != nil {
            scalewayIPs[zone]?.update(ip.id) {
                $0.serverID = nil
                $0.state = "detached"
            }
            recorder.record(.updated, provider: "scaleway", scope: zone, resource: "ip", id: ip.id, fields: ["server", "state"])
        }
        touchSecurityGroup(of: server, recorder: &recorder)
        scalewayServers[zone]?.remove(id)
        recorder.record(.deleted, provider: "scaleway", scope: zone, resource: "server", id: id)
    }

    /// Deletes a volume, detaching it first if needed.
    mutating func deleteScalewayVolume(_ id: String, zone: String, recorder: inout ChangeRecorder) {
        guard let volume = scalewayVolumes[zone]?[id] else { return }
        if let serverID = volume.serverID {
            dropVolume(id, fromServer: serverID, zone: zone, recorder: &recorder)
        }
        scalewayVolumes[zone]?.remove(id)
        recorder.record(.deleted, provider: "scaleway", scope: zone, resource: "volume", id: id)
    }

    /// Takes a volume (Instance or Block Storage) out of a server's `volumes` map.
    private mutating func dropVolume(_ volumeID: String, fromServer serverID: String, zone: String, recorder: inout ChangeRecorder) {
        updateScalewayServer(serverID, zone: zone, fields: ["volumes"], recorder: &recorder) {
            $0.volumes.removeAll { $0.volumeID == volumeID }
        }
    }

    mutating func addScalewayIP(_ ip: ScalewayIP, first: Bool = false, recorder: inout ChangeRecorder) {
        scalewayIPs[ip.zone]?.add(ip, id: ip.id, first: first)
        recorder.record(.created, provider: "scaleway", scope: ip.zone, resource: "ip", id: ip.id)
    }

    /// Routes a reserved IP to a server: it joins the server's `public_ips`.
    mutating func attachScalewayIP(_ id: String, to serverID: String, zone: String, recorder: inout ChangeRecorder) {
        guard let ip = scalewayIPs[zone]?[id], ip.serverID == nil, scalewayServers[zone]?[serverID] != nil else { return }
        updateScalewayServer(serverID, zone: zone, fields: ["public_ips"], recorder: &recorder) {
            $0.publicIPs.append(.init(id: ip.id, address: ip.address, dynamic: false, family: "inet"))
        }
        scalewayIPs[zone]?.update(id) {
            $0.serverID = serverID
            $0.state = "attached"
        }
        recorder.record(.updated, provider: "scaleway", scope: zone, resource: "ip", id: id, fields: ["server", "state"])
    }

    /// Takes an IP off its server; it stays reserved, detached.
    mutating func detachScalewayIP(_ id: String, zone: String, recorder: inout ChangeRecorder) {
        guard let serverID = scalewayIPs[zone]?[id]?.serverID else { return }
        updateScalewayServer(serverID, zone: zone, fields: ["public_ips", "ipv6"], recorder: &recorder) {
            let address = $0.publicIPs.first { $0.id == id }?.address
            $0.publicIPs.removeAll { $0.id == id }
            // The server's `ipv6` block is the routed IPv6 it held: gone with it.
            if let address, $0.ipv6Address == address { $0.ipv6Address = nil }
        }
        scalewayIPs[zone]?.update(id) {
            $0.serverID = nil
            $0.state = "detached"
        }
        recorder.record(.updated, provider: "scaleway", scope: zone, resource: "ip", id: id, fields: ["server", "state"])
    }

    /// Releases an IP no server holds (a reserved IP given back).
    mutating func deleteScalewayIP(_ id: String, zone: String, recorder: inout ChangeRecorder) {
        guard let ip = scalewayIPs[zone]?[id], ip.serverID == nil else { return }
        scalewayIPs[zone]?.remove(id)
        recorder.record(.deleted, provider: "scaleway", scope: zone, resource: "ip", id: id)
    }

    /// Takes a snapshot of a volume of `family` (Instance or Block Storage).
    mutating func snapshotVolume(_ volumeID: String, zone: String, family: ScalewaySnapshotFamily,
                                 random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        guard let source = family.source(volumeID, zone: zone, in: self) else { return }
        let snapshot = ScalewaySnapshot(
            id: random.uuid(), name: "snap-\(source.name)", zone: zone, organization: factory.organizationID,
            project: source.project, size: source.size, volumeID: volumeID, volumeName: source.name, volumeType: source.type,
            state: random.chance(0.95) ? "available" : family.creatingState,
            createdAt: SimulatedClock.scalewayTimestamp(now - Int64(random.int(in: 0...86_400 * 60)), micros: 0), tags: [])
        self[keyPath: family.snapshots][zone]?.add(snapshot, id: snapshot.id, first: false)
        recorder.record(.created, provider: "scaleway", scope: zone, resource: family.listing.changeWord, id: snapshot.id)
    }

    /// Deletes a snapshot of `family`.
    mutating func deleteSnapshot(_ id: String, zone: String, family: ScalewaySnapshotFamily, recorder: inout ChangeRecorder) {
        guard self[keyPath: family.snapshots][zone]?[id] != nil else { return }
        self[keyPath: family.snapshots][zone]?.remove(id)
        recorder.record(.deleted, provider: "scaleway", scope: zone, resource: family.listing.changeWord, id: id)
    }

    // MARK: Scaleway Block Storage

    mutating func updateBlockVolume(
        _ id: String, zone: String, fields: [String], recorder: inout ChangeRecorder, _ body: (inout BlockVolume) -> Void
    ) {
        let stamp = SimulatedClock.blockTimestamp(now)
        blockVolumes[zone]?.update(id) {
            body(&$0)
            $0.updatedAt = stamp
        }
        recorder.record(.updated, provider: "scaleway", scope: zone, resource: "block_volume", id: id,
                        fields: fields + ["updated_at"])
    }

    mutating func addBlockVolume(_ volume: BlockVolume, first: Bool = false, recorder: inout ChangeRecorder) {
        blockVolumes[volume.zone]?.add(volume, id: volume.id, first: first)
        recorder.record(.created, provider: "scaleway", scope: volume.zone, resource: "block_volume", id: volume.id)
    }

    /// Attaches an available Block volume to a server's lowest free slot, as an `sbs_volume`.
    mutating func attachBlockVolume(_ volumeID: String, to serverID: String, zone: String, recorder: inout ChangeRecorder) {
        guard let volume = blockVolumes[zone]?[volumeID], !volume.claimsAttachment, volume.status == "available",
              let server = scalewayServers[zone]?[serverID] else { return }
        let used = Set(server.volumes.map(\.slot))
        let slot = (0...).first { !used.contains($0) } ?? 0
        updateScalewayServer(serverID, zone: zone, fields: ["volumes"], recorder: &recorder) {
            $0.volumes.append(.init(slot: slot, volumeID: volumeID, volumeType: "sbs_volume", listed: false))
            $0.volumes.sort { $0.slot < $1.slot }
        }
        updateBlockVolume(volumeID, zone: zone, fields: ["references", "status"], recorder: &recorder) {
            $0.serverID = serverID
            $0.status = "in_use"
        }
    }

    /// Detaches a Block volume from the server that holds it.
    mutating func detachBlockVolume(_ volumeID: String, from serverID: String, zone: String, recorder: inout ChangeRecorder) {
        dropVolume(volumeID, fromServer: serverID, zone: zone, recorder: &recorder)
        releaseBlockVolume(volumeID, zone: zone, recorder: &recorder)
    }

    /// The volume's side of a detachment: no reference, available, detached now.
    private mutating func releaseBlockVolume(_ volumeID: String, zone: String, recorder: inout ChangeRecorder) {
        let stamp = SimulatedClock.blockTimestamp(now)
        updateBlockVolume(volumeID, zone: zone, fields: ["references", "status", "last_detached_at"], recorder: &recorder) {
            $0.serverID = nil
            $0.status = "available"
            $0.lastDetachedAt = stamp
        }
    }

    /// Deletes a Block volume, detaching it first if needed.
    mutating func deleteBlockVolume(_ id: String, zone: String, recorder: inout ChangeRecorder) {
        guard let volume = blockVolumes[zone]?[id] else { return }
        if let serverID = volume.serverID {
            dropVolume(id, fromServer: serverID, zone: zone, recorder: &recorder)
        }
        blockVolumes[zone]?.remove(id)
        recorder.record(.deleted, provider: "scaleway", scope: zone, resource: "block_volume", id: id)
    }

    // MARK: CloudSigma

    mutating func updateSigmaServer(
        _ uuid: String, fields: [String], recorder: inout ChangeRecorder, _ body: (inout CloudSigmaServer) -> Void
    ) {
        sigmaServers.update(uuid, body)
        recorder.record(.updated, provider: "cloudsigma", scope: location, resource: "server", id: uuid, fields: fields)
    }

    mutating func updateSigmaDrive(
        _ uuid: String, fields: [String], recorder: inout ChangeRecorder, _ body: (inout CloudSigmaDrive) -> Void
    ) {
        sigmaDrives.update(uuid, body)
        recorder.record(.updated, provider: "cloudsigma", scope: location, resource: "drive", id: uuid, fields: fields)
    }

    /// Attaches a drive to a server on the next free channel of `device`.
    mutating func attachSigmaDrive(
        _ driveUUID: String, to serverUUID: String, device: String, bootOrder: Int?, listed: Bool,
        recorder: inout ChangeRecorder
    ) {
        guard let server = sigmaServers[serverUUID], !server.drives.contains(where: { $0.driveUUID == driveUUID })
        else { return }
        let unitsPerController = device == "ide" ? 2 : 6
        let used = Set(server.drives.filter { $0.device == device }.map(\.devChannel))
        let channel = (0...).lazy.map { "\($0 / unitsPerController):\($0 % unitsPerController)" }
            .first { !used.contains($0) } ?? "0:0"
        updateSigmaServer(serverUUID, fields: ["drives"], recorder: &recorder) {
            $0.drives.append(.init(driveUUID: driveUUID, device: device, devChannel: channel, bootOrder: bootOrder, listed: listed))
        }
        if listed, sigmaDrives[driveUUID] != nil {
            updateSigmaDrive(driveUUID, fields: ["mounted_on", "status"], recorder: &recorder) {
                $0.mountedOn.append(serverUUID)
                $0.status = "mounted"
            }
        }
    }

    mutating func detachSigmaDrive(_ driveUUID: String, from serverUUID: String, recorder: inout ChangeRecorder) {
        updateSigmaServer(serverUUID, fields: ["drives"], recorder: &recorder) {
            $0.drives.removeAll { $0.driveUUID == driveUUID }
        }
        if sigmaDrives[driveUUID] != nil {
            updateSigmaDrive(driveUUID, fields: ["mounted_on", "status"], recorder: &recorder) {
                $0.mountedOn.removeAll { $0 == serverUUID }
                $0.status = $0.attachedStatus
            }
        }
    }

    mutating func addSigmaServer(_ server: CloudSigmaServer, first: Bool = false, recorder: inout ChangeRecorder) {
        touchVLANs(of: server, recorder: &recorder)
        // The addresses of its static NICs are IPs of the account; half of them name the server.
        for (index, nic) in server.nics.enumerated() where nic.ipv4Conf == "static" {
            guard let address = nic.ipv4Address, sigmaIPs[address] == nil else { continue }
            let names = (server.uuid.unicodeScalars.last?.value ?? 0) % 2 == UInt32(index % 2)
            addSigmaIP(CloudSigmaIP(uuid: address, serverUUID: names ? server.uuid : nil,
                                    subscriptionID: 7000 + sigmaIPs.count, tags: []), recorder: &recorder)
        }
        sigmaServers.add(server, id: server.uuid, first: first)
        recorder.record(.created, provider: "cloudsigma", scope: location, resource: "server", id: server.uuid)
    }

    mutating func addSigmaDrive(_ drive: CloudSigmaDrive, first: Bool = false, recorder: inout ChangeRecorder) {
        sigmaDrives.add(drive, id: drive.uuid, first: first)
        recorder.record(.created, provider: "cloudsigma", scope: location, resource: "drive", id: drive.uuid)
    }

    /// Takes a snapshot of a drive.
    mutating func snapshotSigmaDrive(_ driveUUID: String, random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        guard let drive = sigmaDrives[driveUUID] else { return }
        let taken = now - Int64(random.int(in: 0...86_400 * 60))
        let stamp = SimulatedClock.cloudSigmaTimestamp(taken).replacingOccurrences(of: "T", with: " ")
        let snapshot = CloudSigmaSnapshot(
            uuid: random.uuid(), name: "\(driveUUID)__\(stamp.prefix(10))", driveUUID: driveUUID,
            status: random.chance(0.95) ? "available" : "creating", allocatedSize: drive.size / 4, timestamp: stamp)
        sigmaSnapshots.add(snapshot, id: snapshot.uuid, first: false)
        recorder.record(.created, provider: "cloudsigma", scope: location, resource: "snapshot", id: snapshot.uuid)
    }

    mutating func deleteSigmaSnapshot(_ uuid: String, recorder: inout ChangeRecorder) {
        guard sigmaSnapshots[uuid] != nil else { return }
        sigmaSnapshots.remove(uuid)
        recorder.record(.deleted, provider: "cloudsigma", scope: location, resource: "snapshot", id: uuid)
    }

    mutating func addSigmaIP(_ ip: CloudSigmaIP, first: Bool = false, recorder: inout ChangeRecorder) {
        sigmaIPs.add(ip, id: ip.uuid, first: first)
        recorder.record(.created, provider: "cloudsigma", scope: location, resource: "ip", id: ip.uuid)
    }

    /// Gives back an IP no server uses.
    mutating func deleteSigmaIP(_ uuid: String, recorder: inout ChangeRecorder) {
        guard sigmaIPs[uuid] != nil, !sigmaIPInUse(uuid) else { return }
        sigmaIPs.remove(uuid)
        recorder.record(.deleted, provider: "cloudsigma", scope: location, resource: "ip", id: uuid)
    }

    /// Whether a server's NIC uses the address (the servers' side), or the IP names a server (its own).
    func sigmaIPInUse(_ uuid: String) -> Bool {
        sigmaIPs[uuid]?.serverUUID != nil
            || sigmaServers.records.contains { $0.nics.contains { $0.ipv4Conf == "static" && $0.ipv4Address == uuid } }
    }

    /// Deletes a server; its listed drives stay, unmounted from it; its static IPs stay, reserved.
    mutating func deleteSigmaServer(_ uuid: String, recorder: inout ChangeRecorder) {
        guard let server = sigmaServers[uuid] else { return }
        touchVLANs(of: server, recorder: &recorder)
        for nic in server.nics where nic.ipv4Conf == "static" {
            guard let address = nic.ipv4Address, let ip = sigmaIPs[address], ip.serverUUID != nil else { continue }
            sigmaIPs.update(address) { $0.serverUUID = nil }
            recorder.record(.updated, provider: "cloudsigma", scope: location, resource: "ip", id: address, fields: ["server"])
        }
        for attachment in server.drives where attachment.listed && sigmaDrives[attachment.driveUUID] != nil {
            updateSigmaDrive(attachment.driveUUID, fields: ["mounted_on", "status"], recorder: &recorder) {
                $0.mountedOn.removeAll { $0 == uuid }
                $0.status = $0.attachedStatus
            }
        }
        sigmaServers.remove(uuid)
        recorder.record(.deleted, provider: "cloudsigma", scope: location, resource: "server", id: uuid)
    }

    /// Deletes a drive, detaching it from every server first.
    mutating func deleteSigmaDrive(_ uuid: String, recorder: inout ChangeRecorder) {
        guard let drive = sigmaDrives[uuid] else { return }
        for serverUUID in drive.mountedOn {
            updateSigmaServer(serverUUID, fields: ["drives"], recorder: &recorder) {
                $0.drives.removeAll { $0.driveUUID == uuid }
            }
        }
        sigmaDrives.remove(uuid)
        recorder.record(.deleted, provider: "cloudsigma", scope: location, resource: "drive", id: uuid)
    }
}
