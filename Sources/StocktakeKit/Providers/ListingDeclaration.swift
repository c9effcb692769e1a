/// Where one provider's listing of one resource kind is, how it pages, the
/// member its objects come under and the permission that reads it: the one
/// table a new listing is added to. Reading the pages is its provider's
/// reader's business (`ScalewayListingReader`, `CloudSigmaListingReader`),
/// driven by `paging`.
struct ListingDeclaration: Sendable, Equatable {
    /// How a listing is paged and how it announces its total.
    enum Paging: Sendable, Equatable {
        /// Scaleway Instance: `page` / `per_page`, total in `X-Total-Count`, `Link` header.
        case scalewayHeaders
        /// Scaleway Block Storage: `page` / `page_size`, total in the body's `total_count`, no `Link`.
        case scalewayBody
        /// CloudSigma: `limit` / `offset`, total in `meta.total_count`.
        case cloudSigmaOffset
    }

    /// The path below the account's API root; `{zone}` stands for the scope's zone.
    let path: String
    /// The member of a page that holds the list.
    let envelope: String
    let paging: Paging
    /// What to grant when the provider answers 403: the IAM permission set (Scaleway)
    /// or the right (CloudSigma) that lets a credential read the listing.
    let permission: String

    /// The listing of `kind` on `provider`, or nil when the provider has no such listing.
    static func of(_ kind: ResourceKind, on provider: Provider) -> ListingDeclaration? {
        switch (provider, kind) {
        case (.scaleway, .servers):
            return ListingDeclaration(path: "instance/v1/zones/{zone}/servers", envelope: "servers",
                                      paging: .scalewayHeaders, permission: "InstancesReadOnly")
        case (.scaleway, .drives):
            return ListingDeclaration(path: "instance/v1/zones/{zone}/volumes", envelope: "volumes",
                                      paging: .scalewayHeaders, permission: "InstancesReadOnly")
        case (.scaleway, .blockVolumes):
            return ListingDeclaration(path: "block/v1/zones/{zone}/volumes", envelope: "volumes",
                                      paging: .scalewayBody, permission: "BlockStorageReadOnly")
        case (.scaleway, .ips):
            return ListingDeclaration(path: "instance/v1/zones/{zone}/ips", envelope: "ips",
                                      paging: .scalewayHeaders, permission: "InstancesReadOnly")
        case (.scaleway, .securityGroups):
            return ListingDeclaration(path: "instance/v1/zones/{zone}/security_groups", envelope: "security_groups",
                                      paging: .scalewayHeaders, permission: "InstancesReadOnly")
        case (.scaleway, .snapshots):
            return ListingDeclaration(path: "instance/v1/zones/{zone}/snapshots", envelope: "snapshots",
                                      paging: .scalewayHeaders, permission: "InstancesReadOnly")
        case (.scaleway, .blockSnapshots):
            return ListingDeclaration(path: "block/v1/zones/{zone}/snapshots", envelope: "snapshots",
                                      paging: .scalewayBody, permission: "BlockStorageReadOnly")
        case (.cloudsigma, .servers):
            return ListingDeclaration(path: "servers/detail/", envelope: "objects", paging: .cloudSigmaOffset,
                                      permission: "read access to servers")
        case (.cloudsigma, .drives):
            return ListingDeclaration(path: "drives/detail/", envelope: "objects", paging: .cloudSigmaOffset,
                                      permission: "read access to drives")
        case (.cloudsigma, .ips):
            return ListingDeclaration(path: "ips/detail/", envelope: "objects", paging: .cloudSigmaOffset,
                                      permission: "read access to IPs")
        case (.cloudsigma, .snapshots):
            return ListingDeclaration(path: "snapshots/detail/", envelope: "objects", paging: .cloudSigmaOffset,
                                      permission: "read access to snapshots")
        case (.cloudsigma, .vlans):
            return ListingDeclaration(path: "vlans/detail/", envelope: "objects", paging: .cloudSigmaOffset,
                                      permission: "read access to VLANs")
        case (.cloudsigma, .blockVolumes), (.cloudsigma, .securityGroups), (.cloudsigma, .blockSnapshots),
             (.scaleway, .vlans):
            return nil
        }
    }

    /// The declaration of a scope's listing; a scope is only ever made of a kind its provider has.
    static func of(_ scope: SyncScope) throws -> ListingDeclaration {
        guard let listing = of(scope.kind, on: scope.provider) else {
            throw SyncError.invalidResponse(account: scope.account, url: "(\(scope.listingName))",
                                            detail: "\(scope.provider.displayName) has no \(scope.listingName) listing")
        }
        return listing
    }

    /// The listing's URL for a scope, below `root` (which ends without a slash for Scaleway, with one for CloudSigma).
    func url(root: String, zone: String) -> String {
        let separator = root.hasSuffix("/") ? "" : "/"
        return root + separator + path.replacingOccurrences(of: "{zone}", with: zone)
    }
}
