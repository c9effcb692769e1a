/// Where one provider's listing of one resource kind is, and the member its
/// objects come under: the one table a new listing is added to. How the listing
/// pages is its provider's reader's business (`ScalewayListingReader`,
/// `CloudSigmaListingReader`).
struct ListingDeclaration: Sendable, Equatable {
    /// The path below the account's API root; `{zone}` stands for the scope's zone.
    let path: String
    /// The member of a page that holds the list.
    let envelope: String

    /// The listing of `kind` on `provider`.
    static func of(_ kind: ResourceKind, on provider: Provider) -> ListingDeclaration {
        switch (provider, kind) {
        case (.scaleway, .servers): return ListingDeclaration(path: "instance/v1/zones/{zone}/servers", envelope: "servers")
        case (.scaleway, .drives): return ListingDeclaration(path: "instance/v1/zones/{zone}/volumes", envelope: "volumes")
        case (.cloudsigma, .servers): return ListingDeclaration(path: "servers/detail/", envelope: "objects")
        case (.cloudsigma, .drives): return ListingDeclaration(path: "drives/detail/", envelope: "objects")
        }
    }

    /// The listing's URL for a scope, below `root` (which ends without a slash for Scaleway, with one for CloudSigma).
    func url(root: String, zone: String) -> String {
        let separator = root.hasSuffix("/") ? "" : "/"
        return root + separator + path.replacingOccurrences(of: "{zone}", with: zone)
    }
}
