import Foundation
import Simulator
import StocktakeKit

/// Kill: `stocktake sync` processes killed with SIGKILL at random moments; after
/// each, the file passes its integrity check, every scope is whole (all of the
/// state before the sync or all of the state after it), and the next sync completes.
public struct KillRun: Sendable {
    public var bounds: RunBounds
    /// The `stocktake` binary.
    public var binary: String

    public init(_ bounds: RunBounds, binary: String) {
        self.bounds = bounds
        self.binary = binary
    }

    public func run(_ harness: ReliabilityHarness) async throws -> ReliabilityTally {
        var tally = ReliabilityTally()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        let config = try harness.writeConfiguration()
        // Every request a little slow, so that a sync lasts long enough to be killed anywhere in it.
        try harness.simulator.addFault(FaultRule(.delay, fraction: 0.5, delayMilliseconds: 15))
        let first = try await sync(config, harness: harness, killAfter: nil)
        tally.syncs += 1
        guard first.status == 0 else {
            tally.problems.append("kill: the first sync failed (exit \(first.status))")
            return tally
        }
        let span = max(0.2, first.seconds)
        while tally.kills < bounds.count, ContinuousClock.now < deadline {
            try harness.simulator.advanceEpoch(churn: Double(random.below(10) + 2) / 100)
            let before = try harness.inventory()
            let after = ExpectedInventory(harness.simulator.groundTruth())
            let killAt = span * Double(random.below(95) + 3) / 100
            _ = try await sync(config, harness: harness, killAfter: killAt)
            tally.kills += 1
            tally.syncs += 2
            if try !harness.integrityHolds() {
                tally.integrityFailures += 1
                tally.problems.append("kill \(tally.kills) at \(String(format: "%.2f", killAt)) s: integrity check failed")
            }
            tally.checkWhole(harness.scopes, now: try harness.inventory(), before: before, after: after, label: "kill \(tally.kills)")
            let settled = try await sync(config, harness: harness, killAfter: nil)
            let wrong = try harness.inventory().differences(from: ExpectedInventory(harness.simulator.groundTruth()))
            tally.wrongRows += wrong
            if settled.status != 0 || wrong > 0 {
                tally.problems.append("kill \(tally.kills): the next sync exited \(settled.status) with \(wrong) rows off the truth")
            }
        }
        return tally
    }

    /// Runs `stocktake sync`; with `killAfter`, SIGKILLs it after that many seconds if it still runs.
    private func sync(_ config: String, harness: ReliabilityHarness, killAfter: Double?) async throws -> (status: Int32, seconds: Double) {
        let started = ContinuousClock.now
        let child = try SpawnedChild(binary, ["sync", "--config", config, "--db", harness.databasePath, "--wait", "30"],
                                     environment: ProcessInfo.processInfo.environment)
        let status = await child.wait(killAfter: killAfter)
        return (status, (ContinuousClock.now - started).seconds)
    }
}
