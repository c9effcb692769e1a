import AsyncHTTPClient
import Foundation
import Simulator
import Testing

@Suite("Faults")
struct FaultTests {
    static let serversPath = "/instance/v1/zones/fr-par-1/servers"

    @Test("429 with Retry-After and a body; 429 without either")
    func rateLimit() async throws {
        try await withSimulator { sim, client in
            try sim.addFault(FaultRule(.rateLimit, provider: "scaleway", count: 1, retryAfter: 3))
            let limited = try await client.get(Self.serversPath)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "3")
            #expect(try limited.object()["type"] as? String == "too_many_requests")

            try sim.addFault(FaultRule(.rateLimit, provider: "cloudsigma", count: 1))
            let bare = try await client.get("/api/2.0/servers/detail/")
            #expect(bare.status == 429)
            #expect(bare.header("Retry-After") == nil)
            #expect(bare.body.isEmpty)

            #expect(try await client.get(Self.serversPath).status == 200)
            #expect(sim.stats().faultsByKind["rate_limit"] == 2)
        }
    }

    @Test("Server errors with each provider's error body", arguments: [500, 502, 503])
    func serverErrors(status: Int) async throws {
        try await withSimulator { sim, client in
            try sim.addFault(FaultRule(.serverError, count: 2, status: status))
            let scaleway = try await client.get(Self.serversPath)
            #expect(scaleway.status == status)
            #expect(try scaleway.object()["type"] is String)
            let sigma = try await client.get("/api/2.0/drives/detail/")
            #expect(sigma.status == status)
            #expect((try sigma.json() as? [[String: Any]])?.first?["error_type"] as? String == "backend")
            #expect(try await client.get(Self.serversPath).status == 200)
        }
    }

    @Test("CloudSigma's concurrency error")
    func concurrency() async throws {
        try await withSimulator { sim, client in
            try sim.addFault(FaultRule(.concurrency, provider: "cloudsigma", resource: "servers", count: 1))
            let drives = try await client.get("/api/2.0/drives/detail/")
            #expect(drives.status == 200)
            let busy = try await client.get("/api/2.0/servers/detail/")
            #expect(busy.status == 409)
            #expect((try busy.json() as? [[String: Any]])?.first?["error_type"] as? String == "concurrency")
        }
    }

    @Test("A delay still answers the same data")
    func delay() async throws {
        try await withSimulator { sim, client in
            let normal = try await client.get("/instance/v1/zones/nl-ams-1/volumes")
            try sim.addFault(FaultRule(.delay, zone: "nl-ams-1", count: 1, delayMilliseconds: 50))
            let delayed = try await client.get("/instance/v1/zones/nl-ams-1/volumes")
            #expect(delayed.status == 200)
            #expect(delayed.body == normal.body)
            #expect(sim.stats().faultsByKind["delay"] == 1)
        }
    }

    @Test("A truncated body and a dropped connection fail the request on the client side")
    func brokenConnections() async throws {
        try await withSimulator { sim, client in
            try sim.addFault(FaultRule(.truncatedBody, provider: "scaleway", count: 1))
            await #expect(throws: (any Error).self) { try await client.get(Self.serversPath) }
            try sim.addFault(FaultRule(.dropConnection, provider: "cloudsigma", count: 1))
            await #expect(throws: (any Error).self) { try await client.get("/api/2.0/servers/detail/") }
            #expect(try await client.get(Self.serversPath).status == 200)
            #expect(try await client.get("/api/2.0/servers/detail/").status == 200)
        }
    }

    @Test("An object created between two pages repeats one object on the next page")
    func createdBetweenPages() async throws {
        try await withSimulator(FleetConfiguration(seed: 11, servers: 40, drives: 10)) { sim, client in
            try sim.addFault(FaultRule(.createBetweenPages, provider: "cloudsigma", resource: "servers", count: 1))
            let first = try await client.get("/api/2.0/servers/detail/?limit=10&offset=0")
            let second = try await client.get("/api/2.0/servers/detail/?limit=10&offset=10")
            let firstIDs = try (first.object()["objects"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
            let secondIDs = try (second.object()["objects"] as? [[String: Any]] ?? []).compactMap { $0["uuid"] as? String }
            #expect(secondIDs.first == firstIDs.last)
            #expect((try second.object()["meta"] as? [String: Any])?["total_count"] as? Int == 21)
            // The new server (a new server may bring its own new IP, recorded as a created IP).
            let created = sim.groundTruth().changes.filter { $0.action == .created && $0.resource == "server" }
            #expect(created.count == 1)
            #expect(sim.groundTruth().cloudSigmaServers.first?.uuid == created.first?.id)
        }
    }

    @Test("An object deleted between two pages makes the next page skip one object")
    func deletedBetweenPages() async throws {
        try await withSimulator(FleetConfiguration(seed: 11, servers: 80, drives: 10, zones: ["fr-par-1"])) { sim, client in
            let before = sim.groundTruth().scalewayServers.map(\.id)
            try sim.addFault(FaultRule(.deleteBetweenPages, provider: "scaleway", resource: "servers", count: 1))
            let first = try await client.get(Self.serversPath + "?page=1&per_page=10")
            let second = try await client.get(Self.serversPath + "?page=2&per_page=10")
            let secondIDs = try (second.object()["servers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(first.header("X-Total-Count") == "40")
            #expect(second.header("X-Total-Count") == "39")
            #expect(secondIDs.first == before[11])
            #expect(sim.groundTruth().changes.contains { $0.action == .deleted && $0.id == before[0] })
        }
    }

    @Test("A fraction of requests, drawn from the seed: the same seed fails the same requests")
    func fraction() async throws {
        func statuses() async throws -> [Int] {
            try await withSimulator { sim, client in
                try sim.addFault(FaultRule(.serverError, provider: "scaleway", fraction: 0.5, status: 503))
                var statuses: [Int] = []
                for _ in 0..<30 { statuses.append(try await client.get(Self.serversPath).status) }
                return statuses
            }
        }
        let first = try await statuses()
        #expect(first.contains(503))
        #expect(first.contains(200))
        #expect(try await statuses() == first)
    }

    @Test("Faults are set and cleared over the admin API; a bad rule gets a 400 that says why")
    func adminFaults() async throws {
        try await withSimulator { sim, client in
            let added = try await client.get("/_simulator/faults", method: .POST,
                                             body: #"{"kind":"server_error","status":502,"resource":"volumes","count":1}"#)
            #expect(added.status == 201)
            #expect(sim.faults.count == 1)
            #expect(try await client.get("/instance/v1/zones/fr-par-1/volumes").status == 502)

            let bad = try await client.get("/_simulator/faults", method: .POST, body: #"{"kind":"delay"}"#)
            #expect(bad.status == 400)
            #expect((try bad.object()["error"] as? String)?.contains("delay_ms") == true)

            try sim.addFault(FaultRule(.rateLimit))
            #expect(try await client.get("/_simulator/faults", method: .DELETE).status == 204)
            #expect(sim.faults.isEmpty)
            #expect(try await client.get(Self.serversPath).status == 200)
        }
    }
}
