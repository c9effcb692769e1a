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

/// The kinds of resource listing a scope reads. Several listings may feed one
/// table: Scaleway's Instance volumes and Block Storage volumes are both `drives`.
public enum ResourceKind: String, Sendable, Codable, CaseIterable {
    case servers
    /// CloudSigma drives, Scaleway Instance volumes.
    case drives
    /// Scaleway Block Storage volumes (`/block/v1/zones/{zone}/volumes`).
    case blockVolumes = "block_volumes"
    /// IP addresses the account holds (Scaleway's flexible IPs, CloudSigma's IPs).
    case ips
    /// Scaleway Instance security groups, with the servers in each.
    case securityGroups = "security_groups"
    /// Snapshots: Scaleway Instance snapshots (of Instance volumes), CloudSigma drive snapshots.
    case snapshots
    /// Scaleway Block Storage snapshots (of Block volumes).
    case blockSnapshots = "block_snapshots"
    /// Networks servers join: CloudSigma VLANs.
    case vlans

    /// The provider's word for this listing, as configuration (`kinds:`), messages, `sync_scopes.kind`
    /// and the resource rows' `listing` write it; the kind's own name where the provider has no such listing.
    public func listingName(for provider: Provider) -> String {
        ListingDeclaration.of(self, on: provider)?.name ?? rawValue
    }

    /// The kind `provider` lists under `name` (`servers`, `volumes`, `block_volumes`, `drives`), or nil.
    public static func named(_ name: String, for provider: Provider) -> ResourceKind? {
        provider.resourceKinds.first { $0.listingName(for: provider) == name.lowercased() }
    }
}
