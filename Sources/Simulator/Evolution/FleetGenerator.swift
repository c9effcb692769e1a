/// Builds the initial fleet (epoch 0) from a configuration, deterministically.
enum FleetGenerator {
    static let tagNames = ["production", "staging", "backup", "team, ops", "Zürich", "customer \"A\"", "temp", "gpu"]

    static func generate(_ configuration: FleetConfiguration) -> Fleet {
        var fleet = Fleet(configuration: configuration)
        var random = SeededGenerator(seed: configuration.seed, salts: 0x6E4)
        var recorder = ChangeRecorder(epoch: 0)
        fleet.sigmaTags = tagNames.map { CloudSigmaTag(uuid: random.uuid(), name: $0) }
        addScaleway(to: &fleet, random: &random, recorder: &recorder)
        addCloudSigma(to: &fleet, random: &random, recorder: &recorder)
        addForeignClaims(to: &fleet, random: &random)
        addReservedIPs(to: &fleet, random: &random, recorder: &recorder)
        addSnapshots(to: &fleet, random: &random, recorder: &recorder)
        return fleet
    }

    /// Flexible IPs reserved and attached to nothing (about one per eight servers of a zone); as
    /// recorded, a few say `attached` while naming no server. Drawn last, like the foreign claims.
    private static func addReservedIPs(to fleet: inout Fleet, random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        for zone in fleet.zones {
            for _ in 0..<max(1, (fleet.scalewayServers[zone]?.count ?? 0) / 8) {
                var ip = fleet.factory.scalewayIP(zone: zone, random: &random)
                if random.chance(0.08) { ip.state = "attached" }
                fleet.addScalewayIP(ip, recorder: &recorder)
            }
        }
        for _ in 0..<max(1, fleet.sigmaServers.count / 8) {
            let ip = fleet.factory.cloudSigmaIP(tags: fleet.sigmaTags, random: &random)
            if fleet.sigmaIPs[ip.uuid] == nil { fleet.addSigmaIP(ip, recorder: &recorder) }
        }
    }

    /// Snapshots of about one volume in five, Instance and Block Storage alike.
    private static func addSnapshots(to fleet: inout Fleet, random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        for zone in fleet.zones {
            for id in fleet.scalewayVolumes[zone]?.ids ?? [] where random.chance(0.2) {
                fleet.snapshotVolume(id, zone: zone, family: .instance, random: &random, recorder: &recorder)
            }
            for id in fleet.blockVolumes[zone]?.ids ?? [] where random.chance(0.2) {
                fleet.snapshotVolume(id, zone: zone, family: .block, random: &random, recorder: &recorder)
            }
            // As real accounts have them: a few snapshots of volumes deleted long ago.
            for (index, id) in (fleet.instanceSnapshots[zone]?.ids ?? []).enumerated() where index % 6 == 0 {
                let gone = random.uuid()
                fleet.instanceSnapshots[zone]?.update(id) { $0.volumeID = gone }
            }
            for (index, id) in (fleet.blockSnapshots[zone]?.ids ?? []).enumerated() where index % 6 == 0 {
                let gone = random.uuid()
                fleet.blockSnapshots[zone]?.update(id) { $0.volumeID = gone }
            }
        }
        for uuid in fleet.sigmaDrives.ids where random.chance(0.15) {
            fleet.snapshotSigmaDrive(uuid, random: &random, recorder: &recorder)
        }
        for (index, uuid) in fleet.sigmaSnapshots.ids.enumerated() where index % 6 == 0 {
            let gone = random.uuid()
            fleet.sigmaSnapshots.update(uuid) { $0.driveUUID = gone }
        }
    }

    /// A few unattached drives and volumes that name a server no listing of the account returns,
    /// as real accounts have them: such a drive is in use somewhere, and must never be offered
    /// for clean-up. Drawn last, so that the rest of a seed's fleet is as it was.
    private static func addForeignClaims(to fleet: inout Fleet, random: inout SeededGenerator) {
        for zone in fleet.zones {
            for id in fleet.scalewayVolumes[zone]?.ids ?? [] where fleet.scalewayVolumes[zone]?[id]?.serverID == nil {
                if random.chance(0.04) { fleet.scalewayVolumes[zone]?.update(id) { $0.foreignServerID = random.uuid() } }
            }
        }
        for zone in fleet.zones {
            for id in fleet.blockVolumes[zone]?.ids ?? [] {
                guard let volume = fleet.blockVolumes[zone]?[id] else { continue }
                if volume.serverID != nil {
                    // As recorded: a volume still `creating` while its reference says attached.
                    if random.chance(0.03) { fleet.blockVolumes[zone]?.update(id) { $0.status = "creating" } }
                } else if volume.status == "available", random.chance(0.12) {
                    // Half name a server no listing returns; half are in_use with no reference at all.
                    let foreign = random.chance(0.5) ? random.uuid() : nil
                    fleet.blockVolumes[zone]?.update(id) {
                        $0.foreignServerID = foreign
                        $0.status = "in_use"
                    }
                }
            }
        }
        for uuid in fleet.sigmaDrives.ids where fleet.sigmaDrives[uuid]?.status == "unmounted" {
            guard random.chance(0.04) else { continue }
            let server = random.uuid()
            fleet.sigmaDrives.update(uuid) {
                $0.foreignMounts = [server]
                $0.status = $0.attachedStatus
            }
        }
    }

    private static func addScaleway(to fleet: inout Fleet, random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        let zones = fleet.zones
        let configuration = fleet.configuration
        for index in 0..<configuration.instanceVolumeCount {
            let volume = fleet.factory.scalewayVolume(
                zone: zones[index % zones.count], serial: fleet.nextSerial(), epoch: 0, random: &random)
            fleet.addScalewayVolume(volume, recorder: &recorder)
        }
        for index in 0..<configuration.blockVolumeCount {
            let volume = fleet.factory.blockVolume(
                zone: zones[index % zones.count], serial: fleet.nextSerial(), epoch: 0, random: &random)
            fleet.addBlockVolume(volume, recorder: &recorder)
        }
        for index in 0..<configuration.scalewayServerCount {
            let server = fleet.factory.scalewayServer(
                zone: zones[index % zones.count], serial: fleet.nextSerial(), epoch: 0, random: &random)
            fleet.addScalewayServer(server, recorder: &recorder)
        }
        for zone in zones {
            var pool = fleet.scalewayVolumes[zone]?.ids[...] ?? []
            var blockPool = (fleet.blockVolumes[zone]?.records ?? []).filter { $0.status == "available" }.map(\.id)[...]
            for serverID in fleet.scalewayServers[zone]?.ids ?? [] {
                // Today's Instances boot from Block Storage: about half hold an sbs_volume, the rest local volumes.
                let wanted = ResourceFactory.weighted([0.08, 0.62, 0.22, 0.08], random: &random)
                if random.chance(0.5), let volumeID = blockPool.popFirst() {
                    fleet.attachBlockVolume(volumeID, to: serverID, zone: zone, recorder: &recorder)
                }
                for _ in 0..<wanted {
                    guard let volumeID = pool.popFirst() else { break }
                    fleet.attachScalewayVolume(volumeID, to: serverID, zone: zone, recorder: &recorder)
                }
            }
        }
    }

    private static func addCloudSigma(to fleet: inout Fleet, random: inout SeededGenerator, recorder: inout ChangeRecorder) {
        let configuration = fleet.configuration
        for _ in 0..<configuration.cloudSigmaDriveCount {
            let drive = fleet.factory.cloudSigmaDrive(serial: fleet.nextSerial(), tags: fleet.sigmaTags, random: &random)
            fleet.addSigmaDrive(drive, recorder: &recorder)
        }
        for _ in 0..<configuration.cloudSigmaServerCount {
            let server = fleet.factory.cloudSigmaServer(
                serial: fleet.nextSerial(), epoch: 0, tags: fleet.sigmaTags, random: &random)
            fleet.addSigmaServer(server, recorder: &recorder)
        }
        let drives = fleet.sigmaDrives.records.filter { $0.status == "unmounted" }
        var disks = drives.filter { $0.media == "disk" }.map(\.uuid)[...]
        var cdroms = drives.filter { $0.media == "cdrom" }.map(\.uuid)[...]
        let shared = drives.filter(\.allowMultimount).map(\.uuid)
        let servers = fleet.sigmaServers.ids
        for serverUUID in servers {
            let wanted = ResourceFactory.weighted([0.1, 0.6, 0.22, 0.08], random: &random)
            for index in 0..<wanted {
                guard let driveUUID = disks.popFirst() else { break }
                fleet.attachSigmaDrive(driveUUID, to: serverUUID, device: "virtio", bootOrder: index == 0 ? 1 : nil,
                                       listed: true, recorder: &recorder)
            }
            if random.chance(0.1), let cdrom = cdroms.popFirst() {
                fleet.attachSigmaDrive(cdrom, to: serverUUID, device: "ide", bootOrder: nil, listed: true, recorder: &recorder)
            } else if random.chance(0.03) {
                fleet.attachSigmaDrive(random.uuid(), to: serverUUID, device: "ide", bootOrder: nil, listed: false,
                                       recorder: &recorder)
            }
        }
        guard servers.count > 1 else { return }
        for driveUUID in shared {
            for _ in 0..<2 {
                fleet.attachSigmaDrive(driveUUID, to: random.pick(servers), device: "virtio", bootOrder: nil,
                                       listed: true, recorder: &recorder)
            }
        }
    }
}
