import GRDB
import Simulator
import Testing

/// The inventory a correct sync must hold for a ground truth, computed from
/// the simulator's records (not from the sync's own mapping).
struct ExpectedInventory {
    var servers: Set<String> = []
    var drives: Set<String> = []
    var attachments: Set<String> = []
    var nicCounts: [String: Int] = [:]
    var tags: Set<String> = []

    init(_ truth: GroundTruth) {
        let tagNames = Dictionary(uniqueKeysWithValues: truth.cloudSigmaTags.map { ($0.uuid, $0.name) })
        for server in truth.scalewayServers {
            servers.insert("scw|\(server.id)|\(server.zone)|\(server.name)|\(server.state)")
            for volume in server.volumes { attachments.insert("scw|\(server.id)|\(volume.volumeID)") }
            nicCounts["scw|\(server.id)"] = server.publicIPs.count + (server.privateIP == nil ? 0 : 1) + server.privateNICs.count
            for tag in server.tags { tags.insert("scw|server|\(server.id)|\(tag)") }
        }
        for volume in truth.scalewayVolumes {
            drives.insert("scw|\(volume.id)|\(volume.zone)|\(volume.name)|\(volume.size)|\(volume.serverID == nil ? "unmounted" : "mounted")")
            for tag in volume.tags { tags.insert("scw|drive|\(volume.id)|\(tag)") }
        }
        for server in truth.cloudSigmaServers {
            servers.insert("cs|\(server.uuid)|zrh|\(server.name)|\(server.status)")
            for drive in server.drives { attachments.insert("cs|\(server.uuid)|\(drive.driveUUID)") }
            nicCounts["cs|\(server.uuid)"] = server.nics.count
            for tag in server.tags { tags.insert("cs|server|\(server.uuid)|\(tagNames[tag] ?? tag)") }
        }
        for drive in truth.cloudSigmaDrives {
            let status = ["mounted", "unmounted"].contains(drive.status) ? drive.status : "other"
            drives.insert("cs|\(drive.uuid)|zrh|\(drive.name)|\(drive.size)|\(status)")
            for tag in drive.tags { tags.insert("cs|drive|\(drive.uuid)|\(tagNames[tag] ?? tag)") }
        }
    }

    /// The same shape, read from the database (resources that exist now).
    init(database db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name, provider_status FROM servers WHERE deleted_at IS NULL") {
            servers.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")|\(row["provider_status"] as String? ?? "")")
        }
        for row in try Row.fetchAll(db, sql: "SELECT account, id, zone, name, size_bytes, status FROM drives WHERE deleted_at IS NULL") {
            drives.insert("\(row["account"] as String)|\(row["id"] as String)|\(row["zone"] as String)|\(row["name"] as String? ?? "")|\(row["size_bytes"] as Int64? ?? -1)|\(row["status"] as String)")
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

    static func expectEqual(_ actual: ExpectedInventory, _ expected: ExpectedInventory,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.servers == expected.servers, sourceLocation: sourceLocation)
        #expect(actual.drives == expected.drives, sourceLocation: sourceLocation)
        #expect(actual.attachments == expected.attachments, sourceLocation: sourceLocation)
        #expect(actual.nicCounts == expected.nicCounts, sourceLocation: sourceLocation)
        #expect(actual.tags == expected.tags, sourceLocation: sourceLocation)
    }
}
