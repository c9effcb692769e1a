/// One provider's listing of one kind: its word, where it is, how it pages, the member its objects
/// come under, what it is listed per, the permission that reads it, and how its objects map to rows.
/// Reading the pages is its provider's reader's business (`ScalewayListingReader`,
/// `CloudSigmaListingReader`), driven by `paging`.
struct ListingDeclaration: Sendable {
    /// How a listing is paged and how it announces its total.
    enum Paging: Sendable, Equatable {
        /// Scaleway Instance: `page` / `per_page`, total in `X-Total-Count`, `Link` header.
        case scalewayHeaders
        /// Scaleway Block Storage and VPC: `page` / `page_size`, total in the body's `total_count`, no `Link`.
        case scalewayBody
        /// CloudSigma: `limit` / `offset`, total in `meta.total_count`.
        case cloudSigmaOffset
        /// One request, one response, no paging (CloudSigma `balance/`).
        case single
        /// No request: Stocktake's own price table, with the account's `prices:` over it (`PriceTable`).
        case bundled
    }

    /// The provider's word for the listing, as configuration (`kinds:`), messages, `sync_scopes.kind`
    /// and the resource rows' `listing` write it.
    let name: String
    /// The path below the account's API root; `{zone}` stands for the scope's zone (or region).
    let path: String
    /// The member of a page that holds the list.
    let envelope: String
    let paging: Paging
    let scope: ScopeUnit
    /// What to grant when the provider answers 403: the IAM permission set (Scaleway)
    /// or the right (CloudSigma) that lets a credential read the listing.
    let permission: String
    let mapping: ListingMapping
    /// How the response holds its objects, when not as a list of objects with the provider's id.
    var shape: ListingShape = .list

    /// The listing of `kind` on `provider`, or nil when the provider has no such listing.
    static func of(_ kind: ResourceKind, on provider: Provider) -> ListingDeclaration? {
        kind.declaration.listings[provider]
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

    /// `url` followed by the paging parameters `query`: after `?`, or after `&` when the path has a query already.
    static func url(_ url: String, query: String) -> String {
        url + (url.contains("?") ? "&" : "?") + query
    }

    /// Which permission reads which listings of `provider`, from the declarations:
    /// `InstancesReadOnly reads servers, volumes, ...; BlockStorageReadOnly reads block_volumes, ...`.
    static func permissionsSummary(on provider: Provider) -> String {
        var order: [String] = []
        var names: [String: [String]] = [:]
        for kind in provider.resourceKinds {
            guard let listing = of(kind, on: provider) else { continue }
            if names[listing.permission] == nil { order.append(listing.permission) }
            names[listing.permission, default: []].append(listing.name)
        }
        return order.map { "\($0) reads \(names[$0, default: []].joined(separator: ", "))" }.joined(separator: "; ")
    }
}
