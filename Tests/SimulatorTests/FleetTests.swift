import Foundation
import Simulator
import Testing

@Suite("The fleet: determinism, realism, consistency, epochs")
struct FleetTests {
    static let paths = [
        "/instance/v1/zones/fr-par-1/servers?per_page=100", "/instance/v1/zones/nl-ams-1/volumes?per_page=100",
        "/api/2.0/servers/detail/?limit=0", "/api/2.0/drives/detail/?limit=0", "/api/2.0/tags/?limit=0",
    ]

    @Test("The same arguments give byte-identical listings; another seed does not")
    func determinism() async throws {
        func bodies(seed: UInt64) async throws -> [[UInt8]] {
            try await withSimulator(FleetConfiguration(seed: seed, servers: 50, drives: 100)) { _, client in
                var bodies: [[UInt8]] = []
                for path in Self.paths { bodies.append(try await client.get(path).body) }
                return bodies
            }
        }
        let first = try await bodies(seed: 42)
        #expect(try await bodies(seed: 42) == first)
        #expect(try await bodies(seed: 43) != first)
    }

    @Test("Running CloudSigma servers carry runtime counters that change on every read")
    func runtimeCounters() async throws {
        try await withSimulator { sim, client in
            let running = try #require(sim.groundTruth().cloudSigmaServers.first { $0.status == "running" && !$0.nics.isEmpty })
            let first = try await client.get("/api/2.0/servers/\(running.uuid)/").object()
            let second = try await client.get("/api/2.0/servers/\(running.uuid)/").object()
            let firstIO = try #require(((first["runtime"] as? [String: Any])?["nics"] as? [[String: Any]])?.first?["io"] as? [String: Int])
            let secondIO = try #require(((second["runtime"] as? [String: Any])?["nics"] as? [[String: Any]])?.first?["io"] as? [String: Int])
            #expect(firstIO["bytes_recv"] != secondIO["bytes_recv"])
            #expect(first["name"] as? String == second["name"] as? String)

            let stopped = try #require(sim.groundTruth().cloudSigmaServers.first { $0.status == "stopped" })
            let body = try await client.get("/api/2.0/servers/\(stopped.uuid)/").object()
            #expect(body["runtime"] is NSNull)
        }
    }

    @Test("The fleet is mixed: states, NIC counts, attachments, awkward names, secrets present on the wire")
    func realism() async throws {
        let simulator = try FleetSimulator(configuration: FleetConfiguration(seed: 1, servers: 400, drives: 800))
        let truth = simulator.groundTruth()
        let sigma = truth.cloudSigmaServers
        let scaleway = truth.scalewayServers
        #expect(Set(sigma.map(\.status)).isSuperset(of: ["running", "stopped"]))
        #expect(Set(sigma.map(\.status)).count >= 4)
        #expect(Set(scaleway.map(\.state)).count >= 4)
        #expect(sigma.contains { $0.nics.isEmpty } && sigma.contains { $0.nics.count >= 2 })
        #expect(Set(sigma.flatMap(\.nics).map { $0.ipv4Conf ?? "vlan" }) == ["dhcp", "static", "manual", "vlan"])
        #expect(sigma.contains { $0.drives.isEmpty } && scaleway.contains { $0.volumes.isEmpty })
        #expect(sigma.contains { $0.drives.contains { $0.device == "ide" } })
        #expect(sigma.contains { $0.drives.contains { !$0.listed } }, "a library CD-ROM no listing returns")
        #expect(scaleway.contains { $0.volumes.contains { !$0.listed } }, "an sbs_volume no listing returns")
        #expect(scaleway.contains { $0.publicIPs.isEmpty && $0.privateIP == nil && $0.privateNICs.isEmpty })
        let drives = truth.cloudSigmaDrives
        #expect(drives.contains { $0.mountedOn.count > 1 })
        #expect(drives.contains { $0.mountedOn.isEmpty } && drives.contains { $0.media == "cdrom" })
        let names = scaleway.map(\.name) + sigma.map(\.name)
        #expect(names.contains { $0.contains(",") } && names.contains { $0.contains("\"") })
        #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } })
        #expect(names.contains { $0.contains(" ") })
        #expect(sigma.allSatisfy { !$0.vncPassword.isEmpty })
    }

    @Test("Both sides of every attachment agree, over HTTP")
    func attachmentsConsistent() async throws {
        try await withSimulator(FleetConfiguration(seed: 9, servers: 120, drives: 240)) { sim, client in
            #expect(try await Self.expectConsistent(client: client) > 0, "some drives name a server no listing returns")
            try sim.advanceEpoch(churn: 0.1)
            try await Self.expectConsistent(client: client)
        }
    }

    /// Both sides agree for every server the listings return; a drive may also name a server no
    /// listing returns (another account's), as real drives do, and such claims are counted.
    @discardableResult
    static func expectConsistent(client: LoopbackClient) async throws -> Int {
        var foreignClaims = 0
        for zone in ["fr-par-1", "nl-ams-1"] {
            let servers = try await client.scalewayAll(zone, "servers")
            let volumes = try await client.scalewayAll(zone, "volumes")
            var slotsByVolume: [String: String] = [:]
            for server in servers {
                for (_, volume) in server["volumes"] as? [String: [String: Any]] ?? [:]
                where volume["volume_type"] as? String != "sbs_volume" {
                    slotsByVolume[volume["id"] as? String ?? ""] = server["id"] as? String
                }
            }
            let serverIDs = Set(servers.compactMap { $0["id"] as? String })
            var serverByVolume: [String: String] = [:]
            for volume in volumes {
                guard let server = (volume["server"] as? [String: Any])?["id"] as? String else { continue }
                if serverIDs.contains(server) {
                    serverByVolume[volume["id"] as? String ?? ""] = server
                } else {
                    foreignClaims += 1
                }
            }
            #expect(slotsByVolume == serverByVolume)
            // Block Storage: a server's sbs_volume entries and the volumes' references to listed servers agree.
            var stubs = Set<String>()
            for server in servers {
                for (_, volume) in server["volumes"] as? [String: [String: Any]] ?? [:]
                where volume["volume_type"] as? String == "sbs_volume" {
                    stubs.insert("\(volume["id"] as? String ?? "")@\(server["id"] as? String ?? "")")
                }
            }
            var references = Set<String>()
            for volume in try await client.blockVolumesAll(zone) {
                for reference in volume["references"] as? [[String: Any]] ?? [] {
                    guard let server = reference["product_resource_id"] as? String else { continue }
                    if serverIDs.contains(server) {
                        references.insert("\(volume["id"] as? String ?? "")@\(server)")
                    } else {
                        foreignClaims += 1
                    }
                }
            }
            #expect(!stubs.isEmpty && stubs == references)
            // Flexible IPs: an IP naming a server is one of that server's public IPs, and every
            // non-dynamic public IP of a server is an IP of the listing naming it.
            let ipClaims = Set(try await client.scalewayAll(zone, "ips").compactMap { ip -> String? in
                guard let server = (ip["server"] as? [String: Any])?["id"] as? String else { return nil }
                return "\(ip["id"] as? String ?? "")@\(server)"
            })
            let held = Set(servers.flatMap { server in
                (server["public_ips"] as? [[String: Any]] ?? []).filter { $0["dynamic"] as? Bool == false }
                    .map { "\($0["id"] as? String ?? "")@\(server["id"] as? String ?? "")" }
            })
            #expect(!ipClaims.isEmpty && ipClaims == held)
        }
        let servers = try await client.cloudSigmaAll("servers")
        let drives = try await client.cloudSigmaAll("drives")
        let listed = Set(drives.compactMap { $0["uuid"] as? String })
        var fromServers = Set<String>()
        for server in servers {
            for attachment in server["drives"] as? [[String: Any]] ?? [] {
                guard let drive = (attachment["drive"] as? [String: Any])?["uuid"] as? String, listed.contains(drive) else { continue }
                fromServers.insert("\(drive)@\(server["uuid"] as? String ?? "")")
            }
        }
        let serverUUIDs = Set(servers.compactMap { $0["uuid"] as? String })
        var fromDrives = Set<String>()
        for drive in drives {
            let mounted = (drive["mounted_on"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
            for server in mounted {
                if serverUUIDs.contains(server) {
                    fromDrives.insert("\(drive["uuid"] as? String ?? "")@\(server)")
                } else {
                    foreignClaims += 1
                }
            }
            #expect((drive["status"] as? String == "mounted") == !mounted.isEmpty)
        }
        #expect(fromServers == fromDrives)
        return foreignClaims
    }

    @Test("An epoch's reported changes are exactly the objects whose listing entry changed, over HTTP")
    func epochsMatchListings() async throws {
        try await withSimulator(FleetConfiguration(seed: 21, servers: 200, drives: 400)) { sim, client in
            for epoch in 1...3 {
                let before = try await WireSnapshot(client)
                let changes = try sim.advanceEpoch(churn: 0.05)
                let after = try await WireSnapshot(client)
                #expect(sim.epoch == epoch)
                #expect(!changes.isEmpty)
                #expect(changes.allSatisfy { $0.epoch == epoch })
                let created = Set(changes.filter { $0.action == .created }.map(\.id))
                let deleted = Set(changes.filter { $0.action == .deleted }.map(\.id))
                let updated = Set(changes.filter { $0.action == .updated }.map(\.id))
                #expect(created == Set(after.objects.keys).subtracting(before.objects.keys))
                #expect(deleted == Set(before.objects.keys).subtracting(after.objects.keys))
                let differing = Set(after.objects.keys).intersection(before.objects.keys)
                    .filter { before.objects[$0] != after.objects[$0] }
                #expect(updated == differing)
            }
        }
    }

    @Test("Epochs served over HTTP: listings follow the ground truth, and the same seed evolves the same way")
    func epochsOverHTTP() async throws {
        let reports = try await withSimulator(FleetConfiguration(seed: 4, servers: 100, drives: 200)) { sim, client in
            let response = try await client.get("/_simulator/epoch?churn=0.05", method: .POST)
            #expect(response.status == 200)
            let report = try response.object()
            #expect(report["epoch"] as? Int == 1)
            let truth = sim.groundTruth()
            let listed = try await client.cloudSigmaAll("servers")
            #expect(listed.compactMap { $0["uuid"] as? String } == truth.cloudSigmaServers.map(\.uuid))
            #expect(listed.compactMap { $0["name"] as? String } == truth.cloudSigmaServers.map(\.name))
            let zone = try await client.scalewayAll("nl-ams-1", "servers")
            #expect(zone.compactMap { $0["state"] as? String } == truth.scalewayServers.filter { $0.zone == "nl-ams-1" }.map(\.state))
            let served = try await client.get("/_simulator/truth").object()
            #expect((served["cloud_sigma_servers"] as? [Any])?.count == truth.cloudSigmaServers.count)
            return (report["changes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        let again = try FleetSimulator(configuration: FleetConfiguration(seed: 4, servers: 100, drives: 200))
        #expect(try again.advanceEpoch(churn: 0.05).map(\.id) == reports)
    }

    @Test("Bad sizes, zones and churn are refused with a message that names them")
    func validation() throws {
        #expect(throws: SimulatorError.self) { try FleetSimulator(configuration: FleetConfiguration(servers: -1)) }
        do {
            _ = try FleetSimulator(configuration: FleetConfiguration(zones: ["fr-par-9"]))
            Issue.record("an unknown zone was accepted")
        } catch {
            #expect(error.description.contains("fr-par-9"))
        }
        let simulator = try FleetSimulator(configuration: FleetConfiguration(servers: 4, drives: 4))
        #expect(throws: SimulatorError.self) { try simulator.advanceEpoch(churn: 2) }
    }
}

/// Every object of every listing by id, as canonical JSON without `runtime`
/// (traffic counters change on every read).
struct WireSnapshot {
    var objects: [String: String] = [:]

    init(_ client: LoopbackClient) async throws {
        for zone in ["fr-par-1", "nl-ams-1"] {
            for resource in ["servers", "volumes", "ips", "security_groups", "snapshots"] {
                for object in try await client.scalewayAll(zone, resource) { add(object, id: "id") }
            }
            for object in try await client.blockVolumesAll(zone) { add(object, id: "id") }
            for object in try await client.blockVolumesAll(zone, resource: "snapshots") { add(object, id: "id") }
        }
        for resource in ["servers", "drives", "ips", "snapshots", "vlans"] {
            for object in try await client.cloudSigmaAll(resource) { add(object, id: "uuid") }
        }
    }

    private mutating func add(_ object: [String: Any], id: String) {
        guard let key = object[id] as? String else { return }
        let stripped = Self.withoutRuntime(object)
        let data = (try? JSONSerialization.data(withJSONObject: stripped, options: [.sortedKeys])) ?? Data()
        objects[key] = String(decoding: data, as: UTF8.self)
    }

    static func withoutRuntime(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { $0.key != "runtime" }.mapValues(withoutRuntime)
        }
        if let array = value as? [Any] { return array.map(withoutRuntime) }
        return value
    }
}
