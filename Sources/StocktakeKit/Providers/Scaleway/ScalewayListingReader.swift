/// Pages through `/instance/v1/zones/{zone}/servers` or `/volumes` with
/// `page` / `per_page`, learning the total from `X-Total-Count`.
struct ScalewayListingReader: ListingReader {
    let client: AccountHTTPClient
    let baseURL: String
    let pageSize: Int
    let window: Int

    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary {
        let key = scope.kind == .servers ? "servers" : "volumes"
        let base = "\(baseURL)/instance/v1/zones/\(scope.zone)/\(key)"
        let perPage = min(100, max(1, pageSize))
        let fetch: @Sendable (Int) async throws -> (objects: [WireValue], total: Int?) = { [client] page in
            let url = "\(base)?page=\(page)&per_page=\(perPage)"
            let reply = try await client.get(url)
            let parsed = try Self.objects(in: reply.body, key: key, account: client.account, url: url)
            return (parsed.objects, reply.header("X-Total-Count").flatMap { Int($0) })
        }
        let first = try await fetch(1)
        try await consume(first.objects)
        var summary = ListingSummary(pages: 1, announcedTotals: first.total.map { [$0] } ?? [])
        guard let total = first.total else {
            // No total announced: read on until a short page.
            var page = 1
            var last = first.objects.count
            while last == perPage {
                page += 1
                let next = try await fetch(page)
                try await consume(next.objects)
                last = next.objects.count
                summary.pages += 1
            }
            return summary
        }
        let pages = (total + perPage - 1) / perPage
        let totals = try await readRemaining(max(0, pages - 1), window: window, fetch: { try await fetch($0 + 2) }, consume: consume)
        summary.pages = max(1, pages)
        summary.announcedTotals += totals
        return summary
    }
}
