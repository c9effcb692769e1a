import Foundation

/// Pages through a Scaleway listing as its declaration says: the Instance
/// API's `/servers` and `/volumes` with `page` / `per_page`, learning the
/// total from `X-Total-Count` (or, when there is none, following the `Link`
/// header's `rel="next"`); Block Storage's `/volumes` with `page` /
/// `page_size`, learning the total from the body's `total_count`.
struct ScalewayListingReader: ListingReader {
    let client: AccountHTTPClient
    let baseURL: String
    let pageSize: Int
    let window: Int

    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary {
        let listing = try ListingDeclaration.of(scope)
        let base = listing.url(root: baseURL, zone: scope.zone)
        let perPage = min(100, max(1, pageSize))
        let totalInBody: Bool
        switch listing.paging {
        case .scalewayHeaders: totalInBody = false
        case .scalewayBody: totalInBody = true
        case .cloudSigmaOffset, .single, .bundled:
            throw SyncError.invalidResponse(account: client.account, url: base, detail: "not a Scaleway listing")
        }
        let sizeParameter = totalInBody ? "page_size" : "per_page"
        let fetch: @Sendable (Int) async throws -> ListingPage = { [client] page in
            let url = ListingDeclaration.url(base, query: "page=\(page)&\(sizeParameter)=\(perPage)")
            let reply = try await client.get(url)
            let parsed = try Self.shapedObjects(in: reply.body, listing: listing, idKey: Provider.scaleway.idKey, zone: scope.zone,
                                                account: client.account, url: url)
            let announced = totalInBody
                ? parsed.root.int("total_count")
                : try Self.totalHeader(reply, account: client.account, url: url)
            let total = try Self.checkedTotal(announced, account: client.account, url: url)
            return ListingPage(objects: parsed.objects, total: total, hasNext: reply.header("Link").map(Self.namesNext))
        }
        let first = try await fetch(1)
        try await consume(first.objects)
        guard let total = first.total else {
            if totalInBody {
                throw SyncError.invalidResponse(account: client.account, url: base,
                                                detail: "no total_count in the response, so there is no telling whether the listing is complete")
            }
            return try await readByLinks(first: first, base: base, perPage: perPage, fetch: fetch, consume: consume)
        }
        return try await readAnnounced(total: total, first: first, perPage: perPage, window: window,
                                       fetch: { try await fetch($0 + 1) }, consume: consume)
    }

    /// No total announced: follow `rel="next"` one page at a time; without a `Link` header there is no evidence of the end.
    private func readByLinks(
        first: ListingPage, base: String, perPage: Int, fetch: @Sendable (Int) async throws -> ListingPage,
        consume: @Sendable ([WireValue]) async throws -> Void
    ) async throws -> ListingSummary {
        guard var hasNext = first.hasNext else {
            throw SyncError.invalidResponse(
                account: client.account, url: base,
                detail: "neither an X-Total-Count nor a Link header, so there is no telling whether the listing is complete")
        }
        var summary = ListingSummary(pages: 1)
        let maximumPages = Self.pageCount(total: ListingLimits.maximumObjects, perPage: perPage)
        while hasNext {
            guard summary.pages < maximumPages else {
                throw SyncError.invalidResponse(account: client.account, url: base,
                                                detail: "its Link header kept naming a next page past \(maximumPages) pages")
            }
            let page = try await fetch(summary.pages + 1)
            try await consume(page.objects)
            summary.pages += 1
            guard !page.objects.isEmpty, let next = page.hasNext else {
                throw SyncError.invalidResponse(account: client.account, url: base,
                                                detail: "page \(summary.pages) came back \(page.objects.isEmpty ? "empty" : "without a Link header") before the Link header named a last page")
            }
            hasNext = next
        }
        return summary
    }

    /// `X-Total-Count` as a number; present but not a number is a lie, not an absence.
    static func totalHeader(_ reply: HTTPReply, account: String, url: String) throws -> Int64? {
        guard let text = reply.header("X-Total-Count") else { return nil }
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw SyncError.invalidResponse(account: account, url: url, detail: "X-Total-Count is '\(text.prefix(40))', not a number")
        }
        return value
    }

    /// True when a `Link` header value has a `rel="next"` link.
    static func namesNext(_ link: String) -> Bool {
        link.split(separator: ",").contains { part in
            part.split(separator: ";").dropFirst().contains { parameter in
                let trimmed = parameter.trimmingCharacters(in: .whitespaces).lowercased()
                return trimmed == "rel=\"next\"" || trimmed == "rel=next"
            }
        }
    }
}
