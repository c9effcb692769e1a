/// The provider API call a request addresses, as far as faults and stats care.
struct APIRequest: Sendable {
    enum Provider: String, Sendable {
        case scaleway, cloudsigma
    }

    var provider: Provider
    /// servers, volumes, drives or tags.
    var resource: String
    /// The Scaleway zone, or nil.
    var zone: String?
    /// True when this is a listing page that has further pages after it.
    var hasNextPage: Bool
}
