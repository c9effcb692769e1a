/// A cloud provider Stocktake can inventory.
public enum Provider: String, Sendable, Codable, CaseIterable {
    case scaleway
    case cloudsigma

    /// What the provider calls a drive: Scaleway has volumes, CloudSigma drives.
    public var driveNoun: String {
        self == .scaleway ? "volumes" : "drives"
    }
}

/// The two kinds of resource listing a scope reads.
public enum ResourceKind: String, Sendable, Codable, CaseIterable {
    case servers
    case drives
}
