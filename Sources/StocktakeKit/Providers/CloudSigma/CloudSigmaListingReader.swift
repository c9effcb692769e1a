/// Pages through `servers/detail/` or `drives/detail/` with `limit` / `offset`,
/// learning the total from `meta.total_count`.
struct CloudSigmaListingReader: ListingReader {
    let client: AccountHTTPClient
    /// The API root, ending in `/api/2.0/`.
    let baseURL: String
    let pageSize: Int
    let window: Int

    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary {
        let listing = try ListingDeclaration.of(scope)
        let base = listing.url(root: baseURL, zone: scope.zone)
        if listing.paging == .single { return try await readSingle(scope, listing: listing, url: base, consume: consume) }
        let limit = max(1, pageSize)
        let fetch: @Sendable (Int) async throws -> ListingPage = { [client] offset in
            let url = ListingDeclaration.url(base, query: "limit=\(limit)&offset=\(offset)")
            let reply = try await client.get(url)
            let parsed = try Self.shapedObjects(in: reply.body, listing: listing, idKey: Provider.cloudsigma.idKey,
                                                zone: scope.zone, account: client.account, url: url)
            let total = try Self.checkedTotal(parsed.root.object("meta")?.int("total_count"), account: client.account, url: url)
            return ListingPage(objects: parsed.objects, total: total)
        }
        let first = try await fetch(0)
        try await consume(first.objects)
        guard let total = first.total else {
            throw SyncError.invalidResponse(account: client.account, url: base, detail: "no meta.total_count in the response")
        }
        return try await readAnnounced(total: total, first: first, perPage: limit, window: window,
                                       fetch: { try await fetch($0 * limit) }, consume: consume)
    }

    /// A listing of one object (`balance/`): one request, which announces itself as one object.
    private func readSingle(
        _ scope: SyncScope, listing: ListingDeclaration, url: String, consume: @Sendable ([WireValue]) async throws -> Void
    ) async throws -> ListingSummary {
        let reply = try await client.get(url)
        let parsed = try Self.shapedObjects(in: reply.body, listing: listing, idKey: Provider.cloudsigma.idKey, zone: scope.zone,
                                            account: client.account, url: url)
        try await consume(parsed.objects)
        return ListingSummary(pages: 1, announcedTotals: [parsed.objects.count])
    }

    /// Tag uuid to name, from `tags/?limit=0`.
    func tagNames() async throws -> [String: String] {
        let url = "\(baseURL)tags/?limit=0"
        let reply = try await client.get(url)
        let parsed = try Self.objects(in: reply.body, key: "objects", idKey: Provider.cloudsigma.idKey, account: client.account, url: url)
        var names: [String: String] = [:]
        for tag in parsed.objects {
            if let uuid = tag.string("uuid"), let name = tag.string("name") { names[uuid] = name }
        }
        return names
    }
}
