/// The columns each table declares today: what the sync writes and reads. The
/// migrations that made the tables keep their own frozen SQL (`InventoryMigrations`).
enum InventorySchema {
    /// Columns of `servers` that make a version and get field-level changes, in order.
    static let serverColumns = [
        "name", "status", "provider_status", "cpu_mhz", "smp", "mem_bytes", "commercial_type", "arch", "image",
        "hostname", "created_at", "modified_at",
    ]
    /// Columns of `drives` that make a version and get field-level changes, in order.
    static let driveColumns = [
        "name", "size_bytes", "media", "storage_type", "status", "provider_status", "allow_multimount", "created_at",
        "modified_at",
    ]
    /// Columns of `ips` that make a version and get field-level changes, in order.
    static let ipColumns = ["address", "ip_type", "status", "provider_status", "server_id", "reverse"]
    /// Columns of `security_groups` that make a version and get field-level changes, in order.
    static let securityGroupColumns = [
        "name", "inbound_default_policy", "outbound_default_policy", "stateful", "project_default", "created_at",
        "modified_at",
    ]
    /// Columns of `snapshots` that make a version and get field-level changes, in order.
    static let snapshotColumns = [
        "name", "size_bytes", "status", "provider_status", "volume_id", "volume_type", "created_at", "modified_at",
    ]
    /// Columns of `networks` that make a version and get field-level changes, in order.
    static let networkColumns = ["name", "network_type"]
    static let serverDriveColumns = ["device", "dev_channel", "slot", "boot_order", "volume_type"]
    static let serverNICColumns = [
        "mac", "model", "interface_type", "ipv4_conf", "ipv4_address", "ipv6_address", "vlan", "private_network",
        "firewall_policy",
    ]

    /// The versioned and child columns stored as INTEGER; every other declared column is TEXT.
    static let integerColumns: Set<String> = [
        "cpu_mhz", "smp", "mem_bytes", "size_bytes", "allow_multimount", "slot", "boot_order", "stateful",
        "project_default",
    ]
}
