/// CloudSigma API 2.0 objects as the API serializes them.
///
/// Running servers carry `runtime` with traffic counters; those are written as
/// volatile counters so that each read shows new values without re-encoding.
enum CloudSigmaWire {
    static func server(_ server: CloudSigmaServer, ownerUUID: String) -> JSONValue {
        let running = server.activeSince != nil
        return .object([
            ("context", .bool(true)),
            ("cpu", .int(Int64(server.cpu))),
            ("cpu_model", .null),
            ("cpus_instead_of_cores", .bool(server.cpusInsteadOfCores)),
            ("drives", .array(server.drives.enumerated().map { index, drive in
                .object([
                    ("boot_order", .optional(drive.bootOrder)),
                    ("dev_channel", .string(drive.devChannel)),
                    ("device", .string(drive.device)),
                    ("drive", .reference("drives", drive.driveUUID)),
                    ("runtime", running ? driveRuntime(server.uuid, index: index) : .null),
                ])
            })),
            ("enable_numa", .bool(server.enableNuma)),
            ("hv_relaxed", .bool(server.hvRelaxed)),
            ("hv_tsc", .bool(server.hvTsc)),
            ("mem", .int(server.mem)),
            ("meta", meta(server.meta)),
            ("name", .string(server.name)),
            ("nics", .array(server.nics.enumerated().map { index, nic in nicObject(nic, index: index, server: server) })),
            ("owner", .reference("user", ownerUUID)),
            ("requirements", .array([])),
            ("resource_uri", .string("/api/2.0/servers/\(server.uuid)/")),
            ("runtime", runtime(server)),
            ("smp", .int(Int64(server.smp))),
            ("status", .string(server.status)),
            ("tags", .array(server.tags.map { .reference("tags", $0) })),
            ("uuid", .string(server.uuid)),
            ("vnc_password", .string(server.vncPassword)),
        ])
    }

    /// The short form `/servers/` returns.
    static func serverSummary(_ server: CloudSigmaServer, ownerUUID: String) -> JSONValue {
        .object([
            ("name", .string(server.name)),
            ("owner", .reference("user", ownerUUID)),
            ("resource_uri", .string("/api/2.0/servers/\(server.uuid)/")),
            ("runtime", runtime(server)),
            ("status", .string(server.status)),
            ("uuid", .string(server.uuid)),
        ])
    }

    static func drive(_ drive: CloudSigmaDrive, ownerUUID: String) -> JSONValue {
        .object([
            ("affinities", .array([])),
            ("allow_multimount", .bool(drive.allowMultimount)),
            ("jobs", .array([])),
            ("licenses", .array(drive.licenses.map(license))),
            ("media", .string(drive.media)),
            ("meta", meta(drive.meta)),
            ("mounted_on", .array((drive.mountedOn + drive.foreignMounts).map { .reference("servers", $0) })),
            ("name", .string(drive.name)),
            ("owner", .reference("user", ownerUUID)),
            ("resource_uri", .string("/api/2.0/drives/\(drive.uuid)/")),
            ("runtime", .object([
                ("is_snapshotable", .bool(drive.media == "disk")),
                ("snapshots_allocated_size", .int(0)),
                ("storage_type", .string(drive.storageType)),
            ])),
            ("size", .int(drive.size)),
            ("snapshots", .array([])),
            ("status", .string(drive.status)),
            ("storage_type", .string(drive.storageType)),
            ("tags", .array(drive.tags.map { .reference("tags", $0) })),
            ("uuid", .string(drive.uuid)),
        ])
    }

    /// The short form `/drives/` returns.
    static func driveSummary(_ drive: CloudSigmaDrive, ownerUUID: String) -> JSONValue {
        .object([
            ("owner", .reference("user", ownerUUID)),
            ("resource_uri", .string("/api/2.0/drives/\(drive.uuid)/")),
            ("status", .string(drive.status)),
            ("uuid", .string(drive.uuid)),
        ])
    }

    /// An IP as `/ips/detail/` returns it: the address is the uuid.
    static func ip(_ ip: CloudSigmaIP, ownerUUID: String) -> JSONValue {
        let prefix = ip.uuid.split(separator: ".").prefix(3).joined(separator: ".")
        return .object([
            ("gateway", .string(prefix + ".1")),
            ("grantees", .array([])),
            ("meta", .object([])),
            ("nameservers", .array([.string("69.194.139.62"), .string("178.22.66.167")])),
            ("netmask", .int(24)),
            ("owner", .reference("user", ownerUUID)),
            ("permissions", .array([])),
            ("resource_uri", .string("/api/2.0/ips/\(ip.uuid)/")),
            ("server", ip.serverUUID.map { .reference("servers", $0) } ?? .null),
            ("subscription", .object([("id", .int(Int64(ip.subscriptionID))),
                                      ("resource_uri", .string("/api/2.0/subscriptions/\(ip.subscriptionID)/"))])),
            ("tags", .array(ip.tags.map { .reference("tags", $0) })),
            ("uuid", .string(ip.uuid)),
        ])
    }

    /// A VLAN as `/vlans/detail/` returns it, with the servers it lists.
    static func vlan(_ vlan: CloudSigmaVLAN, servers: [String], ownerUUID: String) -> JSONValue {
        .object([
            ("grantees", .array([])),
            ("meta", .object([("name", .string(vlan.name))])),
            ("owner", .reference("user", ownerUUID)),
            ("permissions", .array([])),
            ("resource_uri", .string("/api/2.0/vlans/\(vlan.uuid)/")),
            ("servers", .array(servers.map { .reference("servers", $0) })),
            ("subscription", .object([("id", .int(Int64(vlan.subscriptionID))),
                                      ("resource_uri", .string("/api/2.0/subscriptions/\(vlan.subscriptionID)/"))])),
            ("tags", .array([])),
            ("uuid", .string(vlan.uuid)),
        ])
    }

    /// A drive snapshot as `/snapshots/detail/` returns it.
    static func snapshot(_ snapshot: CloudSigmaSnapshot, ownerUUID: String) -> JSONValue {
        .object([
            ("allocated_size", .int(snapshot.allocatedSize)),
            ("drive", .reference("drives", snapshot.driveUUID)),
            ("grantees", .array([])),
            ("meta", .object([])),
            ("name", .string(snapshot.name)),
            ("owner", .reference("user", ownerUUID)),
            ("permissions", .array([])),
            ("resource_uri", .string("/api/2.0/snapshots/\(snapshot.uuid)/")),
            ("status", .string(snapshot.status)),
            ("tags", .array([])),
            ("timestamp", .string(snapshot.timestamp)),
            ("uuid", .string(snapshot.uuid)),
        ])
    }

    /// The short form `/ips/` returns.
    static func ipSummary(_ ip: CloudSigmaIP, ownerUUID: String) -> JSONValue {
        .object([
            ("owner", .reference("user", ownerUUID)),
            ("resource_uri", .string("/api/2.0/ips/\(ip.uuid)/")),
            ("uuid", .string(ip.uuid)),
        ])
    }

    static func tag(_ tag: CloudSigmaTag, ownerUUID: String) -> JSONValue {
        .object([
            ("meta", .object([])),
            ("name", .string(tag.name)),
            ("owner", .reference("user", ownerUUID)),
            ("resource_uri", .string("/api/2.0/tags/\(tag.uuid)/")),
            ("uuid", .string(tag.uuid)),
        ])
    }

    private static func meta(_ values: [String: String]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    private static func license(_ name: String) -> JSONValue {
        .object([
            ("amount", .int(1)),
            ("license", .object([
                ("burstable", .bool(false)), ("long_name", .string("Windows Server Standard")), ("name", .string(name)),
                ("resource_uri", .string("/api/2.0/licenses/13/")), ("type", .string("instance")),
                ("user_metric", .string("")),
            ])),
            ("user", .null),
        ])
    }

    private static func nicObject(_ nic: CloudSigmaServer.NIC, index: Int, server: CloudSigmaServer) -> JSONValue {
        let ipv4Conf: JSONValue = nic.ipv4Conf.map { conf in
            .object([("conf", .string(conf)), ("ip", nic.ipv4Address.map { .reference("ips", $0) } ?? .null)])
        } ?? .null
        return .object([
            ("boot_order", .optional(nic.bootOrder)),
            ("firewall_policy", nic.firewallPolicyUUID.map { .reference("fwpolicies", $0) } ?? .null),
            ("ip_v4_conf", ipv4Conf),
            ("ip_v6_conf", .null),
            ("mac", .string(nic.mac)),
            ("model", .string(nic.model)),
            ("runtime", server.activeSince != nil ? nicRuntime(nic, index: index, serverUUID: server.uuid) : .null),
            ("vlan", nic.vlanUUID.map { .reference("vlans", $0) } ?? .null),
        ])
    }

    private static func runtime(_ server: CloudSigmaServer) -> JSONValue {
        guard let activeSince = server.activeSince else { return .null }
        return .object([
            ("active_since", .string(activeSince)),
            ("nics", .array(server.nics.enumerated().map { index, nic in
                nicRuntime(nic, index: index, serverUUID: server.uuid)
            })),
        ])
    }

    private static func nicRuntime(_ nic: CloudSigmaServer.NIC, index: Int, serverUUID: String) -> JSONValue {
        let address = nic.ipv4Conf == "static" ? nic.ipv4Address : nic.leasedIPv4
        return .object([
            ("interface_type", .string(nic.vlanUUID == nil ? "public" : "private")),
            ("io", counters(["bytes_recv", "bytes_sent", "packets_recv", "packets_sent"], key: serverUUID, slot: index)),
            ("ip_v4", address.map { .reference("ips", $0) } ?? .null),
            ("ip_v6", .null),
            ("mac", .string(nic.mac)),
        ])
    }

    private static func driveRuntime(_ serverUUID: String, index: Int) -> JSONValue {
        .object([("io", counters(["bytes_read", "bytes_written", "count_read", "count_written"],
                                 key: serverUUID, slot: 100 + index))])
    }

    /// Counters that start from a value derived from the object and grow on every read.
    private static func counters(_ names: [String], key: String, slot: Int) -> JSONValue {
        var random = SeededGenerator(seed: UInt64(truncatingIfNeeded: key.hashValueStable), salts: UInt64(slot))
        return .object(names.map { name in
            let base = random.next() % 1_000_000_000
            return (name, .volatileCounter(base: base, step: 1 + base % 4096))
        })
    }
}

extension String {
    /// FNV-1a over the UTF-8 bytes: stable across runs, unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
