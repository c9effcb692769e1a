import NIOCore

/// What reading a listing announced: the pages read and every total the
/// provider announced on them (more than one value means the listing moved).
struct ListingSummary: Sendable {
    var pages = 0
    var announcedTotals: [Int] = []
    /// Objects came back from the page after the announced end: the listing holds more than it said.
    var moreAfterEnd = false
}

/// One page as read: its objects and the evidence it carries about where the listing ends.
struct ListingPage: Sendable {
    var objects: [WireValue]
    /// The total the page announced (a header or the body), if any.
    var total: Int?
    /// From a `Link` header: whether it names a next page; nil when the response has no `Link`.
    var hasNext: Bool?
}

/// Reads every page of one listing, handing each page's objects to `consume`
/// as soon as it is parsed. Pages after the first are fetched concurrently, a
/// bounded window at a time, so memory holds a few pages, never the listing.
///
/// A listing is complete only on evidence: every element is an object with a
/// valid string id, the announced total matches what was read (the engine
/// checks that), and the last page is short, empty, or named last by `Link`.
protocol ListingReader: Sendable {
    func read(_ scope: SyncScope, consume: @escaping @Sendable ([WireValue]) async throws -> Void) async throws -> ListingSummary
}

/// Bounds on what a listing may announce, so that a lying total can neither
/// overflow the page arithmetic nor keep a sync requesting empty pages.
enum ListingLimits {
    /// No listing is believed to hold more objects than this.
    static let maximumObjects = 10_000_000
    /// The longest id accepted; real ids are UUIDs (36 characters) or addresses.
    static let maximumIDLength = 256
}

extension ListingReader {
    /// Fetches pages `0..<count` through `fetch`, at most `window` at a time.
    /// Stops launching pages after one comes back empty (the listing ended
    /// early, which the total check then reports). Returns each page read as
    /// (index, objects, announced total), in index order.
    func readRemaining(
        _ count: Int, window: Int, fetch: @escaping @Sendable (Int) async throws -> ListingPage,
        consume: @escaping @Sendable ([WireValue]) async throws -> Void
    ) async throws -> [(index: Int, objects: Int, total: Int?)] {
        guard count > 0 else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Int, Int?).self) { group in
            var next = 0
            func launch() {
                let index = next
                next += 1
                group.addTask {
                    let page = try await fetch(index)
                    try await consume(page.objects)
                    return (index, page.objects.count, page.total)
                }
            }
            for _ in 0..<min(max(1, window), count) { launch() }
            var pages: [(index: Int, objects: Int, total: Int?)] = []
            while let page = try await group.next() {
                pages.append((page.0, page.1, page.2))
                if page.1 == 0 { next = count }
                if next < count { launch() }
            }
            return pages.sorted { $0.index < $1.index }
        }
    }

    /// Reads the pages after `first` of a listing that announced `total`, then,
    /// when the last page came back full, the page after it: a full last page
    /// is no proof of the end, so that page must be empty. `fetch` takes a
    /// page's index from 0 (the first page).
    func readAnnounced(
        total: Int, first: ListingPage, perPage: Int, window: Int,
        fetch: @escaping @Sendable (Int) async throws -> ListingPage,
        consume: @escaping @Sendable ([WireValue]) async throws -> Void
    ) async throws -> ListingSummary {
        let pages = Self.pageCount(total: total, perPage: perPage)
        let rest = try await readRemaining(max(0, pages - 1), window: window, fetch: { try await fetch($0 + 1) },
                                           consume: consume)
        var summary = ListingSummary(pages: 1 + rest.count, announcedTotals: [total] + rest.compactMap(\.total))
        let lastCount = rest.last?.objects ?? first.objects.count
        if lastCount == perPage, rest.count == max(0, pages - 1) {
            let after = try await fetch(max(1, pages))
            summary.pages += 1
            summary.announcedTotals += after.total.map { [$0] } ?? []
            summary.moreAfterEnd = !after.objects.isEmpty
        }
        return summary
    }

    /// Pages needed for `total` objects at `perPage` a page; the total must already be bounded.
    static func pageCount(total: Int, perPage: Int) -> Int {
        total / perPage + (total % perPage == 0 ? 0 : 1)
    }

    /// An announced total, refused when it cannot be true.
    static func checkedTotal(_ total: Int64?, account: String, url: String) throws -> Int? {
        guard let total else { return nil }
        guard total >= 0, total <= Int64(ListingLimits.maximumObjects) else {
            throw SyncError.invalidResponse(
                account: account, url: url,
                detail: "it announced a total of \(total) objects, which cannot be right (at most \(ListingLimits.maximumObjects) are read per listing)")
        }
        return Int(total)
    }

    /// Parses a JSON body; the listing's array sits under `key`, and every
    /// element must be an object whose `idKey` is a valid string id.
    static func objects(
        in body: ByteBuffer, key: String, idKey: String, account: String, url: String
    ) throws -> (objects: [WireValue], root: WireValue) {
        let root = try document(body, account: account, url: url)
        return (try list(in: root, key: key, idKey: idKey, account: account, url: url), root)
    }

    /// A listing's objects as `shape` holds them in a parsed response, each with the provider's id key.
    static func shapedObjects(
        in body: ByteBuffer, listing: ListingDeclaration, idKey: String, zone: String, account: String, url: String
    ) throws -> (objects: [WireValue], root: WireValue) {
        let root = try document(body, account: account, url: url)
        let shaped: [WireValue]?
        do {
            shaped = try listing.shape.objects(in: root, envelope: listing.envelope, idKey: idKey, zone: zone, listingName: listing.name)
        } catch {
            throw SyncError.invalidResponse(account: account, url: url, detail: error.detail)
        }
        guard let shaped else { return (try list(in: root, key: listing.envelope, idKey: idKey, account: account, url: url), root) }
        return (try identified(shaped, key: listing.envelope, idKey: idKey, account: account, url: url), root)
    }

    /// The list under `key` of a parsed response, each element identified.
    private static func list(in root: WireValue, key: String, idKey: String, account: String, url: String) throws -> [WireValue] {
        guard let list = root[key], list.node.kind == .array else {
            throw SyncError.invalidResponse(account: account, url: url, detail: "no `\(key)` list in the response")
        }
        return try identified(list.elements, key: key, idKey: idKey, account: account, url: url)
    }

    /// A response body as JSON.
    private static func document(_ body: ByteBuffer, account: String, url: String) throws -> WireValue {
        do {
            return try JSONDocument(parsing: Array(body.readableBytesView)).root
        } catch {
            throw SyncError.invalidResponse(account: account, url: url, detail: "not JSON (\(body.readableBytes) bytes, \(error))")
        }
    }

    /// `elements`, each an object with a valid string id under `idKey`; else the listing is refused.
    private static func identified(_ elements: [WireValue], key: String, idKey: String, account: String, url: String) throws -> [WireValue] {
        for (position, element) in elements.enumerated() {
            if let problem = Self.idProblem(element, idKey: idKey) {
                throw SyncError.invalidResponse(
                    account: account, url: url,
                    detail: "element \(position + 1) of `\(key)` \(problem); the listing cannot be trusted, so nothing was applied")
            }
        }
        return elements
    }

    /// Why an element cannot be a listed resource, or nil when it can.
    static func idProblem(_ element: WireValue, idKey: String) -> String? {
        guard element.isObject else { return "is \(element.node.kind.phrase), not an object" }
        guard let id = element[idKey] else { return "has no `\(idKey)`" }
        switch id.node.kind {
        case .string:
            // Unescaped: the parser already refused control characters and bad UTF-8; check the bytes, allocate nothing.
            let length = Int(id.node.length)
            guard length > 0 else { return "has an empty `\(idKey)`" }
            guard length <= ListingLimits.maximumIDLength else { return "has an `\(idKey)` longer than \(ListingLimits.maximumIDLength) bytes" }
            let start = Int(id.node.start)
            guard !id.document.bytes[start..<start + length].contains(0x7F) else {
                return "has an `\(idKey)` with control characters"
            }
        case .escapedString:
            guard let text = id.stringValue, !text.isEmpty else { return "has an empty `\(idKey)`" }
            guard text.utf8.count <= ListingLimits.maximumIDLength else { return "has an `\(idKey)` longer than \(ListingLimits.maximumIDLength) bytes" }
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                return "has an `\(idKey)` with control characters"
            }
        default:
            return "has \(id.node.kind.phrase) as its `\(idKey)`, not a string"
        }
        return nil
    }
}

extension JSONNode.Kind {
    /// How a message names a value of this kind.
    var phrase: String {
        switch self {
        case .null: return "null"
        case .true, .false: return "a boolean"
        case .integer, .decimal: return "a number"
        case .string, .escapedString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
