import Foundation
import Simulator
import StocktakeKit

/// Mutation: valid listings from the simulator served with one thing wrong
/// (types, nulls, ids, totals, encodings, sizes, invalid JSON); a lie may fail
/// its scope, but never deletes a resource that exists or tears the file.
public struct MutationRun: Sendable {
    public var bounds: RunBounds

    public init(_ bounds: RunBounds) {
        self.bounds = bounds
    }

    /// Raw JSON put where an id or a name belongs: wrong types, empty, huge, badly encoded.
    static let values = [
        #""""#, "42", "-1", "1e400", "true", "false", "null", "{}", "[]", #"{"id": "x"}"#, #"["a"]"#,
        "\"" + String(repeating: "x", count: 300) + "\"", #""\u0000""#, #""\ud800""#, #""\u0007""#, "1.2.3", "1-2", "01",
        #""\x""#, "nul", String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "\"a\" \"b\"",
    ]

    public func run(_ harness: ReliabilityHarness) async throws -> ReliabilityTally {
        var tally = try await harness.start()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        while tally.mutations < bounds.count, ContinuousClock.now < deadline {
            if random.chance(0.3) { try harness.simulator.advanceEpoch(churn: 0.05) }
            let rule = Self.lie(&random, zones: harness.configuration.accounts[0].zones)
            try harness.simulator.addFault(rule)
            let report = try await harness.sync()
            tally.mutations += 1
            tally.mutationsByLie[rule.lie?.rawValue ?? "?", default: 0] += 1
            tally.scopesFailedByLies += report.failed
            let label = "lie \(rule.lie?.rawValue ?? "?") \(rule.value ?? "")\(rule.total.map(String.init) ?? "")"
            try await harness.check(after: report, label: label, into: &tally)
        }
        return tally
    }

    /// A random lie on a random listing, on every page or from a later page on.
    static func lie(_ random: inout SplitMix64, zones: [String]) -> FaultRule {
        // The lies that leave a listing valid and consistent belong to the listing-mix run, which knows what they mean.
        let lie = random.pick(FaultRule.Lie.allCases.filter { ![.otherOwner, .empty, .extraObject, .withoutObject].contains($0) })
        let provider = random.pick(SimulatedProvider.allCases)
        let listing = random.pick(SimulatedListing.of(provider))
        var rule = FaultRule(.lie, provider: provider.rawValue, resource: listing.resource,
                             zone: provider.zone(&random, zones: zones), lie: lie)
        rule.after = random.chance(0.5) ? random.below(3) : nil
        if random.chance(0.3) { rule.count = 1 }
        switch lie {
        case .idValue, .rawName: rule.value = random.pick(values)
        case .total:
            rule.total = random.pick([0, 1, 5, 10, 15, 20, 30, 40, 1_000_000_000_000, Int64.max, -1, Int64.min])
        default: break
        }
        return rule
    }
}
