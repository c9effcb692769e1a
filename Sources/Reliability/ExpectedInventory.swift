import GRDB
import Simulator

/// The inventory a correct sync must hold for a ground truth, computed from
/// the simulator's records (not from the sync's own mapping).
public struct ExpectedInventory: Sendable, Equatable {
    public var servers: Set<String> = []
    public var drives: Set<String> = []
    public var attachments: Set<String> = []
    /// IPs as `account|id|zone|address|status|server`.
    public var ips: Set<String> = []
    /// Snapshots as `account|id|zone|name|volume`.
    public var snapshots: Set<String> = []
    /// What servers join, security groups and networks (VLANs), as `account|id|zone|name`, and the servers
    /// each lists as `account|id|member|server`.
    public var groups: Set<String> = []
    public var nicCounts: [String: Int] = [:]
    public var tags: Set<String> = []

    /// What the simulator holds now, under the account names `scw` and `cs`.
    public init(_ truth: GroundTruth) {
        let tagNames = Dictionary(uniqueKeysWithValues: truth.cloudSigmaTags.map { ($0.uuid, $0.name) })
        for server in truth.scalewayServers {
            servers.insert("scw|\(server.id)|\(server.zone)|\(server.name)|\(server.state)")
            for volume in server.volumes { attachments.insert("scw|\(server.id)|\(volume.volumeID)") }
            nicCounts["scw|\(server.id)"] = server.publicIPs.count + (server.privateIP == nil ? 0 : 1) + server.privateNICs.count
            for tag in server.tags { tags.insert("scw|server|\(server.id)|\(tag)") }
        }
        for volume in truth.scalewayVolumes {
            let status = volume.serverID == nil && volume.foreignServerID == nil ? "unmounted" : "mounted"
            drives.insert("scw|\(volume.id)|\(volume.zone)|\(volume.name)|\(volume.size)|\(status)|volumes")
            for tag in volume.tags { tags.insert("scw|drive|\(volume.id)|\(tag)") }
        }
        for volume in truth.blockVolumes {
            let status = volume.claimsAttachment ? "mounted" : volume.status == "available" ? "unmounted" : "other"
            drives.insert("scw|\(volume.id)|\(volume.zone)|\(volume.name)|\(volume.size)|\(status)|block_volumes")
            for tag in volume.tags { tags.insert("scw|drive|\(volume.id)|\(tag)") }
        }
        for ip in truth.scalewayIPs {
            let status = ip.claimsAttachment ? "attached" : ip.state == "detached" ? "unattached" : "other"
            ips.insert("scw|\(ip.id)|\(ip.zone)|\(ip.address)|\(status)|\(ip.serverID ?? "")")
            for tag in ip.tags { tags.insert("scw|ip|\(ip.id)|\(tag)") }
        }
        for snapshot in truth.instanceSnapshots {
            snapshots.insert("scw|\(snapshot.id)|\(snapshot.zone)|\(snapshot.name)|\(snapshot.volumeID)|snapshots")
        }
        for snapshot in truth.blockSnapshots {
            snapshots.insert("scw|\(snapshot.id)|\(snapshot.zone)|\(snapshot.name)|\(snapshot.volumeID)|block_snapshots")
        }
        for group in truth.securityGroups {
            groups.insert("scw|\(group.id)|\(group.zone)|\(group.name)")
            for tag in group.tags { tags.insert("scw|security_group|\(group.id)|\(tag)") }
        }
        for network in truth.scalewayPrivateNetworks {
            groups.insert("scw|\(network.id)|\(network.region)|\(network.name)")
            for tag in network.tags { tags.insert("scw|network|\(network.id)|\(tag)") }
        }
        for server in truth.scalewayServers where !server.securityGroupID.isEmpty {
            groups.insert("scw|\(server.securityGroupID)|member|\(server.id)")
        }
        for server in truth.cloudSigmaServers {
            servers.insert("cs|\(server.uuid)|zrh|\(server.name)|\(server.status)")
            for drive in server.drives { attachments.insert("cs|\(server.uuid)|\(drive.driveUUID)") }
            nicCounts["cs|\(server.uuid)"] = server.nics.count
            for tag in server.tags { tags.insert("cs|server|\(server.uuid)|\(tagNames[tag] ?? tag)") }
        }
        for snapshot in truth.cloudSigmaSnapshots {
            snapshots.insert("cs|\(snapshot.uuid)|zrh|\(snapshot.name)|\(snapshot.driveUUID)|snapshots")
        }
        for vlan in truth.cloudSigmaVLANs {
            groups.insert("cs|\(vlan.uuid)|zrh|\(vlan.name)")
        }
        let listing = Set(truth.cloudSigmaVLANs.filter(\.listsServers).map(\.uuid))
        for server in truth.cloudSigmaServers {
            for uuid in Set(server.nics.compactMap(\.vlanUUID)) where listing.contains(uuid) {
                groups.insert("cs|\(uuid)|member|\(server.uuid)")
            }
        }
        for ip in truth.cloudSigmaIPs {
            ips.insert("cs|\(ip.uuid)|zrh|\(ip.uuid)|\(ip.serverUUID == nil ? "unattached" : "attached")|\(ip.serverUUID ?? "")")
            for tag in ip.tags { tags.insert("cs|ip|\(ip.uuid)|\(tagNames[tag] ?? tag)") }
        }
        for drive in truth.cloudSigmaDrives {
            let status = ["mounted", "unmounted"].contains(drive.status) ? drive.status : "other"
            drives.insert("cs|\(drive.uuid)|zrh|\(drive.name)|\(drive.size)|\(status)|drives")
            for tag in drive.tags { tags.insert("cs|drive|\(drive.uuid)|\(tagNames[tag] ?? tag)") }
        }
    }

    /// The same shape, read from the database (resources that exist now).
    public init(database db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name, provider_status FROM servers WHERE deleted_at IS NULL") {
            servers.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")|\(row["provider_status"] as String? ?? "")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name, size_bytes, status, listing FROM drives WHERE deleted_at IS NULL") {
            drives.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")|\(row["size_bytes"] as Int64? ?? -1)|\(row["status"] as String? ?? "NULL")|\(row["listing"] as String)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, address, status, server_id FROM ips WHERE deleted_at IS NULL") {
            ips.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["address"] as String? ?? "")|\(row["status"] as String? ?? "NULL")|\(row["server_id"] as String? ?? "")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name, volume_id, listing FROM snapshots WHERE deleted_at IS NULL") {
            snapshots.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")|\(row["volume_id"] as String? ?? "")|\(row["listing"] as String)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name FROM security_groups WHERE deleted_at IS NULL") {
            groups.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name FROM networks WHERE deleted_at IS NULL") {
            groups.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, network_id, server_id FROM network_servers") {
            groups.insert("\(row["account"] as String)|\(row["network_id"] as String)|member|\(row["server_id"] as String)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, security_group_id, server_id FROM security_group_servers") {
            groups.insert("\(row["account"] as String)|\(row["security_group_id"] as String)|member|\(row["server_id"] as String)")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, server_id, drive_id FROM server_drives") {
            attachments.insert("\(row["account"] as String)|\(row["server_id"] as String)|\(row["drive_id"] as String)")
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT s.account, s.id, COUNT(n.nic_id) AS n FROM servers s
            LEFT JOIN server_nics n ON n.account = s.account AND n.server_id = s.id
            WHERE s.deleted_at IS NULL GROUP BY s.account, s.id
            """) {
            nicCounts["\(row["account"] as String)|\(row["id"] as String)"] = row["n"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, resource_type, resource_id, tag FROM tags") {
            tags.insert("\(row["account"] as String)|\(row["resource_type"] as String)|\(row["resource_id"] as String)|\(row["tag"] as String)")
        }
    }

    /// Rows in one and not in the other, over every part (a NIC count that differs counts once).
    public func differences(from other: ExpectedInventory) -> Int {
        servers.symmetricDifference(other.servers).count + drives.symmetricDifference(other.drives).count
            + ips.symmetricDifference(other.ips).count + groups.symmetricDifference(other.groups).count
            + snapshots.symmetricDifference(other.snapshots).count
            + attachments.symmetricDifference(other.attachments).count + tags.symmetricDifference(other.tags).count
            + Set(nicCounts.keys).union(other.nicCounts.keys).filter { nicCounts[$0] != other.nicCounts[$0] }.count
    }

    /// The rows of one scope: those of `account` in `zone` (rows are `account|id|zone|...`) and, for the parts two
    /// listings of a zone share (drives, snapshots: rows end in `|listing`), of that listing only.
    public func scope(_ rows: KeyPath<ExpectedInventory, Set<String>>, account: String, zone: String, listing: String?) -> Set<String> {
        self[keyPath: rows].filter { row in
            let fields = row.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
            return fields.count > 2 && fields[0] == account && fields[2] == zone && listing.map { row.hasSuffix("|" + $0) } ?? true
        }
    }
}
