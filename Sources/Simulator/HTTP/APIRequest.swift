/// The provider API call a request addresses, as far as faults and stats care.
struct APIRequest: Sendable {
    var provider: SimulatedProvider
    /// The listing's word (a `SimulatedListing.resource`), or `tags`.
    var resource: String
    /// The Scaleway zone, or nil.
    var zone: String?
    /// True when this is a listing page that has further pages after it.
    var hasNextPage: Bool
}
