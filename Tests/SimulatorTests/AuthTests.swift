import Foundation
import Simulator
import Testing

@Suite("Authentication")
struct AuthTests {
    @Test("Scaleway: a wrong or missing X-Auth-Token gets the real 401 body")
    func scalewayAuth() async throws {
        try await withSimulator { _, client in
            var wrong = client
            wrong.scalewayToken = "22222222-2222-4222-8222-222222222222"
            let denied = try await wrong.get("/instance/v1/zones/fr-par-1/servers")
            #expect(denied.status == 401)
            let body = try denied.object()
            #expect(body["type"] as? String == "denied_authentication")
            #expect(body["message"] as? String == "authentication is denied")

            var missing = client
            missing.scalewayToken = nil
            #expect(try await missing.get("/instance/v1/zones/fr-par-1/volumes").status == 401)
            #expect(try await client.get("/instance/v1/zones/fr-par-1/volumes").status == 200)
        }
    }

    @Test("CloudSigma: wrong Basic credentials get a 401 with the error list")
    func cloudSigmaAuth() async throws {
        try await withSimulator { _, client in
            var wrong = client
            wrong.cloudSigmaUser = ("cs@example.com", "not-the-password")
            let denied = try await wrong.get("/api/2.0/servers/detail/")
            #expect(denied.status == 401)
            let errors = try #require(try denied.json() as? [[String: Any]])
            #expect(errors.first?["error_type"] as? String == "permission")

            var missing = client
            missing.cloudSigmaUser = nil
            #expect(try await missing.get("/api/2.0/drives/detail/").status == 401)
        }
    }

    @Test("Credentials given to the simulator replace the defaults")
    func customCredentials() async throws {
        let credentials = SimulatorCredentials(
            scalewaySecretKey: "33333333-3333-4333-8333-333333333333", cloudSigmaUsername: "ops@example.org",
            cloudSigmaPassword: "s3cret")
        let simulator = try FleetSimulator(configuration: FleetConfiguration(servers: 4, drives: 4), credentials: credentials)
        try await SimulatorServer.withRunning(simulator) { (baseURL: String) async throws -> Void in
            var client = LoopbackClient(baseURL: baseURL)
            #expect(try await client.get("/instance/v1/zones/fr-par-1/servers").status == 401)
            client.scalewayToken = credentials.scalewaySecretKey
            client.cloudSigmaUser = ("ops@example.org", "s3cret")
            #expect(try await client.get("/instance/v1/zones/fr-par-1/servers").status == 200)
            #expect(try await client.get("/api/2.0/servers/detail/").status == 200)
        }
    }
}
