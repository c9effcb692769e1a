import AsyncHTTPClient
import Foundation
import Testing

@Suite("stocktake simulate")
struct SimulateCommandTests {
    @Test("Prints exactly `listening on http://127.0.0.1:PORT` first, serves, and exits 0 on the signal",
          arguments: [SIGTERM, SIGINT])
    func servesUntilSignalled(signal: Int32) async throws {
        let process = try SpawnedProcess(["simulate", "--servers", "10", "--drives", "20", "--seed", "3"])
        let line = try await process.firstLine()
        let match = try #require(line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/))
        let port = try #require(Int(match.1))
        #expect(port > 0)

        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/2.0/servers/detail/?limit=0")
        request.headers.add(name: "Authorization", value: "Basic " + Data("cs@example.com:cs-pass".utf8).base64EncodedString())
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 200)
        let body = try await response.body.collect(upTo: 1 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        #expect((object?["meta"] as? [String: Any])?["total_count"] as? Int == 5)

        #expect(await process.stop(signal: signal) == 0)
    }

    @Test("An unknown zone is refused with a message naming it and exit code 64")
    func badZone() async throws {
        let process = try SpawnedProcess(["simulate", "--zones", "fr-par-1,mars-1"])
        let result = await process.finish()
        #expect(result.status == 64)
        #expect(result.stderr.contains("mars-1"))
    }
}
