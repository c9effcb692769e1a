import NIOCore

/// What reading a listing announced: the pages read and every total the
/// provider announced on them (more than one value means the listing moved).
struct ListingSummary: Sendable {
    var pages = 0
    var announcedTotals: [Int] = []
}

/// Reads every page of one listing, handing each page's objects to `consume`
/// as soon as it is parsed. Pages after the first are fetched concurrently, a
/// bounded window at a time, so memory holds a few pages, never the listing.
protocol ListingReader: Sendable {
    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary
}

extension ListingReader {
    /// Fetches `count` further pages through `fetch`, at most `window` at a time.
    func readRemaining(
        _ count: Int, window: Int, fetch: @escaping @Sendable (Int) async throws -> (objects: [WireValue], total: Int?),
        consume: @escaping @Sendable ([WireValue]) async throws -> Void
    ) async throws -> [Int] {
        guard count > 0 else { return [] }
        return try await withThrowingTaskGroup(of: Int?.self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    let page = try await fetch(index)
                    try await consume(page.objects)
                    return page.total
                }
            }
            for _ in 0..<min(window, count) { launch() }
            var totals: [Int] = []
            while let total = try await group.next() {
                if let total { totals.append(total) }
                if next < count { launch() }
            }
            return totals
        }
    }

    /// Parses a JSON body; the listing's array sits under `key`.
    static func objects(in body: ByteBuffer, key: String, account: String, url: String) throws -> (objects: [WireValue], root: WireValue) {
        let root: WireValue
        do {
            root = try JSONDocument(parsing: Array(body.readableBytesView)).root
        } catch {
            throw SyncError.invalidResponse(account: account, url: url, detail: "not JSON (\(body.readableBytes) bytes, \(error))")
        }
        guard let list = root[key], list.node.kind == .array else {
            throw SyncError.invalidResponse(account: account, url: url, detail: "no `\(key)` list in the response")
        }
        return (list.elements.filter(\.isObject), root)
    }
}
