import Foundation
import Simulator
import StocktakeKit

/// Listing mix: listings that are each valid and consistent, but disagree with each
/// other as real accounts' listings can.
/// - owners: one listing of an account comes from another owner while another of its
///   listings is empty (a key of the wrong organization, which has nothing of that kind);
/// - twice: an object of one listing is also returned by another listing of the same
///   table (another zone's, or Instance vs Block Storage), byte for byte or changed;
/// - move: an object leaves its listing for another one of the same table for one sync
///   (as Scaleway migrates Instance volumes and snapshots to Block Storage), then returns.
/// After each, nothing that exists was marked deleted, the file is intact, and a settling
/// sync equals the ground truth.
public struct ListingMixRun: Sendable {
    public var bounds: RunBounds

    public init(_ bounds: RunBounds) {
        self.bounds = bounds
    }

    /// The disagreements the run serves.
    public enum Mix: String, CaseIterable, Sendable {
        case owners, twice, move
    }

    public func run(_ harness: ReliabilityHarness) async throws -> ReliabilityTally {
        var tally = try await harness.start()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        let zones = harness.configuration.accounts[0].zones
        while tally.mixes < bounds.count, ContinuousClock.now < deadline {
            if random.chance(0.3) { try harness.simulator.advanceEpoch(churn: 0.05) }
            let mix = random.pick(Mix.allCases)
            guard let label = try serve(mix, &random, simulator: harness.simulator, zones: zones) else { continue }
            let report = try await harness.sync()
            tally.mixes += 1
            tally.mixesByKind[mix.rawValue, default: 0] += 1
            tally.movesRecorded += report.scopes.reduce(0) { $0 + $1.counts.moved }
            try await harness.check(after: report, label: label, into: &tally)
        }
        return tally
    }

    /// Adds the faults of one disagreement; nil when the fleet has nothing to serve it with.
    private func serve(_ mix: Mix, _ random: inout SplitMix64, simulator: FleetSimulator, zones: [String]) throws -> String? {
        switch mix {
        case .owners:
            let provider = random.pick(SimulatedProvider.allCases)
            let zone = provider.zone(&random, zones: zones)
            let foreign = random.pick(SimulatedListing.of(provider).filter(\.namesOwner))
            guard !simulator.listedObjects(provider: provider.rawValue, resource: foreign.resource, zone: zone).isEmpty else {
                return nil
            }
            let emptied = random.pick(SimulatedListing.of(provider).filter { $0 != foreign })
            let emptiedZone = provider.zone(&random, zones: zones)
            try simulator.addFault(FaultRule(.lie, provider: provider.rawValue, resource: foreign.resource, zone: zone,
                                             lie: .otherOwner, value: "99999999-9999-4999-8999-999999999999"))
            try simulator.addFault(FaultRule(.lie, provider: provider.rawValue, resource: emptied.resource, zone: emptiedZone,
                                             lie: .empty))
            return "owners: \(provider.rawValue) \(foreign.resource) \(zone ?? "") from another owner, "
                + "\(emptied.resource) \(emptiedZone ?? "") empty"
        case .twice, .move:
            guard let (from, to) = pair(&random, zones: zones) else { return nil }
            let objects = simulator.listedObjects(provider: "scaleway", resource: from.resource, zone: from.zone)
            guard !objects.isEmpty else { return nil }
            let object = random.pick(objects)
            let changed = random.chance(0.5)
            let json = changed ? Self.renamed(object.json) : object.json
            try simulator.addFault(FaultRule(.lie, provider: "scaleway", resource: to.resource, zone: to.zone, lie: .extraObject,
                                             value: json))
            if mix == .move {
                try simulator.addFault(FaultRule(.lie, provider: "scaleway", resource: from.resource, zone: from.zone,
                                                 lie: .withoutObject, value: object.id))
            }
            return "\(mix.rawValue): \(from.resource) \(from.zone) -> \(to.resource) \(to.zone), \(changed ? "changed" : "byte for byte")"
        }
    }

    /// Two Scaleway listings of one table: the same listing in two zones, or Instance and Block Storage in one.
    private func pair(_ random: inout SplitMix64, zones: [String]) -> ((resource: String, zone: String), (resource: String, zone: String))? {
        let listing = random.pick(SimulatedListing.of(.scaleway))
        let resource = listing.resource
        let zone = random.pick(zones)
        if let sibling = listing.sibling, random.chance(0.5) {
            return ((resource, zone), (sibling.resource, zone))
        }
        guard let other = zones.filter({ $0 != zone }).first else { return nil }
        return ((resource, zone), (resource, other))
    }

    /// The object with its name changed (or, without one, as it is).
    static func renamed(_ json: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let name = object["name"] as? String,
              let data = try? JSONSerialization.data(withJSONObject: { object["name"] = name + "-moved"; return object }()) else {
            return json
        }
        return String(decoding: data, as: UTF8.self)
    }
}
