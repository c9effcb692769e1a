import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Simulator

/// A plain HTTP client for the tests: real requests over loopback, JSON parsed
/// with Foundation so the simulator's own encoder is not trusted.
struct LoopbackClient {
    let baseURL: String
    var scalewayToken: String? = SimulatorCredentials.default.scalewaySecretKey
    var cloudSigmaUser: (String, String)? = (SimulatorCredentials.default.cloudSigmaUsername,
                                              SimulatorCredentials.default.cloudSigmaPassword)

    struct Fetched {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        }

        func object() throws -> [String: Any] {
            guard let object = try json() as? [String: Any] else { throw TestFailure("expected a JSON object") }
            return object
        }

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    func get(_ path: String, method: HTTPMethod = .GET, body: String? = nil) async throws -> Fetched {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if ["/instance/", "/block/", "/vpc/"].contains(where: path.hasPrefix), let scalewayToken {
            request.headers.add(name: "X-Auth-Token", value: scalewayToken)
        }
        if path.hasPrefix("/api/"), let cloudSigmaUser {
            let token = Data("\(cloudSigmaUser.0):\(cloudSigmaUser.1)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(token)")
        }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 512 << 20)
        return Fetched(status: Int(response.status.code), headers: response.headers, body: Array(buffer.readableBytesView))
    }

    /// Every object of a Scaleway listing, page by page.
    func scalewayAll(_ zone: String, _ resource: String, perPage: Int = 100) async throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        var page = 1
        while true {
            let fetched = try await get("/instance/v1/zones/\(zone)/\(resource)?page=\(page)&per_page=\(perPage)")
            guard fetched.status == 200 else { throw TestFailure("status \(fetched.status) for page \(page)") }
            let items = try fetched.object()[resource] as? [[String: Any]] ?? []
            objects += items
            if items.count < perPage { return objects }
            page += 1
        }
    }

    /// Every Block Storage volume of a zone, paged with `page_size` until `total_count` is reached.
    func blockVolumesAll(_ zone: String, resource: String = "volumes", pageSize: Int = 100) async throws -> [[String: Any]] {
        var objects: [[String: Any]] = []
        var page = 1
        while true {
            let fetched = try await get("/block/v1/zones/\(zone)/\(resource)?page=\(page)&page_size=\(pageSize)")
            guard fetched.status == 200 else { throw TestFailure("status \(fetched.status) for page \(page)") }
            let body = try fetched.object()
            objects += body[resource] as? [[String: Any]] ?? []
            guard let total = body["total_count"] as? Int else { throw TestFailure("no total_count") }
            if objects.count >= total || (body[resource] as? [Any])?.isEmpty != false { return objects }
            page += 1
        }
    }

    /// Every object of a CloudSigma listing in one `limit=0` request.
    func cloudSigmaAll(_ resource: String) async throws -> [[String: Any]] {
        let fetched = try await get("/api/2.0/\(resource)/detail/?limit=0")
        guard fetched.status == 200 else { throw TestFailure("status \(fetched.status)") }
        return try fetched.object()["objects"] as? [[String: Any]] ?? []
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` against a fresh simulator served on loopback.
func withSimulator<Result: Sendable>(
    _ configuration: FleetConfiguration = FleetConfiguration(seed: 7, servers: 60, drives: 120),
    _ body: @Sendable (FleetSimulator, LoopbackClient) async throws -> Result
) async throws -> Result {
    let simulator = try FleetSimulator(configuration: configuration)
    return try await SimulatorServer.withRunning(simulator) { baseURL in
        try await body(simulator, LoopbackClient(baseURL: baseURL))
    }
}
