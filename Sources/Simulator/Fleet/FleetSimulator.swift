import Logging
import Synchronization

/// A simulated pair of cloud accounts, one Scaleway and one CloudSigma: the fleet,
/// its history, the faults to inject, and what has been served.
///
/// It is safe to use from any task; `SimulatorServer` serves it over HTTP, and
/// tests drive it directly (`advanceEpoch`, `addFault`, `groundTruth`).
public final class FleetSimulator: Sendable {
    public let configuration: FleetConfiguration
    public let credentials: SimulatorCredentials
    let logger: Logger
    private let state: Mutex<State>

    struct State: Sendable {
        var fleet: Fleet
        var encoded: EncodedFleet
        var faults: FaultEngine
        var readSequence: UInt64 = 0
        var stats = SimulatorStats()
    }

    /// A page of encoded objects, the listing's total, and the read number for counters.
    struct Page: Sendable {
        var objects: ArraySlice<EncodedObject>
        var total: Int
        var readSequence: UInt64
    }

    /// Generates the fleet (deterministically from `configuration.seed`).
    public init(
        configuration: FleetConfiguration = FleetConfiguration(), credentials: SimulatorCredentials = .default,
        logger: Logger = Logger(label: "stocktake.simulator")
    ) throws(SimulatorError) {
        try configuration.validate()
        self.configuration = configuration
        self.credentials = credentials
        self.logger = logger
        let fleet = FleetGenerator.generate(configuration)
        state = Mutex(State(fleet: fleet, encoded: EncodedFleet(fleet), faults: FaultEngine(seed: configuration.seed)))
    }

    /// Moves the fleet one epoch forward, changing about `churn` x (resources) of it.
    ///
    /// - Parameter churn: the share of the fleet to touch, 0 to 1 (0.01 is one percent).
    /// - Returns: what the epoch changed, one entry per resource.
    @discardableResult
    public func advanceEpoch(churn: Double) throws(SimulatorError) -> [FleetChange] {
        guard (0...1).contains(churn) else {
            throw .invalidConfiguration("churn must be between 0 and 1 (got \(churn))")
        }
        let changes = state.withLock { state in
            let before = state.fleet
            let beforeEncoded = state.encoded
            let changes = FleetEvolver.advance(&state.fleet, churn: churn)
            state.encoded.refresh(state.fleet, touched: Set(changes.map(\.id)))
            // Several operations on one resource can cancel out (stop, then start again):
            // keep only the updates a client can see.
            let visible = changes.filter { change in
                change.action != .updated
                    || Self.visiblyChanged(change, before: before, beforeEncoded: beforeEncoded, after: state)
            }
            state.fleet.replaceChanges(ofEpoch: state.fleet.epoch, with: visible)
            return visible
        }
        logger.debug("advanced the fleet one epoch", metadata: ["churn": "\(churn)", "changes": "\(changes.count)"])
        return changes
    }

    /// The epoch the fleet is at (0 before any `advanceEpoch`).
    public var epoch: Int {
        state.withLock { $0.fleet.epoch }
    }

    /// Every object as of now, and every change so far.
    public func groundTruth() -> GroundTruth {
        state.withLock { GroundTruth($0.fleet) }
    }

    /// Adds a fault rule; it applies from the next request on.
    public func addFault(_ rule: FaultRule) throws(SimulatorError) {
        try rule.validate()
        state.withLock { $0.faults.add(rule) }
    }

    /// Removes every fault rule.
    public func clearFaults() {
        state.withLock { $0.faults.clear() }
    }

    /// The fault rules still active (counts already consumed are gone).
    public var faults: [FaultRule] {
        state.withLock { $0.faults.activeRules }
    }

    /// What has been served so far.
    public func stats() -> SimulatorStats {
        state.withLock { $0.stats }
    }

    /// Whether a resource's listing entry differs, runtime values aside, before and after an epoch.
    private static func visiblyChanged(_ change: FleetChange, before: Fleet, beforeEncoded: EncodedFleet, after: State) -> Bool {
        guard let provider = SimulatedProvider(rawValue: change.provider),
              let listing = SimulatedListing.changed(change.resource, on: provider) else { return true }
        if let changed = listing.recordChanged(change.id, before: before, after: after.fleet) { return changed }
        let key = listing.key(zone: change.scope)
        return beforeEncoded.object(change.id, in: key)?.chunks != after.encoded.object(change.id, in: key)?.chunks
    }

    /// The objects one listing serves now, each with its JSON text as served (fault rules' words:
    /// `provider`, `resource`, and `zone` for Scaleway), for lies that list an object elsewhere too.
    public func listedObjects(provider: String, resource: String, zone: String?) -> [(id: String, json: String)] {
        guard let key = ListingKey.named(provider: provider, resource: resource, zone: zone) else { return [] }
        return state.withLock { state in
            (state.encoded.listings[key] ?? []).map { object in
                var bytes: [UInt8] = []
                object.write(into: &bytes, readSequence: state.readSequence)
                return (object.id, String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    // MARK: Serving

    /// Counts the request, reads a page of a listing, and decides its fault, in one step.
    func servePage(
        _ key: ListingKey, request: APIRequest, offset: Int, limit: Int?
    ) -> (page: Page, fault: FaultRule?) {
        state.withLock { state in
            state.readSequence += 1
            let listing = state.encoded.listings[key] ?? []
            let start = min(offset, listing.count)
            let end = limit.map { min(listing.count, start + $0) } ?? listing.count
            var request = request
            request.hasNextPage = end < listing.count
            let fault = decideFault(for: request, state: &state)
            return (Page(objects: listing[start..<end], total: listing.count, readSequence: state.readSequence), fault)
        }
    }

    /// Counts the request, reads one object, and decides its fault.
    func serveObject(_ id: String, in key: ListingKey, request: APIRequest) -> (EncodedObject?, UInt64, FaultRule?) {
        state.withLock { state in
            state.readSequence += 1
            let fault = decideFault(for: request, state: &state)
            return (state.encoded.object(id, in: key), state.readSequence, fault)
        }
    }

    /// What `body` makes of the fleet as it is now, under the lock.
    func withFleet<T>(_ body: (Fleet) -> T) -> T {
        state.withLock { body($0.fleet) }
    }

    /// Counts a price-list request and decides its fault.
    func decidePriceFault(_ request: APIRequest) -> FaultRule? {
        state.withLock { state in
            state.readSequence += 1
            return decideFault(for: request, state: &state)
        }
    }

    /// Counts a request that fails before it reaches any data (bad auth, bad parameters).
    func countRejected(_ request: APIRequest) {
        state.withLock { $0.stats.count(request) }
    }

    private func decideFault(for request: APIRequest, state: inout State) -> FaultRule? {
        state.stats.count(request)
        let fault = state.faults.fault(for: request)
        if let fault {
            state.stats.count(fault)
            logger.debug("injecting fault", metadata: ["kind": "\(fault.kind.rawValue)", "resource": "\(request.resource)"])
        }
        return fault
    }

    /// Creates or deletes the object at the head of a listing, as another client would between two pages.
    func mutateBetweenPages(_ kind: FaultRule.Kind, listing key: ListingKey) {
        state.withLock { state in
            var recorder = ChangeRecorder(epoch: state.fleet.epoch)
            BetweenPagesMutation.apply(kind, listing: key, fleet: &state.fleet, recorder: &recorder)
            state.fleet.commit(recorder)
            state.encoded.refresh(state.fleet, touched: recorder.touchedIDs)
        }
    }
}
