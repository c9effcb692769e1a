/// A cloud provider Stocktake can inventory.
public enum Provider: String, Sendable, Codable, CaseIterable {
    case scaleway
    case cloudsigma

    /// The provider's name as people write it.
    public var displayName: String {
        switch self {
        case .scaleway: return "Scaleway"
        case .cloudsigma: return "CloudSigma"
        }
    }

    /// The member that holds an object's id in the provider's listings.
    public var idKey: String {
        switch self {
        case .scaleway: return "id"
        case .cloudsigma: return "uuid"
        }
    }

    /// What the provider calls a drive: Scaleway has volumes, CloudSigma drives.
    public var driveNoun: String {
        switch self {
        case .scaleway: return "volumes"
        case .cloudsigma: return "drives"
        }
    }
}

/// The two kinds of resource listing a scope reads.
public enum ResourceKind: String, Sendable, Codable, CaseIterable {
    case servers
    case drives

    /// The provider's word for this listing, as configuration (`kinds:`) and messages write it.
    public func listingName(for provider: Provider) -> String {
        switch self {
        case .servers: return "servers"
        case .drives: return provider.driveNoun
        }
    }

    /// The kind `provider` calls `name` (`servers`, `volumes`, `drives`), or nil.
    public static func named(_ name: String, for provider: Provider) -> ResourceKind? {
        allCases.first { $0.listingName(for: provider) == name.lowercased() }
    }
}
