/// Makes new, realistic resource records from a random generator.
///
/// The same generator state always gives the same record. Names are mostly
/// plain (`web-0042`) with a share of awkward ones: spaces, quotes, commas and
/// non-ASCII letters, the things that break naive CSV and shell scripts.
struct ResourceFactory: Sendable {
    let organizationID: String
    let projectIDs: [String]
    let securityGroupID: String
    let privateNetworkIDs: [String]
    let vlanUUIDs: [String]
    let firewallPolicyUUIDs: [String]
    let images: [(id: String, name: String)]

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed, salts: 0xF1EE7)
        organizationID = random.uuid()
        projectIDs = [random.uuid(), random.uuid()]
        securityGroupID = random.uuid()
        privateNetworkIDs = (0..<4).map { _ in random.uuid() }
        vlanUUIDs = (0..<5).map { _ in random.uuid() }
        firewallPolicyUUIDs = (0..<3).map { _ in random.uuid() }
        images = ["Ubuntu 24.04 Noble Numbat", "Debian 12 (Bookworm)", "Rocky Linux 9", "Fedora 41", "Docker"]
            .map { (random.uuid(), $0) }
    }

    static let plainStems = ["web", "db", "cache", "worker", "api", "batch", "proxy", "ci-runner", "build", "mail"]
    static let awkwardNames = [
        "web, frontend", "O'Brien \"db\" primary", "Zürich cache", "東京 worker", "café-api",
        "name with  two spaces", "línea \"α\"", "naïve, résumé", "back\\slash node", "semi;colon",
    ]
    static let scalewayTags = ["prod", "staging", "team:infra", "backup", "do not delete", "kubernetes", "ünïcode"]
    static let commercialTypes = ["DEV1-S", "DEV1-M", "GP1-XS", "GP1-S", "PRO2-S", "PLAY2-NANO", "POP2-4C-16G"]

    /// Names people reuse, so that fleets hold duplicates as real ones do.
    static let commonNames = ["ubuntu-server", "test", "k8s-node"]

    func name(_ stem: String, serial: Int, random: inout SeededGenerator) -> String {
        if random.chance(0.04) {
            return random.pick(Self.commonNames)
        }
        if random.chance(0.12) {
            return random.pick(Self.awkwardNames) + " \(serial)"
        }
        return "\(stem)-\(String(repeating: "0", count: max(0, 4 - String(serial).count)))\(serial)"
    }

    func scalewayServer(zone: String, serial: Int, epoch: Int, random: inout SeededGenerator) -> ScalewayServer {
        let id = random.uuid()
        let state = Self.scalewayState(random: &random)
        let created = SimulatedClock.seconds(epoch: epoch, offset: Int64(serial % 80_000))
        let timestamp = SimulatedClock.scalewayTimestamp(created, micros: random.int(in: 0...999_999))
        let image = random.chance(0.03) ? nil : random.pick(images)
        let commercialType = random.pick(Self.commercialTypes)
        var publicIPs: [ScalewayServer.PublicIP] = []
        if random.chance(0.7) {
            publicIPs.append(.init(id: random.uuid(), address: Self.ipv4(prefix: "51.15", random: &random),
                                   dynamic: random.chance(0.3), family: "inet"))
        }
        let enableIPv6 = random.chance(0.15)
        if enableIPv6 {
            publicIPs.append(.init(id: random.uuid(), address: "2001:bc8:\(String(random.int(in: 4096...65535), radix: 16))::1",
                                   dynamic: false, family: "inet6"))
        }
        let privateNICs = (0..<Self.weighted([0.6, 0.3, 0.1], random: &random)).map { _ in
            ScalewayServer.PrivateNIC(id: random.uuid(), privateNetworkID: random.pick(privateNetworkIDs),
                                      macAddress: random.mac(prefix: "02"), state: "available")
        }
        return ScalewayServer(
            id: id, name: name(random.pick(Self.plainStems), serial: serial, random: &random), zone: zone,
            organization: organizationID, project: random.pick(projectIDs), state: state,
            stateDetail: state == "running" ? "booted" : "", commercialType: commercialType,
            arch: commercialType.hasPrefix("AMP") ? "arm64" : "x86_64", hostname: "scw-\(id.prefix(6))",
            imageID: image?.id, imageName: image?.name, bootType: "local",
            creationDate: timestamp, modificationDate: timestamp,
            tags: Self.someOf(Self.scalewayTags, upTo: 3, random: &random),
            publicIPs: publicIPs, privateIP: random.chance(0.25) ? Self.ipv4(prefix: "10.64", random: &random) : nil,
            enableIPv6: enableIPv6, ipv6Address: enableIPv6 ? publicIPs.last?.address : nil,
            privateNICs: privateNICs, volumes: [], protected: random.chance(0.05),
            adminPasswordEncryptedValue: random.chance(0.3) ? "ENC-" + random.uuid() : nil,
            securityGroupID: securityGroupID, hypervisorID: String(random.int(in: 100...999)))
    }

    func scalewayVolume(zone: String, serial: Int, epoch: Int, random: inout SeededGenerator) -> ScalewayVolume {
        let created = SimulatedClock.seconds(epoch: epoch, offset: Int64(serial % 80_000))
        let timestamp = SimulatedClock.scalewayTimestamp(created, micros: random.int(in: 0...999_999))
        let states = ["available", "available", "available", "available", "snapshotting", "resizing", "error"]
        return ScalewayVolume(
            id: random.uuid(), name: name("vol", serial: serial, random: &random), zone: zone,
            organization: organizationID, project: random.pick(projectIDs),
            size: Int64(random.pick([10, 20, 25, 50, 100, 150, 500])) * 1_000_000_000,
            volumeType: random.chance(0.7) ? "l_ssd" : "b_ssd",
            state: random.chance(0.9) ? "available" : random.pick(states), serverID: nil,
            creationDate: timestamp, modificationDate: timestamp,
            tags: Self.someOf(Self.scalewayTags, upTo: 1, random: &random))
    }

    /// A flexible IP reserved and attached to nothing.
    func scalewayIP(zone: String, random: inout SeededGenerator) -> ScalewayIP {
        ScalewayIP(
            id: random.uuid(), address: Self.ipv4(prefix: "212.47", random: &random), zone: zone,
            organization: organizationID, project: random.pick(projectIDs), type: "routed_ipv4", state: "detached",
            serverID: nil, reverse: random.chance(0.3) ? "ip-\(random.int(in: 1...9999)).example.net" : nil,
            tags: Self.someOf(Self.scalewayTags, upTo: 1, random: &random))
    }

    /// A CloudSigma IP of the account's subscription that no server uses.
    func cloudSigmaIP(tags: [CloudSigmaTag], random: inout SeededGenerator) -> CloudSigmaIP {
        CloudSigmaIP(uuid: Self.ipv4(prefix: "178.22", random: &random), serverUUID: nil,
                     subscriptionID: random.int(in: 7000...9999), tags: Self.someOf(tags.map(\.uuid), upTo: 1, random: &random))
    }

    /// A Block Storage volume, not attached: mostly available, a few still creating or in error.
    func blockVolume(zone: String, serial: Int, epoch: Int, random: inout SeededGenerator) -> BlockVolume {
        let created = SimulatedClock.seconds(epoch: epoch, offset: Int64(serial % 80_000))
        let timestamp = SimulatedClock.blockTimestamp(created, micros: random.int(in: 0...999_999))
        return BlockVolume(
            id: random.uuid(), name: name("sbs", serial: serial, random: &random), zone: zone,
            project: random.pick(projectIDs), size: Int64(random.pick([5, 10, 20, 50, 100, 250, 1000])) * 1_000_000_000,
            type: random.chance(0.8) ? "sbs_5k" : "sbs_15k",
            status: random.chance(0.94) ? "available" : random.pick(["creating", "error", "updating"]),
            serverID: nil, parentSnapshotID: random.chance(0.3) ? random.uuid() : nil,
            createdAt: timestamp, updatedAt: timestamp, lastDetachedAt: nil,
            tags: Self.someOf(Self.scalewayTags, upTo: 2, random: &random))
    }

    func cloudSigmaServer(serial: Int, epoch: Int, tags: [CloudSigmaTag], random: inout SeededGenerator) -> CloudSigmaServer {
        let status = Self.cloudSigmaStatus(random: &random)
        let nicCount = Self.weighted([0.12, 0.6, 0.2, 0.08], random: &random)
        let nics = (0..<nicCount).map { _ in cloudSigmaNIC(random: &random) }
        var meta: [String: String] = [:]
        if random.chance(0.4) { meta["description"] = random.pick(Self.awkwardNames) }
        if random.chance(0.3) { meta["ssh_public_key"] = "ssh-ed25519 AAAA\(random.uuid().prefix(12)) ops@example" }
        var server = CloudSigmaServer(
            uuid: random.uuid(), name: name(random.pick(Self.plainStems), serial: serial, random: &random),
            status: status, cpu: random.pick([500, 1000, 2000, 4000, 8000]), smp: random.pick([1, 1, 2, 4, 8]),
            mem: Int64(random.pick([512, 1024, 2048, 4096, 8192, 16384])) * 1_048_576,
            cpusInsteadOfCores: random.chance(0.1), enableNuma: random.chance(0.05), hvRelaxed: random.chance(0.1),
            hvTsc: random.chance(0.1), vncPassword: "vnc-" + String(random.uuid().prefix(8)), meta: meta,
            tags: Self.someOf(tags.map(\.uuid), upTo: 2, random: &random), drives: [], nics: nics, activeSince: nil)
        if status == "running" {
            server.activeSince = SimulatedClock.cloudSigmaTimestamp(
                SimulatedClock.seconds(epoch: epoch, offset: Int64(random.int(in: 0...80_000))))
        }
        return server
    }

    func cloudSigmaNIC(random: inout SeededGenerator) -> CloudSigmaServer.NIC {
        let kind = Self.weighted([0.5, 0.2, 0.1, 0.2], random: &random)
        let conf: String? = ["dhcp", "static", "manual", nil][kind]
        return CloudSigmaServer.NIC(
            mac: random.mac(), model: random.chance(0.85) ? "virtio" : "e1000", ipv4Conf: conf,
            ipv4Address: conf == "static" ? Self.ipv4(prefix: "31.171", random: &random) : nil,
            vlanUUID: conf == nil ? random.pick(vlanUUIDs) : nil,
            firewallPolicyUUID: random.chance(0.15) ? random.pick(firewallPolicyUUIDs) : nil,
            bootOrder: nil, leasedIPv4: conf == "dhcp" ? Self.ipv4(prefix: "185.12", random: &random) : nil)
    }

    func cloudSigmaDrive(serial: Int, tags: [CloudSigmaTag], random: inout SeededGenerator) -> CloudSigmaDrive {
        let cdrom = random.chance(0.15)
        let statuses = ["creating", "resizing", "cloning_src"]
        return CloudSigmaDrive(
            uuid: random.uuid(), name: name(cdrom ? "iso" : "disk", serial: serial, random: &random),
            status: random.chance(0.97) ? "unmounted" : random.pick(statuses),
            size: Int64(random.pick([1, 5, 10, 20, 50, 100, 250])) * 1_073_741_824, media: cdrom ? "cdrom" : "disk",
            storageType: random.chance(0.8) ? "dssd" : "magnetic", allowMultimount: !cdrom && random.chance(0.05),
            licenses: random.chance(0.03) ? ["msft_p73_04837"] : [], tags: Self.someOf(tags.map(\.uuid), upTo: 1, random: &random),
            meta: random.chance(0.2) ? ["description": random.pick(Self.awkwardNames)] : [:], mountedOn: [])
    }

    static func ipv4(prefix: String, random: inout SeededGenerator) -> String {
        "\(prefix).\(random.int(in: 0...255)).\(random.int(in: 1...254))"
    }

    /// An index drawn with the given weights (which need not sum to 1).
    static func weighted(_ weights: [Double], random: inout SeededGenerator) -> Int {
        let total = weights.reduce(0, +)
        var point = Double(random.next() >> 11) / Double(UInt64(1) << 53) * total
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }

    static func someOf(_ pool: [String], upTo limit: Int, random: inout SeededGenerator) -> [String] {
        let count = random.int(in: 0...limit)
        var chosen: [String] = []
        for _ in 0..<count {
            let candidate = random.pick(pool)
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen.sorted()
    }

    static func scalewayState(random: inout SeededGenerator) -> String {
        ["running", "stopped", "stopped in place", "starting", "stopping", "locked"][
            weighted([0.62, 0.25, 0.04, 0.03, 0.03, 0.03], random: &random)]
    }

    static func cloudSigmaStatus(random: inout SeededGenerator) -> String {
        ["running", "stopped", "starting", "stopping", "paused", "unavailable"][
            weighted([0.58, 0.3, 0.03, 0.03, 0.03, 0.03], random: &random)]
    }
}
