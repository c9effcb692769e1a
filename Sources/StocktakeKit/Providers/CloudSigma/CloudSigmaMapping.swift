/// Maps CloudSigma API 2.0 objects to normalized rows.
enum CloudSigmaMapping {
    /// - Parameter tagNames: tag uuid to name, from the account's `tags/` listing.
    static func server(_ object: WireValue, tagNames: [String: String]) -> ServerRow? {
        guard let id = object.string("uuid") else { return nil }
        let status = object.string("status")
        return ServerRow(
            id: id, name: object.string("name"), status: StatusNormalizer.server(status), providerStatus: status,
            cpuMHz: object.int("cpu"), smp: object.int("smp"), memBytes: object.int("mem"), commercialType: nil,
            arch: nil, image: nil, hostname: nil, createdAt: nil, modifiedAt: nil,
            raw: RawSanitizer.raw(object), runtime: RawSanitizer.runtime(object),
            drives: drives(object), nics: nics(object), tags: tags(object, names: tagNames))
    }

    static func drive(_ object: WireValue, tagNames: [String: String]) -> DriveRow? {
        guard let id = object.string("uuid") else { return nil }
        let status = object.string("status")
        return DriveRow(
            id: id, name: object.string("name"), sizeBytes: object.int("size"), media: object.string("media"),
            storageType: object.string("storage_type"), status: StatusNormalizer.drive(status),
            providerStatus: status, allowMultimount: object.bool("allow_multimount"), createdAt: nil, modifiedAt: nil,
            raw: RawSanitizer.raw(object), tags: tags(object, names: tagNames))
    }

    /// Tag references resolved to names where the account's tag listing knows them.
    /// An IP of the account: its `uuid` is the address. Its own `server` is often null while a
    /// server's NIC uses it (recorded), so `unattached` here only says the IP names no server;
    /// the queries also ask the servers' side.
    static func ip(_ object: WireValue, tagNames: [String: String]) -> IPRow? {
        guard let uuid = object.string("uuid") else { return nil }
        let server = object.reference("server")
        return IPRow(
            id: uuid, address: uuid, ipType: nil, status: server == nil ? "unattached" : "attached", providerStatus: nil,
            serverID: server, reverse: nil, raw: RawSanitizer.raw(object), tags: tags(object, names: tagNames))
    }

    /// A drive snapshot: `drive` names the drive, `timestamp` is when it was taken (the API writes
    /// a space between date and time; kept as sent, which SQLite's date functions read).
    static func snapshot(_ object: WireValue, tagNames: [String: String]) -> SnapshotRow? {
        guard let uuid = object.string("uuid") else { return nil }
        let status = object.string("status")
        return SnapshotRow(
            id: uuid, name: object.string("name"), sizeBytes: object.int("allocated_size"),
            status: status == "available" ? "available" : "other", providerStatus: status, volumeID: object.reference("drive"),
            volumeType: nil, createdAt: object.string("timestamp"), modifiedAt: nil, raw: RawSanitizer.raw(object),
            tags: tags(object, names: tagNames))
    }

    /// A VLAN and the servers its own `servers` lists (often none while NICs use it, as recorded).
    static func vlan(_ object: WireValue, tagNames: [String: String]) -> NetworkRow? {
        guard let uuid = object.string("uuid") else { return nil }
        return NetworkRow(
            id: uuid, name: object.object("meta")?.string("name"), networkType: "vlan", raw: RawSanitizer.raw(object),
            servers: Array(Set(object.elements("servers").compactMap(\.referenceValue))).sorted(),
            tags: tags(object, names: tagNames))
    }

    static func tags(_ object: WireValue, names: [String: String]) -> [String] {
        let references = object.elements("tags").compactMap(\.referenceValue)
        return Array(Set(references.map { names[$0] ?? $0 })).sorted()
    }

    static func drives(_ server: WireValue) -> [ServerDriveRow] {
        var rows: [String: ServerDriveRow] = [:]
        for attachment in server.objects("drives") {
            guard let id = attachment.reference("drive") else { continue }
            rows[id] = ServerDriveRow(
                driveID: id, device: attachment.string("device"), devChannel: attachment.string("dev_channel"),
                slot: nil, bootOrder: attachment.int("boot_order"), volumeType: nil)
        }
        return rows.values.sorted { $0.driveID < $1.driveID }
    }

    /// One row per NIC; a DHCP address comes from the NIC's runtime while the server runs.
    static func nics(_ server: WireValue) -> [ServerNICRow] {
        var rows: [String: ServerNICRow] = [:]
        for (index, nic) in server.objects("nics").enumerated() {
            let runtime = nic.object("runtime")
            let ipv4 = nic.object("ip_v4_conf")
            let ipv6 = nic.object("ip_v6_conf")
            let vlan = nic.reference("vlan")
            let id = nic.string("mac") ?? "nic\(index)"
            rows[id] = ServerNICRow(
                nicID: id, mac: nic.string("mac"), model: nic.string("model"),
                interfaceType: runtime?.string("interface_type") ?? (vlan == nil ? "public" : "private"),
                ipv4Conf: ipv4?.string("conf"), ipv4Address: ipv4?.reference("ip") ?? runtime?.reference("ip_v4"),
                ipv6Address: ipv6?.reference("ip") ?? runtime?.reference("ip_v6"), vlan: vlan, privateNetwork: nil,
                firewallPolicy: nic.reference("firewall_policy"))
        }
        return rows.values.sorted { $0.nicID < $1.nicID }
    }
}
