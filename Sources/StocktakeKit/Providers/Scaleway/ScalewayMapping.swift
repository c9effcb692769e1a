/// Maps Scaleway Instance API objects (the API document's shape or the current
/// API's) to normalized rows.
enum ScalewayMapping {
    static func server(_ object: WireValue) -> ServerRow? {
        guard let id = object.string("id") else { return nil }
        let state = object.string("state")
        let image = object.object("image")
        return ServerRow(
            id: id, name: object.string("name"), status: StatusNormalizer.server(state), providerStatus: state,
            cpuMHz: nil, smp: nil, memBytes: nil, commercialType: object.string("commercial_type"),
            arch: object.string("arch"), image: image?.string("name") ?? image?.string("id") ?? object.string("image"),
            hostname: object.string("hostname"), createdAt: object.string("creation_date"),
            modifiedAt: object.string("modification_date"), raw: RawSanitizer.raw(object), runtime: nil,
            drives: drives(object), nics: nics(object), tags: tags(object))
    }

    static func volume(_ object: WireValue) -> DriveRow? {
        guard let id = object.string("id") else { return nil }
        let attached = object.reference("server") != nil
        return DriveRow(
            id: id, name: object.string("name"), sizeBytes: object.int("size"), media: "disk",
            storageType: object.string("volume_type"), status: attached ? "mounted" : "unmounted",
            providerStatus: object.string("state"), allowMultimount: false, createdAt: object.string("creation_date"),
            modifiedAt: object.string("modification_date"), raw: RawSanitizer.raw(object), tags: tags(object))
    }

    /// A Block Storage volume. Whether it is attached is decided from both of
    /// its own signals, never one status word: any `references` entry (an
    /// attachment, whatever its status: attached, attaching, detaching, error)
    /// or `status: in_use` makes it mounted; only `available` with no
    /// reference is unmounted; anything else (creating, updating, error) is other.
    static func blockVolume(_ object: WireValue) -> DriveRow? {
        guard let id = object.string("id") else { return nil }
        let state = object.string("status")
        let status: String
        if !object.elements("references").isEmpty || state == "in_use" {
            status = "mounted"
        } else {
            status = state == "available" ? "unmounted" : "other"
        }
        return DriveRow(
            id: id, name: object.string("name"), sizeBytes: object.int("size"), media: "disk",
            storageType: object.string("type") ?? object.string("volume_type"), status: status, providerStatus: state,
            allowMultimount: false, createdAt: object.string("created_at"), modifiedAt: object.string("updated_at"),
            raw: RawSanitizer.raw(object), tags: tags(object))
    }

    /// A flexible IP. Attached by its own side when it names a server or says `attached`
    /// (recorded: `attached` with `server: null`); unattached only when `detached` with no server,
    /// or, from the API before `state` existed (before 2023), with no server and no state at all.
    static func ip(_ object: WireValue) -> IPRow? {
        guard let id = object.string("id") else { return nil }
        let state = object.string("state")
        let server = object.reference("server")
        let status: String
        if server != nil || state == "attached" {
            status = "attached"
        } else {
            status = state == "detached" || state == nil ? "unattached" : "other"
        }
        return IPRow(
            id: id, address: object.string("address") ?? object.string("prefix"), ipType: object.string("type"),
            status: status, providerStatus: state, serverID: server, reverse: object.string("reverse"),
            raw: RawSanitizer.raw(object), tags: tags(object))
    }

    /// A security group and the servers it lists (`servers[].id`).
    static func securityGroup(_ object: WireValue) -> SecurityGroupRow? {
        guard let id = object.string("id") else { return nil }
        return SecurityGroupRow(
            id: id, name: object.string("name"), inboundDefaultPolicy: object.string("inbound_default_policy"),
            outboundDefaultPolicy: object.string("outbound_default_policy"), stateful: object.bool("stateful"),
            projectDefault: object.bool("project_default"), createdAt: object.string("creation_date"),
            modifiedAt: object.string("modification_date"), raw: RawSanitizer.raw(object),
            servers: Array(Set(object.objects("servers").compactMap { $0.string("id") })).sorted(), tags: tags(object))
    }

    /// An Instance snapshot (`base_volume`, `volume_type`, `state`) or a Block Storage one
    /// (`parent_volume`, `class`, `status`): the same row, naming the volume it came from.
    static func snapshot(_ object: WireValue) -> SnapshotRow? {
        guard let id = object.string("id") else { return nil }
        let state = object.string("state") ?? object.string("status")
        let source = object.object("base_volume") ?? object.object("parent_volume")
        return SnapshotRow(
            id: id, name: object.string("name"), sizeBytes: object.int("size"),
            status: state == "available" ? "available" : "other", providerStatus: state, volumeID: source?.string("id"),
            volumeType: object.string("volume_type") ?? source?.string("type") ?? object.string("class"),
            createdAt: object.string("creation_date") ?? object.string("created_at"),
            modifiedAt: object.string("modification_date") ?? object.string("updated_at"),
            raw: RawSanitizer.raw(object), tags: tags(object))
    }

    static func tags(_ object: WireValue) -> [String] {
        Array(Set(object.elements("tags").compactMap(\.stringValue))).sorted()
    }

    /// The `volumes` map, keyed by slot; older objects may hold a list instead.
    static func drives(_ server: WireValue) -> [ServerDriveRow] {
        var entries: [(slot: Int64?, volume: WireValue)] = []
        if let map = server.object("volumes") {
            for (key, volume) in map.members where volume.isObject {
                entries.append((Int64(key), volume))
            }
        } else {
            for (index, volume) in server.objects("volumes").enumerated() { entries.append((Int64(index), volume)) }
        }
        var rows: [String: ServerDriveRow] = [:]
        for entry in entries {
            guard let id = entry.volume.string("id") else { continue }
            let boot = entry.volume.bool("boot") ?? (entry.slot == 0)
            rows[id] = ServerDriveRow(
                driveID: id, device: nil, devChannel: nil, slot: entry.slot, bootOrder: boot ? 1 : nil,
                volumeType: entry.volume.string("volume_type"))
        }
        return rows.values.sorted { $0.driveID < $1.driveID }
    }

    /// Public IPs (the `public_ips` list, or the older single `public_ip`), the
    /// older `ipv6` and `private_ip` fields, and private NICs.
    static func nics(_ server: WireValue) -> [ServerNICRow] {
        let mac = server.string("mac_address")
        var rows: [String: ServerNICRow] = [:]
        var publicIPs = server.objects("public_ips")
        if publicIPs.isEmpty, let single = server.object("public_ip") { publicIPs = [single] }
        for ip in publicIPs {
            guard let address = ip.string("address") else { continue }
            let v6 = ip.string("family") == "inet6" || address.contains(":")
            let id = ip.string("id") ?? address
            rows[id] = ServerNICRow(
                nicID: id, mac: mac, model: nil, interfaceType: "public",
                ipv4Conf: v6 ? nil : ip.string("provisioning_mode") ?? (ip.bool("dynamic") == true ? "dhcp" : "static"),
                ipv4Address: v6 ? nil : address, ipv6Address: v6 ? address : nil, vlan: nil, privateNetwork: nil,
                firewallPolicy: nil)
        }
        if let address = server.object("ipv6")?.string("address"), !rows.values.contains(where: { $0.ipv6Address == address }) {
            rows["ipv6"] = ServerNICRow(nicID: "ipv6", mac: mac, model: nil, interfaceType: "public", ipv4Conf: nil,
                                        ipv4Address: nil, ipv6Address: address, vlan: nil, privateNetwork: nil,
                                        firewallPolicy: nil)
        }
        if let address = server.string("private_ip"), !address.isEmpty {
            rows["private_ip"] = ServerNICRow(nicID: "private_ip", mac: mac, model: nil, interfaceType: "private",
                                              ipv4Conf: nil, ipv4Address: address, ipv6Address: nil, vlan: nil,
                                              privateNetwork: nil, firewallPolicy: nil)
        }
        for nic in server.objects("private_nics") {
            guard let id = nic.string("id") else { continue }
            rows[id] = ServerNICRow(nicID: id, mac: nic.string("mac_address"), model: nil, interfaceType: "private",
                                    ipv4Conf: nil, ipv4Address: nil, ipv6Address: nil, vlan: nil,
                                    privateNetwork: nic.string("private_network_id"), firewallPolicy: nil)
        }
        return rows.values.sorted { $0.nicID < $1.nicID }
    }
}
