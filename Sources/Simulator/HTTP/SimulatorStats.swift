/// Counts of what the simulator has served, for tests that check retries and paging.
public struct SimulatorStats: Codable, Sendable, Equatable {
    /// API requests answered (admin requests are not counted).
    public var requests = 0
    /// API requests per `provider resource [zone]`, e.g. `scaleway servers fr-par-1`.
    public var requestsByEndpoint: [String: Int] = [:]
    /// Faults that fired, per kind.
    public var faultsByKind: [String: Int] = [:]

    public init() {}

    mutating func count(_ request: APIRequest) {
        requests += 1
        let key = [request.provider.rawValue, request.resource, request.zone].compactMap { $0 }.joined(separator: " ")
        requestsByEndpoint[key, default: 0] += 1
    }

    mutating func count(_ fault: FaultRule) {
        faultsByKind[fault.kind.rawValue, default: 0] += 1
    }

    enum CodingKeys: String, CodingKey {
        case requests
        case requestsByEndpoint = "requests_by_endpoint"
        case faultsByKind = "faults_by_kind"
    }
}
