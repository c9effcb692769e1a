/// The change another client makes while a listing is being paged through:
/// one object created at, or deleted from, the head of the listing.
enum BetweenPagesMutation {
    static func apply(_ kind: FaultRule.Kind, listing key: ListingKey, fleet: inout Fleet, recorder: inout ChangeRecorder) {
        let create = kind == .createBetweenPages
        // Each creation draws from its own stream: IPs take no serial of their own, and two IPs
        // created from one stream in two zones had the same id (one object in two zones' listings).
        var random = SeededGenerator(seed: fleet.configuration.seed, salts: 0xBE7, UInt64(create ? fleet.nextSerial() : fleet.serial))
        switch key {
        case .scalewayServers(let zone):
            if create {
                let server = fleet.factory.scalewayServer(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addScalewayServer(server, first: true, recorder: &recorder)
            } else if let id = fleet.scalewayServers[zone]?.ids.first {
                fleet.deleteScalewayServer(id, zone: zone, recorder: &recorder)
            }
        case .scalewayVolumes(let zone):
            if create {
                let volume = fleet.factory.scalewayVolume(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addScalewayVolume(volume, first: true, recorder: &recorder)
            } else if let id = fleet.scalewayVolumes[zone]?.ids.first {
                fleet.deleteScalewayVolume(id, zone: zone, recorder: &recorder)
            }
        case .securityGroups, .instanceSnapshots, .blockSnapshots, .sigmaSnapshots, .sigmaVLANs:
            return
        case .scalewayIPs(let zone):
            if create {
                fleet.addScalewayIP(fleet.factory.scalewayIP(zone: zone, random: &random), first: true, recorder: &recorder)
            } else if let id = fleet.scalewayIPs[zone]?.ids.first {
                fleet.deleteScalewayIP(id, zone: zone, recorder: &recorder)
            }
        case .blockVolumes(let zone):
            if create {
                let volume = fleet.factory.blockVolume(zone: zone, serial: fleet.nextSerial(), epoch: fleet.epoch, random: &random)
                fleet.addBlockVolume(volume, first: true, recorder: &recorder)
            } else if let id = fleet.blockVolumes[zone]?.ids.first {
                fleet.deleteBlockVolume(id, zone: zone, recorder: &recorder)
            }
        case .sigmaServers, .sigmaServerSummaries:
            if create {
                let server = fleet.factory.cloudSigmaServer(serial: fleet.nextSerial(), epoch: fleet.epoch, tags: fleet.sigmaTags, random: &random)
                fleet.addSigmaServer(server, first: true, recorder: &recorder)
            } else if let uuid = fleet.sigmaServers.ids.first {
                fleet.deleteSigmaServer(uuid, recorder: &recorder)
            }
        case .sigmaDrives, .sigmaDriveSummaries:
            if create {
                let drive = fleet.factory.cloudSigmaDrive(serial: fleet.nextSerial(), tags: fleet.sigmaTags, random: &random)
                fleet.addSigmaDrive(drive, first: true, recorder: &recorder)
            } else if let uuid = fleet.sigmaDrives.ids.first {
                fleet.deleteSigmaDrive(uuid, recorder: &recorder)
            }
        case .sigmaIPs, .sigmaIPSummaries:
            if create {
                let ip = fleet.factory.cloudSigmaIP(tags: fleet.sigmaTags, random: &random)
                if fleet.sigmaIPs[ip.uuid] == nil { fleet.addSigmaIP(ip, first: true, recorder: &recorder) }
            } else if let uuid = fleet.sigmaIPs.ids.first {
                fleet.deleteSigmaIP(uuid, recorder: &recorder)
            }
        case .sigmaTags:
            return
        }
    }
}
