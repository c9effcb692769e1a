import Foundation

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

/// A spawned `stocktake` process whose stdout is read line by line.
final class SpawnedProcess: @unchecked Sendable {
    // @unchecked: the Process and pipes are only touched from the test that owns this object.
    let process = Process()
    private let stdout = Pipe()
    private let stderr = Pipe()

    init(_ arguments: [String]) throws {
        process.executableURL = try BuiltBinary.url
        process.arguments = arguments
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
    }

    /// The first line the process writes to stdout.
    func firstLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            guard let value = byte.first, value != UInt8(ascii: "\n") else { break }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func stop(signal: Int32) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    var standardError: String {
        String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
