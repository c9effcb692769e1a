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
    /// Networks servers join: Scaleway VPC private networks (regional).
    case privateNetworks = "private_networks"
    /// Scaleway's Instance price list per zone (`products/servers`).
    case serverTypes = "server_types"
    /// Scaleway's public product catalog of Instances per zone.
    case catalog
    /// The prices no Scaleway listing gives (volumes, snapshots, IPs): Stocktake's table and `prices:`.
    case priceTable = "price_table"
    /// CloudSigma's price list (`pricing/`).
    case pricing
    /// CloudSigma's account currency (`balance/`).
    case balance
    /// CloudSigma's subscriptions, use and burst per resource (`currentusage/`).
    case usage
    /// CloudSigma's subscriptions, one by one (`subscriptions/`).
    case subscriptions

    /// The provider's word for this listing, as configuration (`kinds:`), messages, `sync_scopes.kind`
    /// and the resource rows' `listing` write it; the kind's own name where the provider has no such listing.
    public func listingName(for provider: Provider) -> String {
        ListingDeclaration.of(self, on: provider)?.name ?? rawValue
    }

    /// The kind `provider` lists under `name` (`servers`, `volumes`, `block_volumes`, `drives`), or nil.
    public static func named(_ name: String, for provider: Provider) -> ResourceKind? {
        provider.resourceKinds.first { $0.listingName(for: provider) == name.lowercased() }
    }

    /// The kind's declaration.
    var declaration: KindDeclaration {
        switch self {
        case .servers: return .servers
        case .drives: return .drives
        case .blockVolumes: return .blockVolumes
        case .ips: return .ips
        case .securityGroups: return .securityGroups
        case .snapshots: return .snapshots
        case .blockSnapshots: return .blockSnapshots
        case .vlans: return .vlans
        case .privateNetworks: return .privateNetworks
        case .serverTypes: return .serverTypes
        case .catalog: return .catalog
        case .priceTable: return .priceTable
        case .pricing: return .pricing
        case .balance: return .balance
        case .usage: return .usage
        case .subscriptions: return .subscriptions
        }
    }
}
