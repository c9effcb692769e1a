/// One listing that is read and applied as a unit: (account, zone or location, kind).
public struct SyncScope: Sendable, Hashable, Codable, CustomStringConvertible {
    public var account: String
    public var provider: Provider
    /// The Scaleway zone or the CloudSigma location.
    public var zone: String
    public var kind: ResourceKind

    public init(account: String, provider: Provider, zone: String, kind: ResourceKind) {
        self.account = account
        self.provider = provider
        self.zone = zone
        self.kind = kind
    }

    /// The provider's word for the listing: servers, volumes or drives.
    public var listingName: String {
        kind.listingName(for: provider)
    }

    public var description: String {
        "\(account) \(zone) \(listingName)"
    }
}
