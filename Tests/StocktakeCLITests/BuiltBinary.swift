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
final class SpawnedProcess: @unchecked Sendable {
    // @unchecked: the Process is only touched from the test that owns this object;
    // `exited` is written once by the termination handler before anyone reads it.
    let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private let exited: AsyncStream<Int32>
    private let exitedContinuation: AsyncStream<Int32>.Continuation

    /// Runs the built `stocktake` (or `executable`, e.g. a wrapper that runs it as another user).
    init(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, executable: String? = nil) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)")
        outputURL = base.appendingPathExtension("out")
        errorURL = base.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        (exited, exitedContinuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.executableURL = try executable.map { URL(fileURLWithPath: $0) } ?? BuiltBinary.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let continuation = exitedContinuation
        process.terminationHandler = { continuation.yield($0.terminationStatus) }
        try ProcessLauncher.run(process)
    }

    deinit {
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
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

    /// Waits for the process to end.
    func finish() async -> (status: Int32, stdout: String, stderr: String) {
        var iterator = exited.makeAsyncIterator()
        let status = await iterator.next() ?? -1
        return (status, standardOutput, standardError)
    }

    /// Sends `signal` and waits for the process to end; returns its status
    /// (the signal number when the signal killed it).
    func stop(signal: Int32) async -> Int32 {
        kill(process.processIdentifier, signal)
        return await finish().status
    }
}
