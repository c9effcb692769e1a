/// Pages through `servers/detail/` or `drives/detail/` with `limit` / `offset`,
/// learning the total from `meta.total_count`.
struct CloudSigmaListingReader: ListingReader {
    let client: AccountHTTPClient
    /// The API root, ending in `/api/2.0/`.
    let baseURL: String
    let pageSize: Int
    let window: Int

    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary {
        let resource = scope.kind == .servers ? "servers" : "drives"
        let limit = max(1, pageSize)
        let fetch: @Sendable (Int) async throws -> (objects: [WireValue], total: Int?) = { [client, baseURL] offset in
            let url = "\(baseURL)\(resource)/detail/?limit=\(limit)&offset=\(offset)"
            let reply = try await client.get(url)
            let parsed = try Self.objects(in: reply.body, key: "objects", account: client.account, url: url)
            return (parsed.objects, parsed.root.object("meta")?.int("total_count").map { Int($0) })
        }
        let first = try await fetch(0)
        try await consume(first.objects)
        guard let total = first.total else {
            throw SyncError.invalidResponse(account: client.account, url: "\(baseURL)\(resource)/detail/",
                                            detail: "no meta.total_count in the response")
        }
        let pages = (total + limit - 1) / limit
        let totals = try await readRemaining(max(0, pages - 1), window: window,
                                             fetch: { try await fetch(($0 + 1) * limit) }, consume: consume)
        return ListingSummary(pages: max(1, pages), announcedTotals: [total] + totals)
    }

    /// Tag uuid to name, from `tags/?limit=0`.
    func tagNames() async throws -> [String: String] {
        let url = "\(baseURL)tags/?limit=0"
        let reply = try await client.get(url)
        let parsed = try Self.objects(in: reply.body, key: "objects", account: client.account, url: url)
        var names: [String: String] = [:]
        for tag in parsed.objects {
            if let uuid = tag.string("uuid"), let name = tag.string("name") { names[uuid] = name }
        }
        return names
    }
}
