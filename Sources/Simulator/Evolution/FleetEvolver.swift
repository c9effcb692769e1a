/// Moves a fleet forward by one epoch: creations, deletions, power changes,
/// renames, retags, attachments, detachments and resizes, drawn from the seed.
enum FleetEvolver {
    enum Operation: CaseIterable {
        case createServer, deleteServer, power, rename, retag, attach, detach, resize, createDrive, deleteDrive
    }

    static let weights: [Double] = [0.10, 0.07, 0.22, 0.12, 0.12, 0.10, 0.10, 0.08, 0.06, 0.03]

    /// Applies `round(churn x resources)` operations (at least one when churn > 0)
    /// and returns what changed, merged per resource.
    static func advance(_ fleet: inout Fleet, churn: Double) -> [FleetChange] {
        var recorder = fleet.beginEpoch()
        var random = SeededGenerator(seed: fleet.configuration.seed, salts: 0xE90C, UInt64(fleet.epoch))
        let pool = EpochPool(fleet)
        let operations = churn > 0 ? max(1, Int((Double(fleet.resourceCount) * churn).rounded())) : 0
        for _ in 0..<operations {
            let operation = Operation.allCases[ResourceFactory.weighted(weights, random: &random)]
            if random.chance(0.5) {
                ScalewayEvolution.apply(operation, to: &fleet, pool: pool, random: &random, recorder: &recorder)
            } else {
                CloudSigmaEvolution.apply(operation, to: &fleet, pool: pool, random: &random, recorder: &recorder)
            }
        }
        fleet.commit(recorder)
        return recorder.recorded
    }
}

/// Epoch operations on the Scaleway side of the fleet.
enum ScalewayEvolution {
    static func apply(
        _ operation: FleetEvolver.Operation, to fleet: inout Fleet, pool: EpochPool, random: inout SeededGenerator,
        recorder: inout ChangeRecorder
    ) {
        let zone = random.pick(fleet.zones)
        let servers = pool.scalewayServers[zone] ?? []
        let volumes = pool.scalewayVolumes[zone] ?? []
        let epoch = fleet.epoch
        if [.createDrive, .deleteDrive].contains(operation), random.chance(0.2) {
            let family = ScalewaySnapshotFamily.drawn(&random)
            if operation == .createDrive {
                let pool = family.volumeIDs(zone: zone, in: fleet)
                if let id = pool.isEmpty ? nil : random.pick(pool) {
                    fleet.snapshotVolume(id, zone: zone, family: family, random: &random, recorder: &recorder)
                }
            } else {
                let pool = fleet[keyPath: family.snapshots][zone]?.ids ?? []
                if let id = pool.isEmpty ? nil : random.pick(pool) {
                    fleet.deleteSnapshot(id, zone: zone, family: family, recorder: &recorder)
                }
            }
            return
        }
        if [.createDrive, .deleteDrive, .attach, .detach].contains(operation), random.chance(0.25) {
            ScalewayIPEvolution.apply(operation, zone: zone, to: &fleet, pool: pool, random: &random, recorder: &recorder)
            return
        }
        if [.attach, .detach, .resize, .createDrive, .deleteDrive].contains(operation), random.chance(0.5) {
            BlockStorageEvolution.apply(operation, zone: zone, to: &fleet, pool: pool, random: &random, recorder: &recorder)
            return
        }
        switch operation {
        case .createServer:
            let server = fleet.factory.scalewayServer(zone: zone, serial: fleet.nextSerial(), epoch: epoch, random: &random)
            fleet.addScalewayServer(server, recorder: &recorder)
        case .deleteServer:
            guard let id = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil })
            else { return }
            fleet.deleteScalewayServer(id, zone: zone, recorder: &recorder)
        case .power:
            guard let id = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil }),
                  let server = fleet.scalewayServers[zone]?[id] else { return }
            let next = server.state == "running" ? random.pick(["stopped", "stopping", "stopped in place"]) : "running"
            fleet.updateScalewayServer(id, zone: zone, fields: ["state", "state_detail"], recorder: &recorder) {
                $0.state = next
                $0.stateDetail = next == "running" ? "booted" : ""
            }
        case .rename:
            guard let id = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil })
            else { return }
            let name = fleet.factory.name("renamed", serial: fleet.nextSerial(), random: &random)
            fleet.updateScalewayServer(id, zone: zone, fields: ["name"], recorder: &recorder) { $0.name = name }
        case .retag:
            guard let id = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil })
            else { return }
            let tags = ResourceFactory.someOf(ResourceFactory.scalewayTags, upTo: 3, random: &random)
            guard Set(fleet.scalewayServers[zone]?[id]?.tags ?? []) != Set(tags) else { return }
            fleet.updateScalewayServer(id, zone: zone, fields: ["tags"], recorder: &recorder) { $0.tags = tags }
        case .attach:
            guard let volumeID = EpochPool.sample(volumes, random: &random, where: { id in
                fleet.scalewayVolumes[zone]?[id].map { $0.serverID == nil } ?? false
            }), let serverID = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil })
            else { return }
            fleet.attachScalewayVolume(volumeID, to: serverID, zone: zone, recorder: &recorder)
        case .detach:
            guard let volumeID = EpochPool.sample(volumes, random: &random, where: { fleet.scalewayVolumes[zone]?[$0]?.serverID != nil }),
                  let serverID = fleet.scalewayVolumes[zone]?[volumeID]?.serverID else { return }
            fleet.detachScalewayVolume(volumeID, from: serverID, zone: zone, recorder: &recorder)
        case .resize:
            guard let id = EpochPool.sample(volumes, random: &random, where: { fleet.scalewayVolumes[zone]?[$0] != nil })
            else { return }
            fleet.updateScalewayVolume(id, zone: zone, fields: ["size"], recorder: &recorder) {
                $0.size += 10_000_000_000
            }
        case .createDrive:
            let volume = fleet.factory.scalewayVolume(zone: zone, serial: fleet.nextSerial(), epoch: epoch, random: &random)
            fleet.addScalewayVolume(volume, recorder: &recorder)
        case .deleteDrive:
            guard let id = EpochPool.sample(volumes, random: &random, where: { id in
                fleet.scalewayVolumes[zone]?[id].map { $0.serverID == nil } ?? false
            }) else { return }
            fleet.deleteScalewayVolume(id, zone: zone, recorder: &recorder)
        }
    }
}

/// Epoch operations on Scaleway Block Storage volumes (the volume operations half the time).
enum BlockStorageEvolution {
    static func apply(
        _ operation: FleetEvolver.Operation, zone: String, to fleet: inout Fleet, pool: EpochPool,
        random: inout SeededGenerator, recorder: inout ChangeRecorder
    ) {
        let servers = pool.scalewayServers[zone] ?? []
        let volumes = pool.blockVolumes[zone] ?? []
        let exists: (String) -> Bool = { fleet.blockVolumes[zone]?[$0] != nil }
        switch operation {
        case .attach:
            guard let volumeID = EpochPool.sample(volumes, random: &random, where: { id in
                fleet.blockVolumes[zone]?[id].map { !$0.claimsAttachment && $0.status == "available" } ?? false
            }), let serverID = EpochPool.sample(servers, random: &random, where: { fleet.scalewayServers[zone]?[$0] != nil })
            else { return }
            fleet.attachBlockVolume(volumeID, to: serverID, zone: zone, recorder: &recorder)
        case .detach:
            guard let volumeID = EpochPool.sample(volumes, random: &random, where: { fleet.blockVolumes[zone]?[$0]?.serverID != nil }),
                  let serverID = fleet.blockVolumes[zone]?[volumeID]?.serverID else { return }
            fleet.detachBlockVolume(volumeID, from: serverID, zone: zone, recorder: &recorder)
        case .resize:
            guard let id = EpochPool.sample(volumes, random: &random, where: exists) else { return }
            fleet.updateBlockVolume(id, zone: zone, fields: ["size"], recorder: &recorder) { $0.size += 10_000_000_000 }
        case .createDrive:
            let volume = fleet.factory.blockVolume(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
            fleet.addBlockVolume(volume, recorder: &recorder)
        case .deleteDrive:
            guard let id = EpochPool.sample(volumes, random: &random, where: { id in
                fleet.blockVolumes[zone]?[id].map { !$0.claimsAttachment } ?? false
            }) else { return }
            fleet.deleteBlockVolume(id, zone: zone, recorder: &recorder)
        case .createServer, .deleteServer, .power, .rename, .retag:
            return
        }
    }
}

/// Epoch operations on Scaleway flexible IPs: one reserved, one that no server holds released, a
/// reserved one routed to a server, or one taken off its server (kept, detached).
enum ScalewayIPEvolution {
    static func apply(
        _ operation: FleetEvolver.Operation, zone: String, to fleet: inout Fleet, pool: EpochPool,
        random: inout SeededGenerator, recorder: inout ChangeRecorder
    ) {
        switch operation {
        case .createDrive:
            fleet.addScalewayIP(fleet.factory.scalewayIP(zone: zone, random: &random), recorder: &recorder)
        case .deleteDrive:
            guard let id = EpochPool.sample(pool.scalewayIPs[zone] ?? [], random: &random, where: { id in
                fleet.scalewayIPs[zone]?[id].map { $0.serverID == nil } ?? false
            }) else { return }
            fleet.deleteScalewayIP(id, zone: zone, recorder: &recorder)
        case .attach:
            guard let id = EpochPool.sample(pool.scalewayIPs[zone] ?? [], random: &random, where: { id in
                fleet.scalewayIPs[zone]?[id].map { !$0.claimsAttachment && $0.type == "routed_ipv4" } ?? false
            }), let serverID = EpochPool.sample(pool.scalewayServers[zone] ?? [], random: &random, where: {
                fleet.scalewayServers[zone]?[$0] != nil
            }) else { return }
            fleet.attachScalewayIP(id, to: serverID, zone: zone, recorder: &recorder)
        case .detach:
            guard let id = EpochPool.sample(pool.scalewayIPs[zone] ?? [], random: &random, where: { id in
                fleet.scalewayIPs[zone]?[id]?.serverID != nil
            }) else { return }
            fleet.detachScalewayIP(id, zone: zone, recorder: &recorder)
        case .createServer, .deleteServer, .power, .rename, .retag, .resize:
            return
        }
    }
}

/// Epoch operations on the CloudSigma side of the fleet.
enum CloudSigmaEvolution {
    static func apply(
        _ operation: FleetEvolver.Operation, to fleet: inout Fleet, pool: EpochPool, random: inout SeededGenerator,
        recorder: inout ChangeRecorder
    ) {
        let servers = pool.sigmaServers
        let drives = pool.sigmaDrives
        let serverExists: (String) -> Bool = { fleet.sigmaServers[$0] != nil }
        if [.createDrive, .deleteDrive].contains(operation), random.chance(0.2) {
            if operation == .createDrive, let uuid = drives.isEmpty ? nil : random.pick(drives) {
                fleet.snapshotSigmaDrive(uuid, random: &random, recorder: &recorder)
            } else if operation == .deleteDrive, let uuid = pool.sigmaSnapshots.isEmpty ? nil : random.pick(pool.sigmaSnapshots) {
                fleet.deleteSigmaSnapshot(uuid, recorder: &recorder)
            }
            return
        }
        if [.createDrive, .deleteDrive].contains(operation), random.chance(0.25) {
            if operation == .createDrive {
                let ip = fleet.factory.cloudSigmaIP(tags: fleet.sigmaTags, random: &random)
                if fleet.sigmaIPs[ip.uuid] == nil { fleet.addSigmaIP(ip, recorder: &recorder) }
            } else if let uuid = EpochPool.sample(pool.sigmaIPs, random: &random, where: { fleet.sigmaIPs[$0]?.serverUUID == nil }) {
                fleet.deleteSigmaIP(uuid, recorder: &recorder)
            }
            return
        }
        switch operation {
        case .createServer:
            let server = fleet.factory.cloudSigmaServer(
                serial: fleet.nextSerial(), epoch: fleet.epoch, tags: fleet.sigmaTags, random: &random)
            fleet.addSigmaServer(server, recorder: &recorder)
        case .deleteServer:
            guard let uuid = EpochPool.sample(servers, random: &random, where: serverExists) else { return }
            fleet.deleteSigmaServer(uuid, recorder: &recorder)
        case .power:
            guard let uuid = EpochPool.sample(servers, random: &random, where: serverExists),
                  let server = fleet.sigmaServers[uuid] else { return }
            let next = server.status == "running" ? random.pick(["stopped", "stopping", "paused"]) : "running"
            let since = SimulatedClock.cloudSigmaTimestamp(fleet.now)
            fleet.updateSigmaServer(uuid, fields: ["status"], recorder: &recorder) {
                $0.status = next
                $0.activeSince = next == "running" ? since : nil
            }
        case .rename:
            guard let uuid = EpochPool.sample(servers, random: &random, where: serverExists) else { return }
            let name = fleet.factory.name("renamed", serial: fleet.nextSerial(), random: &random)
            fleet.updateSigmaServer(uuid, fields: ["name"], recorder: &recorder) { $0.name = name }
        case .retag:
            guard let uuid = EpochPool.sample(servers, random: &random, where: serverExists) else { return }
            let tags = ResourceFactory.someOf(fleet.sigmaTags.map(\.uuid), upTo: 2, random: &random)
            guard Set(fleet.sigmaServers[uuid]?.tags ?? []) != Set(tags) else { return }
            fleet.updateSigmaServer(uuid, fields: ["tags"], recorder: &recorder) { $0.tags = tags }
        case .attach:
            guard let driveUUID = EpochPool.sample(drives, random: &random, where: { fleet.sigmaDrives[$0]?.status == "unmounted" }),
                  let media = fleet.sigmaDrives[driveUUID]?.media,
                  let serverUUID = EpochPool.sample(servers, random: &random, where: serverExists) else { return }
            fleet.attachSigmaDrive(driveUUID, to: serverUUID, device: media == "cdrom" ? "ide" : "virtio",
                                   bootOrder: nil, listed: true, recorder: &recorder)
        case .detach:
            guard let driveUUID = EpochPool.sample(drives, random: &random, where: { fleet.sigmaDrives[$0]?.mountedOn.isEmpty == false }),
                  let serverUUID = fleet.sigmaDrives[driveUUID]?.mountedOn.first else { return }
            fleet.detachSigmaDrive(driveUUID, from: serverUUID, recorder: &recorder)
        case .resize:
            guard let uuid = EpochPool.sample(drives, random: &random, where: { fleet.sigmaDrives[$0] != nil }) else { return }
            fleet.updateSigmaDrive(uuid, fields: ["size"], recorder: &recorder) { $0.size += 1_073_741_824 }
        case .createDrive:
            let drive = fleet.factory.cloudSigmaDrive(serial: fleet.nextSerial(), tags: fleet.sigmaTags, random: &random)
            fleet.addSigmaDrive(drive, recorder: &recorder)
        case .deleteDrive:
            guard let uuid = EpochPool.sample(drives, random: &random, where: { fleet.sigmaDrives[$0]?.mountedOn.isEmpty == true })
            else { return }
            fleet.deleteSigmaDrive(uuid, recorder: &recorder)
        }
    }
}

/// The ids alive when an epoch starts, to draw operations from without
/// scanning the fleet for every operation.
struct EpochPool {
    let scalewayServers: [String: [String]]
    let scalewayVolumes: [String: [String]]
    let blockVolumes: [String: [String]]
    let scalewayIPs: [String: [String]]
    let sigmaServers: [String]
    let sigmaDrives: [String]
    let sigmaIPs: [String]
    let sigmaSnapshots: [String]

    init(_ fleet: Fleet) {
        scalewayServers = fleet.scalewayServers.mapValues(\.ids)
        scalewayVolumes = fleet.scalewayVolumes.mapValues(\.ids)
        blockVolumes = fleet.blockVolumes.mapValues(\.ids)
        scalewayIPs = fleet.scalewayIPs.mapValues(\.ids)
        sigmaServers = fleet.sigmaServers.ids
        sigmaDrives = fleet.sigmaDrives.ids
        sigmaIPs = fleet.sigmaIPs.ids
        sigmaSnapshots = fleet.sigmaSnapshots.ids
    }

    /// A random id that satisfies `predicate`, trying a bounded number of draws.
    static func sample(
        _ ids: [String], random: inout SeededGenerator, tries: Int = 24, where predicate: (String) -> Bool
    ) -> String? {
        guard !ids.isEmpty else { return nil }
        for _ in 0..<tries {
            let candidate = random.pick(ids)
            if predicate(candidate) { return candidate }
        }
        return nil
    }
}
