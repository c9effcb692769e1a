import Foundation
import Simulator
import StocktakeKit

/// Readers: `stocktake sync` processes started at the same moment as reader processes
/// (`query unmounted-drives`, `report`, `check`, as other cron lines of the same minute
/// would run them). No sync may fail and no reader may fail because of the other side,
/// and each sync must leave the inventory equal to the ground truth.
public struct ReadersRun: Sendable {
    public var bounds: RunBounds
    /// The `stocktake` binary.
    public var binary: String
    /// Reader processes started with each sync.
    public var readers: Int

    public init(_ bounds: RunBounds, binary: String, readers: Int = 10) {
        self.bounds = bounds
        self.binary = binary
        self.readers = readers
    }

    static let commands: [[String]] = [["query", "unmounted-drives", "--format", "csv"], ["check"], ["status"],
                                       ["sql", "SELECT COUNT(*) FROM drives", "--format", "csv"]]

    public func run(_ harness: ReliabilityHarness) async throws -> ReliabilityTally {
        var tally = ReliabilityTally()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        let config = try harness.writeConfiguration()
        let environment = ProcessInfo.processInfo.environment
        let first = try await SpawnedChild(binary, ["sync", "--config", config, "--db", harness.databasePath],
                                           environment: environment).wait()
        tally.syncs += 1
        guard first == 0 else {
            tally.problems.append("readers: the first sync failed (exit \(first))")
            return tally
        }
        while tally.readerCycles < bounds.count, ContinuousClock.now < deadline {
            try harness.simulator.advanceEpoch(churn: 0.2)
            let errors = harness.directory + "/reader-\(tally.readerCycles)"
            let readerCommands = (0..<readers).map { _ in random.pick(Self.commands) }
            var children: [(SpawnedChild, String)] = []
            for (index, command) in readerCommands.enumerated() {
                let arguments = command + ["--db", harness.databasePath]
                children.append((try SpawnedChild(binary, arguments, environment: environment, stderr: "\(errors)-\(index).err"),
                                 command.prefix(2).joined(separator: " ")))
            }
            let sync = try SpawnedChild(binary, ["sync", "--config", config, "--db", harness.databasePath, "--quiet"],
                                        environment: environment, stderr: errors + "-sync.err")
            let syncStatus = await sync.wait()
            tally.readerCycles += 1
            tally.syncs += 1
            if syncStatus != 0 {
                let said = (try? String(contentsOfFile: errors + "-sync.err", encoding: .utf8)) ?? ""
                tally.problems.append("readers cycle \(tally.readerCycles): the sync exited \(syncStatus): \(said.prefix(300))")
            }
            for (child, command) in children {
                let status = await child.wait()
                tally.readersRun += 1
                // `check` exits 3 when a problem query has rows: that is an answer, not a failure.
                if status != 0, !(command == "check" && status == 3) {
                    tally.problems.append("readers cycle \(tally.readerCycles): `\(command)` exited \(status)")
                }
            }
            let wrong = try harness.inventory().differences(from: ExpectedInventory(harness.simulator.groundTruth()))
            tally.wrongRows += wrong
            if wrong > 0 { tally.problems.append("readers cycle \(tally.readerCycles): \(wrong) rows differ from the truth") }
        }
        return tally
    }
}
