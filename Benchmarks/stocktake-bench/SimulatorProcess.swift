import AsyncHTTPClient
import Foundation

/// `stocktake simulate` run as a separate process, so that the client is measured, not the server.
final class SimulatorProcess {
    let process = Process()
    let baseURL: String

    init(binary: String, servers: Int, drives: Int, zones: [String]) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["simulate", "--servers", String(servers), "--drives", String(drives),
                             "--zones", zones.joined(separator: ","), "--seed", "7"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let value = byte.first else { throw BenchError("the simulator exited before listening") }
            if value == UInt8(ascii: "\n") { break }
            line.append(value)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on ") else { throw BenchError("unexpected simulator output: \(text)") }
        baseURL = String(text.dropFirst("listening on ".count))
    }

    /// Moves the simulated fleet one epoch on through the admin API.
    func advanceEpoch(churn: Double) async throws {
        var request = HTTPClientRequest(url: "\(baseURL)/_simulator/epoch?churn=\(churn)")
        request.method = .POST
        let response = try await HTTPClient.shared.execute(request, timeout: .minutes(10))
        _ = try await response.body.collect(upTo: 1 << 30)
        guard response.status == .ok else { throw BenchError("epoch failed: HTTP \(response.status.code)") }
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
