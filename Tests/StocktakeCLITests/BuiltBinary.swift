import Foundation
import Reliability

/// The `stocktake` executable that `swift build` / `swift test` put beside the tests.
enum BuiltBinary {
    static var url: URL {
        get throws {
            let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let candidates = [
                beside.appendingPathComponent("stocktake"),
                beside.deletingLastPathComponent().appendingPathComponent("stocktake"),
                packageRoot.appendingPathComponent(".build/debug/stocktake"),
            ]
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
            }
            return found
        }
    }
}

/// A spawned `stocktake` process. Its output goes to files, so waiting for it
/// never blocks a thread that an in-process simulator needs.
final class SpawnedProcess: Sendable {
    let child: SpawnedChild
    private let outputURL: URL
    private let errorURL: URL
    private let inputURL: URL?

    /// Runs the built `stocktake` (or `executable`, e.g. a wrapper that runs it as another user).
    init(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, executable: String? = nil) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)")
        outputURL = base.appendingPathExtension("out")
        errorURL = base.appendingPathExtension("err")
        if let stdin {
            let input = base.appendingPathExtension("in")
            try Data(stdin.utf8).write(to: input)
            inputURL = input
        } else {
            inputURL = nil
        }
        child = try SpawnedChild(
            try executable ?? BuiltBinary.url.path, arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            stdin: inputURL?.path, stdout: outputURL.path, stderr: errorURL.path)
    }

    deinit {
        for url in [outputURL, errorURL] + [inputURL].compactMap({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }

    var standardOutput: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }

    /// The first line the process writes to stdout (waits up to 60 s for it).
    func firstLine() async throws -> String {
        for _ in 0..<600 {
            if let line = standardOutput.split(separator: "\n", omittingEmptySubsequences: false).first,
               standardOutput.contains("\n") {
                return String(line)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return ""
    }

    /// Waits until `condition` holds, checking every 20 ms, for up to `seconds`; true when it came.
    static func eventually(seconds: Double = 60, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    /// Waits for the process to end: its exit code (or the signal that ended it) and its output.
    func finish() async -> (status: Int32, stdout: String, stderr: String) {
        let status = await child.wait()
        return (status, standardOutput, standardError)
    }

    /// Sends `signal` and waits for the process to end; returns its status
    /// (the signal number when the signal killed it).
    func stop(signal: Int32) async -> Int32 {
        child.signal(signal)
        return await finish().status
    }
}
