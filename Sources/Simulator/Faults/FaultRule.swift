/// A fault to inject into matching API requests.
///
/// A rule matches requests by provider, resource and zone (nil matches any),
/// then fires for the next `count` matching requests, or for a `fraction` of
/// them, or (with neither) for every one until the faults are cleared.
public struct FaultRule: Codable, Sendable, Equatable {
    /// What the fault does to a request it fires on.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// 429 Too Many Requests, with `Retry-After: retryAfter` when set.
        case rateLimit = "rate_limit"
        /// An error status (`status`, default 503) with the provider's error body.
        case serverError = "server_error"
        /// CloudSigma's `concurrency` error (409); on Scaleway a 409 `conflict`.
        case concurrency
        /// Waits `delayMilliseconds` before answering normally.
        case delay
        /// Announces the full Content-Length, sends half the body, closes the connection.
        case truncatedBody = "truncated_body"
        /// Closes the connection without answering.
        case dropConnection = "drop_connection"
        /// Answers normally, then creates an object at the head of the listing,
        /// so offset paging repeats one object on the next page.
        case createBetweenPages = "create_between_pages"
        /// Answers normally, then deletes the object at the head of the listing,
        /// so offset paging skips one object on the next page.
        case deleteBetweenPages = "delete_between_pages"
        /// Answers a listing page with one thing wrong (`lie` says what), the rest valid.
        case lie
    }

    /// What a `lie` fault gets wrong in an otherwise valid listing page.
    public enum Lie: String, Codable, Sendable, CaseIterable {
        /// A `null` before the first object of the page's list.
        case nullElement = "null_element"
        /// A `null` before the first object, and no total (Scaleway's `Link` stays): only the elements can tell.
        case nullElementNoTotal = "null_element_no_total"
        /// The first object's id (`id` or `uuid`) written as the raw JSON text `value` (`""`, `42`, `true`, ...).
        case idValue = "id_value"
        /// The first object's id as a string of bytes that are not UTF-8.
        case invalidUTF8ID = "invalid_utf8_id"
        /// The first object's `name` written as the raw text `value`, which may not be JSON (`1.2.3`).
        case rawName = "raw_name"
        /// The page announces `total` objects (`X-Total-Count` or `meta.total_count`).
        case total
        /// No total: Scaleway without `X-Total-Count` (its `Link` stays), CloudSigma without `meta.total_count`.
        case noTotal = "no_total"
        /// Scaleway without `X-Total-Count` and without `Link`.
        case noTotalNoLink = "no_total_no_link"
        /// Every object names another owner, `value` (Scaleway `organization`, CloudSigma `owner.uuid`);
        /// the page is otherwise whole and consistent, as a credential of another organization would list it.
        case otherOwner = "other_owner"
        /// The listing is empty, total 0, as an organization with nothing of that kind would list it.
        case empty
        /// `value`, the raw JSON text of an object (typically another listing's), is listed too, on every
        /// page that lists anything, and counted in the total: a consistent listing that holds it.
        case extraObject = "extra_object"
        /// The object whose id is `value` is not listed, and not counted: a consistent listing without it.
        case withoutObject = "without_object"
    }

    public var kind: Kind
    /// `scaleway` or `cloudsigma`; nil for both.
    public var provider: String?
    /// `servers`, `volumes` (Instance), `block_volumes` (Block Storage), `ips`, `drives` or `tags`; nil for any.
    public var resource: String?
    /// A Scaleway zone; nil for any.
    public var zone: String?
    /// Fire for the next this many matching requests.
    public var count: Int?
    /// Fire for this fraction (0...1) of matching requests, drawn from the seed.
    public var fraction: Double?
    /// Status for `server_error` (500, 502, 503, 504, or a 4xx such as 403 or 404). A 403 answers
    /// as the provider refuses a credential without the permission (Scaleway's `permissions_denied`).
    public var status: Int?
    /// Seconds for the `Retry-After` header of `rate_limit`.
    public var retryAfter: Int?
    /// Milliseconds for `delay`.
    public var delayMilliseconds: Int?
    /// Let this many matching requests through before firing (to fail a listing after pages were read).
    public var after: Int?
    /// What a `lie` gets wrong.
    public var lie: Lie?
    /// The raw JSON text of `id_value`, `raw_name` and `extra_object`; the owner of `other_owner`; the id of `without_object`.
    public var value: String?
    /// The total `total` announces.
    public var total: Int64?

    public init(
        _ kind: Kind, provider: String? = nil, resource: String? = nil, zone: String? = nil, count: Int? = nil,
        fraction: Double? = nil, status: Int? = nil, retryAfter: Int? = nil, delayMilliseconds: Int? = nil,
        lie: Lie? = nil, value: String? = nil, total: Int64? = nil, after: Int? = nil
    ) {
        self.after = after
        self.lie = lie
        self.value = value
        self.total = total
        self.kind = kind
        self.provider = provider
        self.resource = resource
        self.zone = zone
        self.count = count
        self.fraction = fraction
        self.status = status
        self.retryAfter = retryAfter
        self.delayMilliseconds = delayMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case kind, provider, resource, zone, count, fraction, status, lie, value, total, after
        case retryAfter = "retry_after"
        case delayMilliseconds = "delay_ms"
    }

    /// The words a rule's `resource` may take: every listing's, and CloudSigma's `tags`.
    static var resources: [String] {
        var words: [String] = []
        for word in SimulatedListing.allCases.map(\.resource) + ["tags"] where !words.contains(word) { words.append(word) }
        return words
    }

    /// Throws when a field is out of range or does not fit the kind.
    public func validate() throws(SimulatorError) {
        if let provider, SimulatedProvider(rawValue: provider) == nil {
            let names = SimulatedProvider.allCases.map(\.rawValue)
            throw .invalidFault("provider must be \(names.joined(separator: " or ")) (got '\(provider)')")
        }
        let resources = Self.resources
        if let resource, !resources.contains(resource) {
            throw .invalidFault("resource must be \(resources.dropLast().joined(separator: ", ")) or \(resources.last ?? "") (got '\(resource)')")
        }
        if let after, after < 0 { throw .invalidFault("after must be 0 or more (got \(after))") }
        if let count, count < 1 { throw .invalidFault("count must be 1 or more (got \(count))") }
        if let fraction, !(0...1).contains(fraction) {
            throw .invalidFault("fraction must be between 0 and 1 (got \(fraction))")
        }
        if let status, !(400...599).contains(status) {
            throw .invalidFault("status must be an HTTP error status, 400 to 599 (got \(status))")
        }
        if kind == .lie {
            guard let lie else { throw .invalidFault("a lie needs `lie`: \(Lie.allCases.map(\.rawValue).joined(separator: ", "))") }
            if [.idValue, .rawName, .extraObject].contains(lie), value == nil { throw .invalidFault("\(lie.rawValue) needs `value`, the raw JSON text") }
            if [.otherOwner, .withoutObject].contains(lie), value == nil { throw .invalidFault("\(lie.rawValue) needs `value`, an owner or an id") }
            if lie == .total, total == nil { throw .invalidFault("a total lie needs `total`") }
        }
        if kind == .delay, (delayMilliseconds ?? 0) <= 0 {
            throw .invalidFault("a delay needs delay_ms greater than 0")
        }
    }

    func matches(_ request: APIRequest) -> Bool {
        (provider == nil || provider == request.provider.rawValue)
            && (resource == nil || resource == request.resource)
            && (zone == nil || zone == request.zone)
            && (![.createBetweenPages, .deleteBetweenPages].contains(kind) || request.hasNextPage)
    }
}
