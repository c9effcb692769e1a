import Foundation
import Simulator
import Testing

@Suite("Paging, as the two APIs page")
struct PagingTests {
    @Test("Scaleway: default page size, last partial page, a page past the end, Link and X-Total-Count")
    func scalewayPaging() async throws {
        try await withSimulator(FleetConfiguration(seed: 3, servers: 250, drives: 10, zones: ["fr-par-1"])) { sim, client in
            let total = sim.groundTruth().scalewayServers.count
            #expect(total == 125)

            let first = try await client.get("/instance/v1/zones/fr-par-1/servers")
            #expect(first.status == 200)
            #expect(first.header("X-Total-Count") == "125")
            #expect((try first.object()["servers"] as? [Any])?.count == 50)
            let link = try #require(first.header("Link"))
            #expect(link.contains("page=2&per_page=50>; rel=\"next\""))
            #expect(link.contains("page=3&per_page=50>; rel=\"last\""))

            let last = try await client.get("/instance/v1/zones/fr-par-1/servers?page=3")
            #expect((try last.object()["servers"] as? [Any])?.count == 25)
            #expect(last.header("Link")?.contains("rel=\"next\"") == false)

            let past = try await client.get("/instance/v1/zones/fr-par-1/servers?page=4")
            #expect(past.status == 200)
            #expect((try past.object()["servers"] as? [Any])?.isEmpty == true)
            #expect(past.header("X-Total-Count") == "125")

            let all = try await client.scalewayAll("fr-par-1", "servers", perPage: 100)
            #expect(all.compactMap { $0["id"] as? String } == sim.groundTruth().scalewayServers.map(\.id))
        }
    }

    @Test("Scaleway VPC: private networks per region, page / page_size, total_count in the body; an unknown region is refused")
    func privateNetworkPaging() async throws {
        try await withSimulator(FleetConfiguration(seed: 3, servers: 20, drives: 10, zones: ["fr-par-1", "fr-par-2", "nl-ams-1"])) { sim, client in
            let truth = sim.groundTruth().scalewayPrivateNetworks
            #expect(Set(truth.map(\.region)) == ["fr-par", "nl-ams"], "one set per region, not per zone")
            for region in ["fr-par", "nl-ams"] {
                let expected = truth.filter { $0.region == region }.map(\.id)
                var ids: [String] = []
                for page in 1...expected.count {
                    let reply = try await client.get("/vpc/v2/regions/\(region)/private-networks?page=\(page)&page_size=1")
                    #expect(reply.status == 200 && reply.header("X-Total-Count") == nil)
                    let body = try reply.object()
                    #expect(body["total_count"] as? Int == expected.count)
                    ids += (body["private_networks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                }
                #expect(ids == expected)
            }
            let unknown = try await client.get("/vpc/v2/regions/mars-1/private-networks")
            #expect(unknown.status == 400)
            let zonal = try await client.get("/vpc/v2/regions/fr-par-1/private-networks")
            #expect(zonal.status == 400, "a zone is not a region")
        }
    }

    @Test("Scaleway: per_page is capped at 100 and page must be positive")
    func scalewayLimits() async throws {
        try await withSimulator { _, client in
            let capped = try await client.get("/instance/v1/zones/fr-par-1/volumes?per_page=100")
            #expect(capped.status == 200)
            let over = try await client.get("/instance/v1/zones/fr-par-1/volumes?per_page=101")
            #expect(over.status == 400)
            #expect(try over.object()["type"] as? String == "invalid_arguments")
            let zero = try await client.get("/instance/v1/zones/fr-par-1/volumes?page=0")
            #expect(zero.status == 400)
        }
    }

    @Test("CloudSigma: default limit 20, offsets, limit=0 for everything, an offset past the end")
    func cloudSigmaPaging() async throws {
        try await withSimulator(FleetConfiguration(seed: 5, servers: 90, drives: 20)) { sim, client in
            let truth = sim.groundTruth()
            #expect(truth.cloudSigmaServers.count == 45)

            let first = try await client.get("/api/2.0/servers/detail/")
            let meta = try #require(try first.object()["meta"] as? [String: Any])
            #expect(meta["limit"] as? Int == 20)
            #expect(meta["offset"] as? Int == 0)
            #expect(meta["total_count"] as? Int == 45)
            #expect((try first.object()["objects"] as? [Any])?.count == 20)

            let tail = try await client.get("/api/2.0/servers/detail/?limit=20&offset=40")
            #expect((try tail.object()["objects"] as? [Any])?.count == 5)

            let past = try await client.get("/api/2.0/servers/detail/?limit=20&offset=60")
            #expect((try past.object()["objects"] as? [Any])?.isEmpty == true)

            let all = try await client.cloudSigmaAll("servers")
            #expect(all.compactMap { $0["uuid"] as? String } == truth.cloudSigmaServers.map(\.uuid))

            let bad = try await client.get("/api/2.0/drives/detail/?limit=-1")
            #expect(bad.status == 400)
            #expect((try bad.json() as? [[String: Any]])?.first?["error_type"] as? String == "validation")
        }
    }

    @Test("CloudSigma: the short listings carry only the summary fields")
    func cloudSigmaSummaries() async throws {
        try await withSimulator { _, client in
            let servers = try await client.get("/api/2.0/servers/?limit=0")
            let server = try #require((try servers.object()["objects"] as? [[String: Any]])?.first)
            #expect(Set(server.keys) == ["name", "owner", "resource_uri", "runtime", "status", "uuid"])
            let drives = try await client.get("/api/2.0/drives/?limit=0")
            let drive = try #require((try drives.object()["objects"] as? [[String: Any]])?.first)
            #expect(Set(drive.keys) == ["owner", "resource_uri", "status", "uuid"])
        }
    }

    @Test("One object by id, and 404 for an unknown id, on both APIs")
    func singleObjects() async throws {
        try await withSimulator { sim, client in
            let truth = sim.groundTruth()
            let server = try #require(truth.scalewayServers.first)
            let fetched = try await client.get("/instance/v1/zones/\(server.zone)/servers/\(server.id)")
            #expect((try fetched.object()["server"] as? [String: Any])?["name"] as? String == server.name)
            let missing = try await client.get("/instance/v1/zones/\(server.zone)/servers/00000000-0000-4000-8000-000000000000")
            #expect(missing.status == 404)
            #expect(try missing.object()["type"] as? String == "not_found")

            let drive = try #require(truth.cloudSigmaDrives.first)
            let sigma = try await client.get("/api/2.0/drives/\(drive.uuid)/")
            #expect(try sigma.object()["name"] as? String == drive.name)
            let gone = try await client.get("/api/2.0/drives/00000000-0000-4000-8000-000000000000/")
            #expect(gone.status == 404)
            #expect((try gone.json() as? [[String: Any]])?.first?["error_type"] as? String == "notexist")
        }
    }

    @Test("Zones: an unknown zone is a 404, a real zone with nothing in it lists empty")
    func zones() async throws {
        try await withSimulator { _, client in
            let unknown = try await client.get("/instance/v1/zones/xx-nowhere-9/servers")
            #expect(unknown.status == 404)
            #expect(try unknown.object()["type"] as? String == "not_found")
            let empty = try await client.get("/instance/v1/zones/pl-waw-3/servers")
            #expect(empty.status == 200)
            #expect(empty.header("X-Total-Count") == "0")
        }
    }
}
