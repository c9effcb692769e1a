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

    /// What the simulator holds now, under the account names `scaleway` and `cloudSigma`.
    public init(_ truth: GroundTruth, scaleway: String = "scw", cloudSigma: String = "cs") {
        let tagNames = Dictionary(uniqueKeysWithValues: truth.cloudSigmaTags.map { ($0.uuid, $0.name) })
        for server in truth.scalewayServers {
            servers.insert("\(scaleway)|\(server.id)|\(server.zone)|\(server.name)|\(server.state)")
            for volume in server.volumes { attachments.insert("\(scaleway)|\(server.id)|\(volume.volumeID)") }
            nicCounts["\(scaleway)|\(server.id)"] = server.publicIPs.count + (server.privateIP == nil ? 0 : 1) + server.privateNICs.count
            for tag in server.tags { tags.insert("\(scaleway)|server|\(server.id)|\(tag)") }
        }
        for volume in truth.scalewayVolumes {
            let status = volume.serverID == nil && volume.foreignServerID == nil ? "unmounted" : "mounted"
            drives.insert("\(scaleway)|\(volume.id)|\(volume.zone)|\(volume.name)|\(volume.size)|\(status)|volumes")
            for tag in volume.tags { tags.insert("\(scaleway)|drive|\(volume.id)|\(tag)") }
        }
        for volume in truth.blockVolumes {
            let status = volume.claimsAttachment ? "mounted" : volume.status == "available" ? "unmounted" : "other"
            drives.insert("\(scaleway)|\(volume.id)|\(volume.zone)|\(volume.name)|\(volume.size)|\(status)|block_volumes")
            for tag in volume.tags { tags.insert("\(scaleway)|drive|\(volume.id)|\(tag)") }
        }
        for ip in truth.scalewayIPs {
            let status = ip.claimsAttachment ? "attached" : ip.state == "detached" ? "unattached" : "other"
            ips.insert("\(scaleway)|\(ip.id)|\(ip.zone)|\(ip.address)|\(status)|\(ip.serverID ?? "")")
            for tag in ip.tags { tags.insert("\(scaleway)|ip|\(ip.id)|\(tag)") }
        }
        for snapshot in truth.instanceSnapshots {
            snapshots.insert("\(scaleway)|\(snapshot.id)|\(snapshot.zone)|\(snapshot.name)|\(snapshot.volumeID)|snapshots")
        }
        for snapshot in truth.blockSnapshots {
            snapshots.insert("\(scaleway)|\(snapshot.id)|\(snapshot.zone)|\(snapshot.name)|\(snapshot.volumeID)|block_snapshots")
        }
        for group in truth.securityGroups {
            groups.insert("\(scaleway)|\(group.id)|\(group.zone)|\(group.name)")
            for tag in group.tags { tags.insert("\(scaleway)|security_group|\(group.id)|\(tag)") }
        }
        for network in truth.scalewayPrivateNetworks {
            groups.insert("\(scaleway)|\(network.id)|\(network.region)|\(network.name)")
            for tag in network.tags { tags.insert("\(scaleway)|network|\(network.id)|\(tag)") }
        }
        for server in truth.scalewayServers where !server.securityGroupID.isEmpty {
            groups.insert("\(scaleway)|\(server.securityGroupID)|member|\(server.id)")
        }
        for server in truth.cloudSigmaServers {
            servers.insert("\(cloudSigma)|\(server.uuid)|zrh|\(server.name)|\(server.status)")
            for drive in server.drives { attachments.insert("\(cloudSigma)|\(server.uuid)|\(drive.driveUUID)") }
            nicCounts["\(cloudSigma)|\(server.uuid)"] = server.nics.count
            for tag in server.tags { tags.insert("\(cloudSigma)|server|\(server.uuid)|\(tagNames[tag] ?? tag)") }
        }
        for snapshot in truth.cloudSigmaSnapshots {
            snapshots.insert("\(cloudSigma)|\(snapshot.uuid)|zrh|\(snapshot.name)|\(snapshot.driveUUID)|snapshots")
        }
        for vlan in truth.cloudSigmaVLANs {
            groups.insert("\(cloudSigma)|\(vlan.uuid)|zrh|\(vlan.name)")
        }
        let listing = Set(truth.cloudSigmaVLANs.filter(\.listsServers).map(\.uuid))
        for server in truth.cloudSigmaServers {
            for uuid in Set(server.nics.compactMap(\.vlanUUID)) where listing.contains(uuid) {
                groups.insert("\(cloudSigma)|\(uuid)|member|\(server.uuid)")
            }
        }
        for ip in truth.cloudSigmaIPs {
            ips.insert("\(cloudSigma)|\(ip.uuid)|zrh|\(ip.uuid)|\(ip.serverUUID == nil ? "unattached" : "attached")|\(ip.serverUUID ?? "")")
            for tag in ip.tags { tags.insert("\(cloudSigma)|ip|\(ip.uuid)|\(tagNames[tag] ?? tag)") }
        }
        for drive in truth.cloudSigmaDrives {
            let status = ["mounted", "unmounted"].contains(drive.status) ? drive.status : "other"
            drives.insert("\(cloudSigma)|\(drive.uuid)|zrh|\(drive.name)|\(drive.size)|\(status)|drives")
            for tag in drive.tags { tags.insert("\(cloudSigma)|drive|\(drive.uuid)|\(tagNames[tag] ?? tag)") }
        }
    }

    /// The same shape, read from the database (resources that exist now).
    public init(database db: Database) throws {
        try self.init { sql in
            try Row.fetchAll(db, sql: sql).map { row in
                row.databaseValues.map { value in value.isNull ? nil : String(describing: value.storage.value ?? "") }
            }
        }
    }

    /// The same shape, from the answers of `rows` (each row its values as text, NULL as nil) to
    /// statements both stores accept: SQLite's, or PostgreSQL's.
    public init(rows: (String) throws -> [[String?]]) throws {
        func fetch(_ sql: String) throws -> [[String]] {
            try rows(sql).map { $0.map { $0 ?? "" } }
        }
        for row in try fetch("SELECT account, id, zone, name, provider_status FROM servers WHERE deleted_at IS NULL") {
            servers.insert(row.joined(separator: "|"))
        }
        for row in try rows("SELECT account, id, zone, name, size_bytes, status, listing FROM drives WHERE deleted_at IS NULL") {
            drives.insert([row[0], row[1], row[2], row[3] ?? "", row[4] ?? "-1", row[5] ?? "NULL", row[6]].map { $0 ?? "" }.joined(separator: "|"))
        }
        for row in try rows("SELECT account, id, zone, address, status, server_id FROM ips WHERE deleted_at IS NULL") {
            ips.insert([row[0], row[1], row[2], row[3] ?? "", row[4] ?? "NULL", row[5] ?? ""].map { $0 ?? "" }.joined(separator: "|"))
        }
        for row in try fetch("SELECT account, id, zone, name, volume_id, listing FROM snapshots WHERE deleted_at IS NULL") {
            snapshots.insert(row.joined(separator: "|"))
        }
        for table in ["security_groups", "networks"] {
            for row in try fetch("SELECT account, id, zone, name FROM \(table) WHERE deleted_at IS NULL") {
                groups.insert(row.joined(separator: "|"))
            }
        }
        for (table, group) in [("network_servers", "network_id"), ("security_group_servers", "security_group_id")] {
            for row in try fetch("SELECT account, \(group), server_id FROM \(table)") {
                groups.insert("\(row[0])|\(row[1])|member|\(row[2])")
            }
        }
        for row in try fetch("SELECT account, server_id, drive_id FROM server_drives") {
            attachments.insert(row.joined(separator: "|"))
        }
        for row in try fetch("""
            SELECT s.account, s.id, COUNT(n.nic_id) AS n FROM servers s
            LEFT JOIN server_nics n ON n.account = s.account AND n.server_id = s.id
            WHERE s.deleted_at IS NULL GROUP BY s.account, s.id
            """) {
            nicCounts["\(row[0])|\(row[1])"] = Int(row[2]) ?? 0
        }
        for row in try fetch("SELECT account, resource_type, resource_id, tag FROM tags") {
            tags.insert(row.joined(separator: "|"))
        }
    }

    /// Every statement `init(rows:)` asks, for a caller that answers them ahead (asynchronously).
    public static var statements: [String] {
        var asked: [String] = []
        _ = try? ExpectedInventory { sql in
            asked.append(sql)
            return []
        }
        return asked
    }

    /// Adds `other`'s rows (of other accounts).
    public mutating func merge(_ other: ExpectedInventory) {
        servers.formUnion(other.servers)
        drives.formUnion(other.drives)
        attachments.formUnion(other.attachments)
        ips.formUnion(other.ips)
        snapshots.formUnion(other.snapshots)
        groups.formUnion(other.groups)
        nicCounts.merge(other.nicCounts) { $1 }
        tags.formUnion(other.tags)
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
