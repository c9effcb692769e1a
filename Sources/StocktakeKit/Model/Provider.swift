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

    /// The kinds of resource listing the provider has, in sync order: every
    /// kind that has a `ListingDeclaration` for it.
    public var resourceKinds: [ResourceKind] {
        ResourceKind.allCases.filter { ListingDeclaration.of($0, on: self) != nil }
    }
}
