import Foundation
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

/// Syncs a simulated fleet three times (moving it on between syncs) and keeps
/// what every bundled query answered after each sync.
struct QueryFixture: Sendable {
    let truth: GroundTruth
    let databasePath: String
    /// CSV of every query after sync k (index k - 1).
    let savedAfterRun: [[String: String]]
    let directory: URL

    static let parameters = ["limit": "7", "since": "#2", "max_age": "0"]

    static func make() async throws -> QueryFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-queries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("inventory.sqlite").path
        return try await SyncHarness.with(FleetConfiguration(seed: 29, servers: 160, drives: 320, zones: SyncHarness.zones)) { harness in
            var saved: [[String: String]] = []
            for epoch in 0...2 {
                if epoch > 0 { try harness.simulator.advanceEpoch(churn: 0.08) }
                let report = try await harness.sync()
                #expect(report.exitCode == 0)
                saved.append(try Self.answers(ReadOnlyInventory(path: harness.databasePath)))
            }
            try FileManager.default.copyItem(atPath: harness.databasePath, toPath: path)
            return QueryFixture(truth: harness.simulator.groundTruth(), databasePath: path, savedAfterRun: saved,
                                directory: directory)
        }
    }

    /// Every bundled query's answer as CSV.
    static func answers(_ inventory: ReadOnlyInventory) throws -> [String: String] {
        var answers: [String: String] = [:]
        for query in try QueryLibrary().all {
            let arguments = Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, parameters[$0.name] ?? $0.defaultValue) })
            answers[query.name] = ResultFormat.csv.render(try inventory.execute(query.sql, arguments: arguments))
        }
        return answers
    }

    func run(_ name: String, _ arguments: [String: String] = [:], asOf: String? = nil) throws -> [[String: String]] {
        let query = try QueryLibrary().query(name)
        var values = Dictionary(uniqueKeysWithValues: query.parameters.map { ($0.name, Self.parameters[$0.name] ?? $0.defaultValue) })
        values.merge(arguments) { $1 }
        let result = try ReadOnlyInventory(path: databasePath, asOf: asOf).execute(query.sql, arguments: values)
        return result.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(result.columns, row.map { ResultFormat.plain($0) }))
        }
    }
}

@Suite("Named queries against the simulator's ground truth", .serialized)
struct NamedQueryTests {
    static let fixture = Task { try await QueryFixture.make() }

    /// The truth seen the way the queries see it.
    struct Truth {
        var servers: [(account: String, zone: String, id: String, name: String, status: String, tags: [String],
                       drives: [String], bootable: Bool, nics: Int, publicIPv4: [String])] = []
        /// `servers`: the listed servers the drive names (which list it too); `foreign`: servers no
        /// listing returns that the drive also names; `mounted`: the drive's own status says mounted;
        /// `unmounted`: its own status says unmounted (not mounted, not creating or cloning).
        var drives: [(account: String, zone: String, id: String, name: String, size: Int64, type: String,
                      media: String, tags: [String], servers: [String], foreign: [String], mounted: Bool,
                      unmounted: Bool)] = []

        init(_ truth: GroundTruth) {
            for server in truth.scalewayServers {
                let status = ["stopped in place": "stopped", "locked": "unavailable"][server.state] ?? server.state
                servers.append(("scw", server.zone, server.id, server.name, status, server.tags, server.volumes.map(\.volumeID),
                                server.volumes.contains { $0.slot == 0 },
                                server.publicIPs.count + (server.privateIP == nil ? 0 : 1) + server.privateNICs.count,
                                server.publicIPs.filter { $0.family == "inet" }.map(\.address).sorted()))
            }
            for server in truth.cloudSigmaServers {
                let running = server.status == "running"
                let publicIPv4 = server.nics.filter { $0.vlanUUID == nil }.compactMap { nic in
                    nic.ipv4Conf == "static" ? nic.ipv4Address : (running ? nic.leasedIPv4 : nil)
                }
                servers.append(("cs", "zrh", server.uuid, server.name, server.status, server.tags,
                                server.drives.map(\.driveUUID), server.drives.contains { $0.bootOrder != nil },
                                server.nics.count, Array(Set(publicIPv4)).sorted()))
            }
            for volume in truth.scalewayVolumes {
                drives.append(("scw", volume.zone, volume.id, volume.name, volume.size, volume.volumeType, "disk",
                               volume.tags, volume.serverID.map { [$0] } ?? [],
                               volume.serverID == nil ? volume.foreignServerID.map { [$0] } ?? [] : [],
                               volume.serverID != nil || volume.foreignServerID != nil,
                               volume.serverID == nil && volume.foreignServerID == nil))
            }
            for volume in truth.blockVolumes {
                // A Block volume's own side: a reference (to a listed server or not) or in_use says attached.
                drives.append(("scw", volume.zone, volume.id, volume.name, volume.size, volume.type, "disk", volume.tags,
                               volume.serverID.map { [$0] } ?? [],
                               volume.serverID == nil ? volume.foreignServerID.map { [$0] } ?? [] : [],
                               volume.claimsAttachment, !volume.claimsAttachment && volume.status == "available"))
            }
            for drive in truth.cloudSigmaDrives {
                drives.append(("cs", "zrh", drive.uuid, drive.name, drive.size, drive.storageType, drive.media,
                               drive.tags, drive.mountedOn, drive.foreignMounts, drive.status == "mounted",
                               drive.status == "unmounted"))
            }
        }

        func server(_ account: String, _ id: String) -> (status: String, name: String)? {
            servers.first { $0.account == account && $0.id == id }.map { ($0.status, $0.name) }
        }
    }

    static func keys(_ rows: [[String: String]], _ columns: String...) -> Set<String> {
        Set(rows.map { row in columns.map { row[$0] ?? "" }.joined(separator: "|") })
    }

    @Test("Every bundled query's rows equal an answer computed from the ground truth")
    func queriesMatchTruth() async throws {
        let fixture = try await Self.fixture.value
        let truth = Truth(fixture.truth)
        let liveDrives = Set(truth.drives.map { "\($0.account)|\($0.id)" })

        // Unmounted only when neither side says attached: a drive naming a server no listing returns is in use.
        let claimedElsewhere = truth.drives.filter { $0.servers.isEmpty && !$0.foreign.isEmpty }
        #expect(Set(claimedElsewhere.map(\.account)) == ["scw", "cs"], "both providers have drives claimed by servers of no listing")
        #expect(Self.keys(try fixture.run("unmounted-drives"), "account", "id")
                == Set(truth.drives.filter { $0.servers.isEmpty && $0.foreign.isEmpty && $0.unmounted }.map { "\($0.account)|\($0.id)" }))
        #expect(try fixture.run("unmounted-drives").allSatisfy { ($0["unmounted_since"] ?? "").hasPrefix("20") }, "each says since when")
        #expect(truth.drives.contains { $0.servers.isEmpty && $0.foreign.isEmpty && !$0.unmounted && !$0.mounted },
                "drives in a transitional state exist, and are not offered for clean-up")
        // Block Storage: detached volumes are offered, and one in_use with no reference and no server is not.
        let blockIDs = Set(fixture.truth.blockVolumes.map(\.id))
        let offered = Set(try fixture.run("unmounted-drives").compactMap { $0["id"] })
        #expect(!offered.intersection(blockIDs).isEmpty, "detached Block Storage volumes are offered for clean-up")
        let inUseAlone = fixture.truth.blockVolumes.filter { $0.status == "in_use" && $0.referencedServerID == nil }
        #expect(!inUseAlone.isEmpty && offered.isDisjoint(with: inUseAlone.map(\.id)))
        #expect(fixture.truth.blockVolumes.contains { $0.status == "creating" && $0.serverID != nil }, "creating while attached")
        let unjoined = try ReadOnlyInventory(path: fixture.databasePath).execute("""
            SELECT COUNT(*) FROM server_drives sd JOIN servers s ON s.account = sd.account AND s.id = sd.server_id
            WHERE s.deleted_at IS NULL AND sd.volume_type = 'sbs_volume' AND NOT EXISTS (
                SELECT 1 FROM drives d WHERE d.account = sd.account AND d.id = sd.drive_id AND d.deleted_at IS NULL
                  AND d.listing = 'block_volumes')
            """)
        #expect(unjoined.rows.first?.first.map(ResultFormat.plain) == "0", "every sbs_volume attachment joins a Block volume row")
        // IPs: unattached only when detached, naming no server, and listed by no existing server.
        let listedIPs = Set(fixture.truth.scalewayServers.flatMap { server in server.publicIPs.flatMap { [$0.id, $0.address] } })
        let freeIPs = fixture.truth.scalewayIPs.filter { !$0.claimsAttachment && !listedIPs.contains($0.id) && !listedIPs.contains($0.address) }
        #expect(!freeIPs.isEmpty && fixture.truth.scalewayIPs.contains { $0.state == "attached" && $0.serverID == nil })
        let usedAddresses = Set(fixture.truth.cloudSigmaServers.flatMap { server in
            server.nics.compactMap(\.ipv4Address) + (server.status == "running" ? server.nics.compactMap(\.leasedIPv4) : [])
        })
        let freeSigmaIPs = fixture.truth.cloudSigmaIPs.filter { $0.serverUUID == nil && !usedAddresses.contains($0.uuid) }
        #expect(!freeSigmaIPs.isEmpty && fixture.truth.cloudSigmaIPs.contains { $0.serverUUID == nil && usedAddresses.contains($0.uuid) },
                "CloudSigma IPs that name no server while a NIC uses them exist, and are not offered")
        #expect(Self.keys(try fixture.run("unattached-ips"), "account", "id")
                == Set(freeIPs.map { "scw|\($0.id)" } + freeSigmaIPs.map { "cs|\($0.uuid)" }))
        let groupless = fixture.truth.scalewayServers.filter(\.securityGroupID.isEmpty)
        // Snapshots: orphaned exactly when their volume (Instance or Block) no longer exists.
        let volumes = Set(fixture.truth.scalewayVolumes.map(\.id) + fixture.truth.blockVolumes.map(\.id))
        let allSnapshots = fixture.truth.instanceSnapshots + fixture.truth.blockSnapshots
        let orphans = allSnapshots.filter { !volumes.contains($0.volumeID) }
        #expect(!orphans.isEmpty && orphans.count < allSnapshots.count)
        let drives = Set(fixture.truth.cloudSigmaDrives.map(\.uuid))
        let sigmaOrphans = fixture.truth.cloudSigmaSnapshots.filter { !drives.contains($0.driveUUID) }
        #expect(!sigmaOrphans.isEmpty)
        #expect(Self.keys(try fixture.run("orphan-snapshots"), "account", "id")
                == Set(orphans.map { "scw|\($0.id)" } + sigmaOrphans.map { "cs|\($0.uuid)" }))
        #expect(Self.keys(try fixture.run("old-snapshots"), "account", "id")
                == Set(allSnapshots.map { "scw|\($0.id)" } + fixture.truth.cloudSigmaSnapshots.map { "cs|\($0.uuid)" }),
                "the simulated clock starts in January 2026: every snapshot is older than 90 days")
        #expect(try fixture.run("old-snapshots", ["days": "100000"]).isEmpty)
        // Networks: unused only when no server's NIC is on the VLAN, whatever its own server list says.
        let usedVLANs = Set(fixture.truth.cloudSigmaServers.flatMap { $0.nics.compactMap(\.vlanUUID) })
        let unusedVLANs = fixture.truth.cloudSigmaVLANs.filter { !usedVLANs.contains($0.uuid) }
        #expect(!unusedVLANs.isEmpty && fixture.truth.cloudSigmaVLANs.contains { !$0.listsServers && usedVLANs.contains($0.uuid) })
        // Private networks: unused when no Scaleway server's private NIC is on them.
        let usedNetworks = Set(fixture.truth.scalewayServers.flatMap { $0.privateNICs.map(\.privateNetworkID) })
        let unusedNetworks = fixture.truth.scalewayPrivateNetworks.filter { !usedNetworks.contains($0.id) }
        #expect(!unusedNetworks.isEmpty && unusedNetworks.count < fixture.truth.scalewayPrivateNetworks.count)
        #expect(Self.keys(try fixture.run("unused-networks"), "account", "id")
                == Set(unusedVLANs.map { "cs|\($0.uuid)" } + unusedNetworks.map { "scw|\($0.id)" }))
        let withoutGroup = try fixture.run("servers-without-security-group")
        #expect(!groupless.isEmpty && Self.keys(withoutGroup, "account", "id") == Set(groupless.map { "scw|\($0.id)" }))
        #expect(Self.keys(try fixture.run("servers-without-nics"), "account", "id")
                == Set(truth.servers.filter { $0.nics == 0 }.map { "\($0.account)|\($0.id)" }))
        #expect(Self.keys(try fixture.run("servers-without-drives"), "account", "id")
                == Set(truth.servers.filter { $0.drives.isEmpty }.map { "\($0.account)|\($0.id)" }))
        let stopped = try fixture.run("stopped-servers")
        #expect(Self.keys(stopped, "account", "id") == Set(truth.servers.filter { $0.status == "stopped" }.map { "\($0.account)|\($0.id)" }))
        #expect(stopped.allSatisfy { !($0["stopped_since"] ?? "").isEmpty })

        let stoppedServers = Set(truth.servers.filter { $0.status == "stopped" }.map { "\($0.account)|\($0.id)" })
        #expect(Self.keys(try fixture.run("drives-on-stopped-servers"), "account", "id", "server_id")
                == Set(truth.drives.flatMap { drive in
                    drive.servers.filter { stoppedServers.contains("\(drive.account)|\($0)") }.map { "\(drive.account)|\(drive.id)|\($0)" }
                }))
        #expect(Self.keys(try fixture.run("mounted-cdroms"), "account", "id", "server_id")
                == Set(truth.drives.filter { $0.media == "cdrom" }.flatMap { drive in drive.servers.map { "\(drive.account)|\(drive.id)|\($0)" } }))
        let withPublicIP = Set(fixture.truth.scalewayServers.filter { !$0.publicIPs.isEmpty }.map(\.id))
        #expect(Self.keys(try fixture.run("public-servers"), "account", "id", "public_ipv4")
                == Set(truth.servers.filter { !$0.publicIPv4.isEmpty || withPublicIP.contains($0.id) }
                    .map { "\($0.account)|\($0.id)|\($0.publicIPv4.joined(separator: " "))" }))

        var statusCounts: [String: Int] = [:]
        for server in truth.servers { statusCounts["\(server.account)|\(server.zone)|\(server.status)", default: 0] += 1 }
        #expect(Self.keys(try fixture.run("status-summary"), "account", "zone", "status", "servers")
                == Set(statusCounts.map { "\($0.key)|\($0.value)" }))

        var storage: [String: (Int, Int64)] = [:]
        for drive in truth.drives {
            let attached = !drive.servers.isEmpty || !drive.foreign.isEmpty || drive.mounted
            let key = "\(drive.account)|\(drive.zone)|\(drive.type)|\(attached ? "mounted" : "unmounted")"
            storage[key, default: (0, 0)].0 += 1
            storage[key, default: (0, 0)].1 += drive.size
        }
        #expect(Self.keys(try fixture.run("storage-summary"), "account", "zone", "storage_type", "mounted", "drives", "bytes")
                == Set(storage.map { "\($0.key)|\($0.value.0)|\($0.value.1)" }))

        let largest = truth.drives.sorted { ($1.size, $0.account, $0.id) < ($0.size, $1.account, $1.id) }.prefix(7)
        #expect(try fixture.run("largest-drives").map { "\($0["account"] ?? "")|\($0["id"] ?? "")" }
                == largest.map { "\($0.account)|\($0.id)" })

        #expect(Self.keys(try fixture.run("untagged"), "resource_type", "account", "id")
                == Set(truth.servers.filter { $0.tags.isEmpty }.map { "server|\($0.account)|\($0.id)" }
                    + truth.drives.filter { $0.tags.isEmpty }.map { "drive|\($0.account)|\($0.id)" }))

        var names: [String: Int] = [:]
        for server in truth.servers { names["server|\(server.account)|\(server.name)", default: 0] += 1 }
        for drive in truth.drives { names["drive|\(drive.account)|\(drive.name)", default: 0] += 1 }
        let duplicates = try fixture.run("duplicate-names")
        #expect(!duplicates.isEmpty)
        #expect(Self.keys(duplicates, "resource_type", "account", "id")
                == Set(truth.servers.filter { names["server|\($0.account)|\($0.name)", default: 0] > 1 }.map { "server|\($0.account)|\($0.id)" }
                    + truth.drives.filter { names["drive|\($0.account)|\($0.name)", default: 0] > 1 }.map { "drive|\($0.account)|\($0.id)" }))

        #expect(Self.keys(try fixture.run("multi-mounted-drives"), "account", "id", "servers")
                == Set(truth.drives.filter { $0.servers.count > 1 }.map { "\($0.account)|\($0.id)|\($0.servers.count)" }))
        #expect(Self.keys(try fixture.run("servers-without-boot-drive"), "account", "id")
                == Set(truth.servers.filter { !$0.bootable }.map { "\($0.account)|\($0.id)" }))
        // The simulator keeps both sides of listed servers consistent; what disagrees is every claim by a
        // server no listing returns, and the mounted status of a drive that only such a server holds.
        var mismatches = Set<String>()
        for drive in truth.drives {
            for server in drive.foreign {
                mismatches.insert("\(drive.account)|\(drive.id)|\(server)|the drive names the server, the server does not list it")
            }
            if drive.mounted, drive.servers.isEmpty {
                mismatches.insert("\(drive.account)|\(drive.id)||status is mounted, but no server lists it")
            }
        }
        #expect(Self.keys(try fixture.run("attachment-mismatch"), "account", "id", "server_id", "problem") == mismatches)
        _ = liveDrives
    }

    @Test("link-mismatch: every IP whose own word and the servers' side disagree, and no network the simulator keeps consistent")
    func linkMismatchMatchesTruth() async throws {
        let fixture = try await Self.fixture.value
        let truth = fixture.truth
        var expected = Set<String>()
        func judge(account: String, id: String, own: String?, attached: Bool, users: Set<String>) {
            if let own, !users.contains(own) { expected.insert("\(account)|ip|\(id)|\(own)") }
            if own == nil, attached, users.isEmpty { expected.insert("\(account)|ip|\(id)|") }
            for user in users where user != own && (own != nil || !attached) { expected.insert("\(account)|ip|\(id)|\(user)") }
        }
        for ip in truth.scalewayIPs {
            let users = Set(truth.scalewayServers.filter { server in
                server.publicIPs.contains { $0.id == ip.id || $0.address == ip.address }
            }.map(\.id))
            judge(account: "scw", id: ip.id, own: ip.serverID, attached: ip.claimsAttachment, users: users)
        }
        for ip in truth.cloudSigmaIPs {
            let users = Set(truth.cloudSigmaServers.filter { server in
                server.nics.contains { $0.ipv4Address == ip.uuid || (server.status == "running" && $0.leasedIPv4 == ip.uuid) }
            }.map(\.uuid))
            judge(account: "cs", id: ip.uuid, own: ip.serverUUID, attached: ip.serverUUID != nil, users: users)
        }
        #expect(expected.contains { $0.hasPrefix("cs|") } && expected.contains { $0.hasPrefix("scw|") },
                "both providers have IPs whose sides disagree (recorded: attached naming no server; a NIC's IP naming none)")
        let rows = try fixture.run("link-mismatch")
        #expect(Self.keys(rows, "account", "resource_type", "id", "server_id") == expected)
        #expect(rows.allSatisfy { !($0["problem"] ?? "").isEmpty && !($0["name"] ?? "").isEmpty })
    }

    @Test("History queries: created, deleted and changed since run 2 match what epochs 1 and 2 did")
    func historyQueriesMatchTruth() async throws {
        let fixture = try await Self.fixture.value
        let everyChange = fixture.truth.changes.filter { $0.epoch >= 1 }
        // created-since and deleted-since list servers and drives, as before IPs were synced.
        let changes = everyChange.filter { !["ip", "security_group", "snapshot", "block_snapshot", "vlan"].contains($0.resource) }
        let alive = Set(fixture.truth.scalewayServers.map(\.id) + fixture.truth.cloudSigmaServers.map(\.uuid)
                        + fixture.truth.scalewayVolumes.map(\.id) + fixture.truth.blockVolumes.map(\.id)
                        + fixture.truth.scalewayIPs.map(\.id) + fixture.truth.cloudSigmaIPs.map(\.uuid)
                        + fixture.truth.securityGroups.map(\.id) + fixture.truth.instanceSnapshots.map(\.id)
                        + fixture.truth.blockSnapshots.map(\.id) + fixture.truth.cloudSigmaSnapshots.map(\.uuid)
                        + fixture.truth.cloudSigmaVLANs.map(\.uuid)
                        + fixture.truth.cloudSigmaDrives.map(\.uuid))
        func type(_ change: FleetChange) -> String { SyncTests.changeType(change.resource) }
        #expect(Self.keys(try fixture.run("created-since"), "resource_type", "id")
                == Set(changes.filter { $0.action == .created && alive.contains($0.id) }.map { "\(type($0))|\($0.id)" }))
        let deleted = try fixture.run("deleted-since")
        #expect(Self.keys(deleted, "resource_type", "id")
                == Set(changes.filter { $0.action == .deleted && !alive.contains($0.id) }.map { "\(type($0))|\($0.id)" }))
        #expect(deleted.allSatisfy { !($0["name"] ?? "").isEmpty })
        // An IP's server changes exactly when its state does (attached, detached, its server deleted).
        let moved = everyChange.filter { $0.resource == "ip" && $0.action == .updated && $0.fields.contains("state") }
        let moves = try fixture.run("ip-moves-since")
        #expect(!moved.isEmpty && Set(moves.compactMap { $0["id"] }) == Set(moved.map(\.id)))
        #expect(moves.allSatisfy { ["attached", "detached", "moved"].contains($0["move"] ?? "") && !($0["address"] ?? "").isEmpty })
        let recent = try fixture.run("changes-since", ["since": "#3"])
        #expect(Set(recent.compactMap { $0["id"] }) == Set(fixture.truth.changes(inEpoch: 2).map(\.id)))
        #expect(recent.allSatisfy { !($0["name"] ?? "").isEmpty && !($0["zone"] ?? "").isEmpty })
    }

    @Test("stale-scopes: none within a long max_age, every scope within none")
    func staleScopes() async throws {
        let fixture = try await Self.fixture.value
        #expect(try fixture.run("stale-scopes", ["max_age": "3650d"]).isEmpty)
        let configured = SyncHarness.configuration(baseURL: "", zones: SyncHarness.zones, pageSize: 10, maxRetries: 1)
        let every = Set(configured.accounts.flatMap(\.scopes).map { "\($0.account)|\($0.zone)|\($0.listingName)" })
        #expect(every.contains("scw|fr-par|private_networks") && every.contains("cs|zrh|vlans"))
        #expect(Self.keys(try fixture.run("stale-scopes", ["max_age": "0"]), "account", "zone", "kind") == every)
    }

    @Test("--as-of run k answers exactly what the queries answered right after sync k", arguments: [1, 2, 3])
    func asOf(run: Int) async throws {
        let fixture = try await Self.fixture.value
        let later = try QueryFixture.answers(ReadOnlyInventory(path: fixture.databasePath, asOf: String(run)))
        let saved = fixture.savedAfterRun[run - 1]
        #expect(later.keys.sorted() == saved.keys.sorted())
        for name in saved.keys.sorted() {
            #expect(later[name] == saved[name], "query \(name) as of run \(run)")
        }
    }

    @Test("current_* views hold what exists now, and what existed then under --as-of")
    func currentViews() async throws {
        let fixture = try await Self.fixture.value
        func count(_ sql: String, asOf: String? = nil) throws -> String {
            let result = try ReadOnlyInventory(path: fixture.databasePath, asOf: asOf).execute(sql)
            return ResultFormat.plain(try #require(result.rows.first?.first))
        }
        for table in ["servers", "drives", "ips", "snapshots", "security_groups", "networks"] {
            #expect(try count("SELECT COUNT(*) FROM current_\(table)") == count("SELECT COUNT(*) FROM \(table) WHERE deleted_at IS NULL"))
        }
        let liveServers = fixture.truth.scalewayServers.count + fixture.truth.cloudSigmaServers.count
        #expect(try count("SELECT COUNT(*) FROM current_servers") == String(liveServers))
        #expect(try count("SELECT COUNT(*) FROM servers") != String(liveServers), "the table keeps deleted servers")
        // Child views: rows of resources that exist, every resource type's tags included.
        #expect(try count("""
            SELECT COUNT(*) FROM current_server_nics n WHERE NOT EXISTS (
                SELECT 1 FROM current_servers s WHERE s.account = n.account AND s.id = n.server_id)
            """) == "0")
        #expect(try count("SELECT COUNT(DISTINCT resource_type) FROM current_tags") == count("SELECT COUNT(DISTINCT resource_type) FROM tags"))
        #expect(try count("SELECT COUNT(*) FROM current_tags WHERE resource_type = 'drive'") == count("""
            SELECT COUNT(*) FROM tags t JOIN drives d ON d.account = t.account AND d.id = t.resource_id AND d.deleted_at IS NULL
            WHERE t.resource_type = 'drive'
            """))
        // As of run 1, the views read the past.
        #expect(try count("SELECT COUNT(*) FROM current_servers", asOf: "1") == count("SELECT COUNT(*) FROM servers", asOf: "1"))
        #expect(try count("SELECT COUNT(*) FROM current_servers", asOf: "1") != count("SELECT COUNT(*) FROM current_servers"))
        #expect(try count("SELECT group_concat(id) FROM (SELECT id FROM current_drives ORDER BY account, id)", asOf: "2")
                == count("SELECT group_concat(id) FROM (SELECT id FROM drives ORDER BY account, id)", asOf: "2"))
    }

    @Test("--as-of takes times and ages too, and refuses a time before the first sync")
    func asOfForms() async throws {
        let fixture = try await Self.fixture.value
        let finished = try ReadOnlyInventory(path: fixture.databasePath).execute("SELECT finished_at FROM sync_runs WHERE id = 2")
        let time = ResultFormat.plain(try #require(finished.rows.first?.first))
        #expect(try ReadOnlyInventory(path: fixture.databasePath, asOf: time).asOfRun == 2)
        #expect(try ReadOnlyInventory(path: fixture.databasePath, asOf: "#1").asOfRun == 1)
        #expect(try ReadOnlyInventory(path: fixture.databasePath, asOf: "0m").asOfRun == 3)
        #expect(throws: QueryError.self) { try ReadOnlyInventory(path: fixture.databasePath, asOf: "2001-01-01") }
        #expect(throws: QueryError.self) { try ReadOnlyInventory(path: fixture.databasePath, asOf: "9") }
        #expect(throws: QueryError.self) { try ReadOnlyInventory(path: fixture.databasePath, asOf: "yesterday") }
    }
}
