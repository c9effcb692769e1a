/// Scaleway Instance API objects as the API serializes them: the document's
/// fields plus the current API's (`zone`, `project`, `public_ips`, `private_nics`, ...).
enum ScalewayWire {
    static func server(_ server: ScalewayServer, volumes: OrderedRecords<ScalewayVolume>?) -> JSONValue {
        .object(identity(server) + network(server) + hardware(server, volumes: volumes))
    }

    private static func identity(_ server: ScalewayServer) -> [(String, JSONValue)] {
        let running = server.state == "running"
        let actions: [String] = running
            ? ["poweroff", "terminate", "reboot", "stop_in_place", "backup"] : ["poweron", "backup"]
        var members: [(String, JSONValue)] = []
        members.append(("id", .string(server.id)))
        members.append(("name", .string(server.name)))
        members.append(("organization", .string(server.organization)))
        members.append(("project", .string(server.project)))
        members.append(("allowed_actions", .array(actions.map(JSONValue.string))))
        members.append(("tags", .array(server.tags.map(JSONValue.string))))
        members.append(("commercial_type", .string(server.commercialType)))
        members.append(("creation_date", .string(server.creationDate)))
        members.append(("hostname", .string(server.hostname)))
        members.append(("image", image(server)))
        members.append(("protected", .bool(server.protected)))
        members.append(("modification_date", .string(server.modificationDate)))
        members.append(("state", .string(server.state)))
        members.append(("state_detail", .string(server.stateDetail)))
        members.append(("zone", .string(server.zone)))
        return members
    }

    private static func network(_ server: ScalewayServer) -> [(String, JSONValue)] {
        let publicIPv4 = server.publicIPs.first { $0.family == "inet" }
        let ipv6: JSONValue = server.ipv6Address.map {
            .object([("address", .string($0)), ("gateway", .string("2001:bc8::1")), ("netmask", .string("64"))])
        } ?? .null
        let mac = "de:00:00:" + server.id.prefix(2) + ":" + server.id.dropFirst(2).prefix(2) + ":01"
        var members: [(String, JSONValue)] = []
        members.append(("dynamic_ip_required", .bool(publicIPv4?.dynamic ?? false)))
        members.append(("routed_ip_enabled", .bool(true)))
        members.append(("enable_ipv6", .bool(server.enableIPv6)))
        members.append(("private_ip", .optional(server.privateIP)))
        members.append(("public_ip", publicIPv4.map { publicIP($0) } ?? .null))
        members.append(("public_ips", .array(server.publicIPs.map { publicIP($0) })))
        members.append(("mac_address", .string(mac)))
        members.append(("ipv6", ipv6))
        members.append(("extra_networks", .array([])))
        members.append(("private_nics", .array(server.privateNICs.map { privateNIC($0, server: server) })))
        members.append(("security_group", server.securityGroupID.isEmpty ? .null : .object([
            ("id", .string(server.securityGroupID)), ("name", .string("security group")),
        ])))
        return members
    }

    private static func hardware(_ server: ScalewayServer, volumes: OrderedRecords<ScalewayVolume>?) -> [(String, JSONValue)] {
        let attached: [(String, JSONValue)] = server.volumes.map {
            (String($0.slot), attachedVolume($0, server: server, volumes: volumes))
        }
        var members: [(String, JSONValue)] = []
        members.append(("bootscript", .null))
        members.append(("boot_type", .string(server.bootType)))
        members.append(("volumes", .object(attached)))
        members.append(("maintenances", .array([])))
        members.append(("arch", .string(server.arch)))
        members.append(("location", server.state == "running" ? location(server) : .null))
        members.append(("placement_group", .null))
        members.append(("filesystems", .array([])))
        members.append(("end_of_service", .bool(false)))
        members.append(("admin_password_encryption_ssh_key_id", .null))
        members.append(("admin_password_encrypted_value", .optional(server.adminPasswordEncryptedValue)))
        return members
    }

    static func volume(_ volume: ScalewayVolume, serverName: String?) -> JSONValue {
        .object(volumeMembers(volume, serverName: serverName))
    }

    private static func volumeMembers(_ volume: ScalewayVolume, serverName: String?) -> [(String, JSONValue)] {
        let server: JSONValue = volume.serverID.map {
            .object([("id", .string($0)), ("name", .string(serverName ?? ""))])
        } ?? volume.foreignServerID.map { .object([("id", .string($0)), ("name", .string("not-listed"))]) } ?? .null
        return [
            ("id", .string(volume.id)),
            ("name", .string(volume.name)),
            ("export_uri", .null),
            ("size", .int(volume.size)),
            ("volume_type", .string(volume.volumeType)),
            ("creation_date", .string(volume.creationDate)),
            ("modification_date", .string(volume.modificationDate)),
            ("organization", .string(volume.organization)),
            ("project", .string(volume.project)),
            ("tags", .array(volume.tags.map(JSONValue.string))),
            ("server", server),
            ("state", .string(volume.state)),
            ("zone", .string(volume.zone)),
        ]
    }

    /// An Instance snapshot: `base_volume: {id, name}` (still named after the volume is deleted).
    static func snapshot(_ snapshot: ScalewaySnapshot) -> JSONValue {
        .object([
            ("id", .string(snapshot.id)),
            ("name", .string(snapshot.name)),
            ("organization", .string(snapshot.organization)),
            ("project", .string(snapshot.project)),
            ("tags", .array(snapshot.tags.map(JSONValue.string))),
            ("volume_type", .string(snapshot.volumeType)),
            ("size", .int(snapshot.size)),
            ("state", .string(snapshot.state)),
            ("base_volume", .object([("id", .string(snapshot.volumeID)), ("name", .string(snapshot.volumeName))])),
            ("creation_date", .string(snapshot.createdAt)),
            ("modification_date", .string(snapshot.createdAt)),
            ("zone", .string(snapshot.zone)),
            ("error_reason", .null),
        ])
    }

    /// A security group as `/security_groups` lists it, with the servers in it.
    static func securityGroup(_ group: ScalewaySecurityGroup, servers: [ScalewayServer]) -> JSONValue {
        .object([
            ("id", .string(group.id)),
            ("name", .string(group.name)),
            ("description", .string(group.projectDefault ? "Auto generated security group." : "")),
            ("enable_default_security", .bool(true)),
            ("inbound_default_policy", .string(group.inboundDefaultPolicy)),
            ("outbound_default_policy", .string(group.outboundDefaultPolicy)),
            ("organization", .string(group.organization)),
            ("project", .string(group.project)),
            ("organization_default", .bool(false)),
            ("project_default", .bool(group.projectDefault)),
            ("creation_date", .string(group.creationDate)),
            ("modification_date", .string(group.creationDate)),
            ("servers", .array(servers.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
            ("stateful", .bool(group.stateful)),
            ("state", .string("available")),
            ("tags", .array(group.tags.map(JSONValue.string))),
            ("zone", .string(group.zone)),
        ])
    }

    /// A flexible IP as `/ips` lists it: `server: {id, name}` or null.
    static func ip(_ ip: ScalewayIP, serverName: String?) -> JSONValue {
        let server: JSONValue = ip.serverID.map { .object([("id", .string($0)), ("name", .string(serverName ?? ""))]) } ?? .null
        return .object([
            ("id", .string(ip.id)),
            ("address", .string(ip.address)),
            ("prefix", .null),
            ("reverse", .optional(ip.reverse)),
            ("server", server),
            ("organization", .string(ip.organization)),
            ("project", .string(ip.project)),
            ("zone", .string(ip.zone)),
            ("type", .string(ip.type)),
            ("state", .string(ip.state)),
            ("tags", .array(ip.tags.map(JSONValue.string))),
            ("ipam_id", .string(ip.id)),
        ])
    }

    private static func attachedVolume(
        _ attachment: ScalewayServer.VolumeAttachment, server: ScalewayServer, volumes: OrderedRecords<ScalewayVolume>?
    ) -> JSONValue {
        guard attachment.listed, let volume = volumes?[attachment.volumeID] else {
            return .object([
                ("id", .string(attachment.volumeID)), ("volume_type", .string(attachment.volumeType)),
                ("state", .string("in_use")), ("zone", .string(server.zone)), ("boot", .bool(attachment.slot == 0)),
            ])
        }
        return .object(volumeMembers(volume, serverName: server.name) + [("boot", .bool(attachment.slot == 0))])
    }

    private static func image(_ server: ScalewayServer) -> JSONValue {
        guard let id = server.imageID else { return .null }
        return .object([
            ("id", .string(id)),
            ("name", .optional(server.imageName)),
            ("arch", .string(server.arch)),
            ("creation_date", .string("2025-10-01T09:00:00.000000+00:00")),
            ("modification_date", .string("2025-10-01T09:00:00.000000+00:00")),
            ("default_bootscript", .null),
            ("extra_volumes", .object([])),
            ("from_server", .null),
            ("organization", .string("51b656e3-4865-41e8-adbc-0c45bdd780db")),
            ("public", .bool(true)),
            ("state", .string("available")),
            ("project", .string("51b656e3-4865-41e8-adbc-0c45bdd780db")),
            ("tags", .array([])),
            ("zone", .string(server.zone)),
        ])
    }

    private static func publicIP(_ ip: ScalewayServer.PublicIP) -> JSONValue {
        .object([
            ("id", .string(ip.id)),
            ("address", .string(ip.address)),
            ("dynamic", .bool(ip.dynamic)),
            ("gateway", .string(ip.family == "inet" ? "62.210.0.1" : "fe80::")),
            ("netmask", .string(ip.family == "inet" ? "32" : "64")),
            ("family", .string(ip.family)),
            ("provisioning_mode", .string(ip.dynamic ? "dhcp" : "manual")),
            ("tags", .array([])),
            ("state", .string("attached")),
            ("ipam_id", .string(ip.id)),
        ])
    }

    private static func privateNIC(_ nic: ScalewayServer.PrivateNIC, server: ScalewayServer) -> JSONValue {
        .object([
            ("id", .string(nic.id)),
            ("server_id", .string(server.id)),
            ("private_network_id", .string(nic.privateNetworkID)),
            ("mac_address", .string(nic.macAddress)),
            ("state", .string(nic.state)),
            ("creation_date", .string(server.creationDate)),
            ("modification_date", .string(server.creationDate)),
            ("zone", .string(server.zone)),
            ("tags", .array([])),
            ("ipam_ip_ids", .array([])),
        ])
    }

    private static func location(_ server: ScalewayServer) -> JSONValue {
        .object([
            ("platform_id", .string("13")),
            ("hypervisor_id", .string(server.hypervisorID)),
            ("node_id", .string("19")),
            ("cluster_id", .string("4")),
            ("zone_id", .string(server.zone)),
        ])
    }
}
