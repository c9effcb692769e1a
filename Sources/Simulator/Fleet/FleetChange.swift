/// One resource that an epoch (or a between-pages fault) created, deleted or changed.
public struct FleetChange: Codable, Sendable, Equatable, Hashable {
    /// What happened to the resource.
    public enum Action: String, Codable, Sendable {
        case created, deleted, updated
    }

    public var epoch: Int
    /// A `SimulatedProvider`'s raw value: `scaleway` or `cloudsigma`.
    public var provider: String
    /// The zone (Scaleway) or location (CloudSigma).
    public var scope: String
    /// The changed object's word, a `SimulatedListing.changeWord` (`server`, `volume`, `block_snapshot`, `vlan`, ...).
    public var resource: String
    public var id: String
    public var action: Action
    /// Wire field names that changed, sorted; empty for created and deleted.
    public var fields: [String]
}
