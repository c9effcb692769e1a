import Foundation
import Simulator
import StocktakeKit

/// Soak: sync cycles under random faults of every kind the simulator has, with
/// epochs between; after each, nothing wrongly deleted, the file intact, and a
/// settling sync equal to the ground truth.
public struct SoakRun: Sendable {
    public var bounds: RunBounds

    public init(_ bounds: RunBounds) {
        self.bounds = bounds
    }

    public func run(_ harness: ReliabilityHarness) async throws -> ReliabilityTally {
        var tally = try await harness.start()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        while tally.cycles < bounds.count, ContinuousClock.now < deadline {
            if random.chance(0.7) { try harness.simulator.advanceEpoch(churn: Double(random.below(8) + 1) / 100) }
            for _ in 0..<(random.below(6) + 1) { try harness.simulator.addFault(Self.fault(&random, zones: harness.configuration.accounts[0].zones)) }
            let report = try await harness.sync()
            tally.cycles += 1
            try await harness.check(after: report, label: "soak cycle \(tally.cycles)", into: &tally)
        }
        tally.faultsByKind = harness.simulator.stats().faultsByKind
        return tally
    }

    /// A random fault: any kind, on any listing, for a few requests or a fraction of them.
    static func fault(_ random: inout SplitMix64, zones: [String]) -> FaultRule {
        let kinds: [FaultRule.Kind] = [.rateLimit, .serverError, .concurrency, .delay, .truncatedBody, .dropConnection,
                                        .createBetweenPages, .deleteBetweenPages]
        let kind = random.pick(kinds)
        let provider: SimulatedProvider? = kind == .concurrency
            ? .cloudsigma : random.pick(SimulatedProvider.allCases.map(Optional.some) + [nil])
        let resource = provider.flatMap { random.pick(SimulatedListing.of($0).map { Optional.some($0.resource) } + [nil]) }
        var rule = FaultRule(kind, provider: provider?.rawValue, resource: resource,
                             zone: provider?.zone(&random, zones: zones, anyZone: 0.5))
        if random.chance(0.6) { rule.count = random.below(3) + 1 } else { rule.fraction = Double(random.below(30) + 5) / 100 }
        switch kind {
        case .rateLimit: rule.retryAfter = random.chance(0.5) ? random.below(2) : nil
        case .serverError: rule.status = random.pick([500, 502, 503, 504])
        case .delay: rule.delayMilliseconds = random.below(250) + 20
        default: break
        }
        return rule
    }
}
