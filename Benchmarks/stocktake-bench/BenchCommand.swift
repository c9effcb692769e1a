import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake-bench`: how fast and how reliable the sync is.
@main
struct BenchRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stocktake-bench",
        abstract: "Measure Stocktake: speed (the default) and reliability under faults, kills and lying listings.",
        subcommands: [BenchCommand.self, ReliabilityCommand.self],
        defaultSubcommand: BenchCommand.self
    )
}

/// `stocktake-bench speed`: how fast sync and queries are, and how time and memory grow with the fleet.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speed",
        abstract: "Measure sync, queries and export against a simulator in a separate process, beside the transfer and write limits."
    )

    @Option(help: "Fleet sizes in resources (servers : drives and volumes = 1 : 2), comma-separated.")
    var sizes = "10000,100000,1000000"

    @Option(help: "Runs of each measurement; figures are medians.")
    var runs = 3

    @Option(help: "Requests in flight per account, for the sync and the transfer limit.")
    var concurrency = 8

    @Option(help: "Objects per page, for the sync and the transfer limit.")
    var pageSize = 100

    @Option(help: "Runs the database holds when the report is measured (more 1% churn syncs are made up to it).")
    var reportRuns = 20

    @Option(help: "Write the results as JSON to this file too.")
    var json: String?

    @Option(help: "The stocktake binary (default: the one built beside this benchmark).")
    var binary: String?

    @Option(help: "Where databases and exports go (default: a new temporary directory).")
    var workDir: String?

    @Option(help: "A PostgreSQL URL: measure that store (a database of its own on its server, dropped at the end) instead of a SQLite file.")
    var store: String?

    func run() async throws {
        let binary = try stocktakeBinary(self.binary)
        let sizes = try self.sizes.split(separator: ",").map { text -> Int in
            guard let size = Int(text.trimmingCharacters(in: .whitespaces)), size >= 30 else {
                throw ValidationError("--sizes takes whole numbers of at least 30, e.g. 10000,100000")
            }
            return size
        }
        let directory = workDir.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var results: [SizeResult] = []
        for size in sizes {
            let bench = SizeBench(size: size, runs: max(1, runs), reportRuns: reportRuns, concurrency: concurrency, pageSize: pageSize,
                                  binary: binary, directory: directory.appendingPathComponent("\(size)"), store: store)
            let result = try await bench.measure()
            results.append(result)
            FileHandle.standardError.write(Data("size \(size): done\n".utf8))
            // What is measured so far, so that a later size that fails (or is stopped) loses only itself.
            try save(BenchReport(runs: runs, concurrency: concurrency, pageSize: pageSize,
                                 cores: ProcessInfo.processInfo.activeProcessorCount, sizes: results))
        }
        let report = BenchReport(runs: runs, concurrency: concurrency, pageSize: pageSize, cores: ProcessInfo.processInfo.activeProcessorCount,
                                 sizes: results)
        print(report.markdown)
    }

    /// Writes the report as JSON to `--json`, and its markdown beside it (`.md`).
    private func save(_ report: BenchReport) throws {
        guard let json else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: URL(fileURLWithPath: json))
        try Data(report.markdown.utf8).write(to: URL(fileURLWithPath: json).deletingPathExtension().appendingPathExtension("md"))
    }
}

/// The `stocktake` binary: `explicit`, or the one built beside this benchmark.
func stocktakeBinary(_ explicit: String?) throws -> String {
    let binary = explicit ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("stocktake").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        throw ValidationError("no stocktake binary at \(binary); build it (swift build -c release) or pass --binary")
    }
    return binary
}
