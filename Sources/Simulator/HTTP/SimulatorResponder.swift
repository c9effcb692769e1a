import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers HTTP requests as the Scaleway Instance API, the CloudSigma API 2.0
/// and the simulator's own admin API (`/_simulator/...`) would.
struct SimulatorResponder: HTTPResponder {
    typealias Context = SimulatorRequestContext

    let simulator: FleetSimulator

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.first == "_simulator" {
            return try await AdminAPI(simulator: simulator).respond(to: request, segments: Array(segments.dropFirst()))
        }
        if segments.count == 6, segments[0...2] == ["instance", "v1", "zones"], segments[4...5] == ["products", "servers"] {
            return try await scalewayServerTypes(request, zone: segments[3], context: context)
        }
        if segments == ["product-catalog", "v2alpha1", "public-catalog", "products"] {
            return try await scalewayCatalog(request, context: context)
        }
        if segments.count == 3, segments[0...1] == ["api", "2.0"], ["pricing", "balance", "currentusage", "subscriptions"].contains(segments[2]) {
            return try await cloudSigmaPrices(request, resource: segments[2], context: context)
        }
        if segments.count >= 5, segments[0...3] == ["instance", "v1", "zones", segments[3]] {
            return try await scaleway(request, zone: segments[3], rest: Array(segments.dropFirst(4)), context: context)
        }
        for api in SimulatedListing.API.allCases {
            guard let path = api.countedPath, segments.count >= 5, segments[0] == path.service,
                  path.versions.contains(segments[1]), segments[2] == path.place else { continue }
            return try await counted(request, api: api, place: segments[3], rest: Array(segments.dropFirst(4)), context: context)
        }
        if segments.count >= 3, segments[0...1] == ["api", "2.0"] {
            return try await cloudSigma(request, rest: Array(segments.dropFirst(2)), context: context)
        }
        return ProviderResponses.json(.notFound, .object([
            ("message", .string("no such endpoint: \(path)")), ("type", .string("not_found")),
        ]))
    }

    // MARK: Scaleway

    /// What every Scaleway request is checked for first, in the API's order: a known endpoint,
    /// GET, the token, a real zone. Returns the refusal, or nil to go on.
    func scalewayRefusal(
        _ request: Request, _ apiRequest: APIRequest, api: SimulatedListing.API, endpointKnown: Bool, place: String
    ) -> Response? {
        guard endpointKnown else { return ProviderResponses.scaleway(404, message: "no such endpoint", type: "not_found") }
        guard request.method == .get else {
            return ProviderResponses.scaleway(405, message: "method not allowed", type: "invalid_request_error")
        }
        guard request.headers[HTTPField.Name("X-Auth-Token")!] == simulator.credentials.scalewaySecretKey else {
            simulator.countRejected(apiRequest)
            return ProviderResponses.scalewayUnauthorized
        }
        guard api.knows(place) else {
            simulator.countRejected(apiRequest)
            return api.unknownPlace(place)
        }
        return nil
    }

    /// A Scaleway listing's `page` (from 1) and page size (`sizeName`, 1 to 100, default 50), or the 400 the API answers.
    func scalewayPaging(
        _ request: Request, _ apiRequest: APIRequest, sizeName: String, defaultSize: Int
    ) -> Result<(page: Int, size: Int), Refused> {
        let query = request.uri.queryParameters
        guard let page = Int(query["page"].map(String.init) ?? "1"), page >= 1 else {
            simulator.countRejected(apiRequest)
            return .failure(Refused(response: ProviderResponses.scalewayInvalidArgument("page", "must be a positive integer")))
        }
        guard let size = Int(query[Substring(sizeName)].map(String.init) ?? String(defaultSize)), (1...100).contains(size) else {
            simulator.countRejected(apiRequest)
            return .failure(Refused(response: ProviderResponses.scalewayInvalidArgument(sizeName, "must be between 1 and 100")))
        }
        return .success((page, size))
    }

    /// A request answered with an error before it reached any data.
    struct Refused: Error {
        let response: Response
    }

    private func scaleway(_ request: Request, zone: String, rest: [String], context: Context) async throws -> Response {
        let resource = rest[0]
        let apiRequest = APIRequest(provider: .scaleway, resource: resource, zone: zone, hasNextPage: false)
        let listing = SimulatedListing.served(by: .instance, path: resource)
        let known = listing != nil && rest.count <= 2
        if let refusal = scalewayRefusal(request, apiRequest, api: .instance, endpointKnown: known, place: zone) {
            return refusal
        }
        guard let listing else { return ProviderResponses.scaleway(404, message: "no such endpoint", type: "not_found") }
        let key = listing.key(zone: zone)
        if rest.count == 2 {
            let (object, sequence, fault) = simulator.serveObject(rest[1], in: key, request: apiRequest)
            guard let object else {
                return try await answer(fault: fault, request: apiRequest, context: context) {
                    ProviderResponses.jsonReply(.notFound, .object([
                        ("message", .string("resource is not found")),
                        ("resource", .string(listing.notFoundResource)),
                        ("resource_id", .string(rest[1])), ("type", .string("not_found")),
                    ]))
                }
            }
            let wrapper = listing.changeWord
            return try await answer(fault: fault, request: apiRequest, context: context) {
                PageBody.single(object, key: wrapper, readSequence: sequence)
            }
        }
        let paging: (page: Int, size: Int)
        switch scalewayPaging(request, apiRequest, sizeName: "per_page", defaultSize: SimulatedListing.API.instance.defaultPageSize) {
        case .success(let parsed): paging = parsed
        case .failure(let refused): return refused.response
        }
        let (served, fault) = simulator.servePage(key, request: apiRequest, offset: (paging.page - 1) * paging.size, limit: paging.size)
        let response = try await answer(fault: fault, request: apiRequest, context: context) {
            var headers: HTTPFields = [ProviderResponses.totalCountHeader: String(served.total)]
            headers[ProviderResponses.linkHeader] = Self.linkHeader(
                path: request.uri.path, page: paging.page, perPage: paging.size, total: served.total)
            return PageBody.scaleway(served, key: resource, headers: headers)
        }
        applyBetweenPages(fault, listing: key)
        return response
    }

    // MARK: Scaleway APIs that count in the body (Block Storage)

    /// `GET /block/v1/zones/{zone}/volumes[/{id}]` and the like: `page` / `page_size`, the total in the
    /// body's `total_count`.
    private func counted(
        _ request: Request, api: SimulatedListing.API, place: String, rest: [String], context: Context
    ) async throws -> Response {
        let listing = SimulatedListing.served(by: api, path: rest[0])
        let apiRequest = APIRequest(provider: .scaleway, resource: listing?.resource ?? rest[0], zone: place, hasNextPage: false)
        if let refusal = scalewayRefusal(request, apiRequest, api: api, endpointKnown: listing != nil && rest.count <= 2,
                                         place: place) {
            return refusal
        }
        guard let listing else { return ProviderResponses.scaleway(404, message: "no such endpoint", type: "not_found") }
        let key = listing.key(zone: place)
        if rest.count == 2 {
            let (object, sequence, fault) = simulator.serveObject(rest[1], in: key, request: apiRequest)
            return try await answer(fault: fault, request: apiRequest, context: context) {
                guard let object else {
                    return ProviderResponses.jsonReply(.notFound, .object([
                        ("message", .string("resource is not found")), ("resource", .string(listing.notFoundResource)),
                        ("resource_id", .string(rest[1])), ("type", .string("not_found")),
                    ]))
                }
                return PageBody.single(object, key: nil, readSequence: sequence)
            }
        }
        let paging: (page: Int, size: Int)
        switch scalewayPaging(request, apiRequest, sizeName: "page_size", defaultSize: api.defaultPageSize) {
        case .success(let parsed): paging = parsed
        case .failure(let refused): return refused.response
        }
        let (served, fault) = simulator.servePage(key, request: apiRequest, offset: (paging.page - 1) * paging.size, limit: paging.size)
        let response = try await answer(fault: fault, request: apiRequest, context: context) {
            PageBody.scalewayCounted(served, key: listing.envelope)
        }
        applyBetweenPages(fault, listing: key)
        return response
    }

    /// `Link: </...?page=2&per_page=50>; rel="next",</...?page=9&per_page=50>; rel="last"`.
    static func linkHeader(path: String, page: Int, perPage: Int, total: Int) -> String {
        let last = max(1, (total + perPage - 1) / perPage)
        var links: [String] = []
        if page < last { links.append("<\(path)?page=\(page + 1)&per_page=\(perPage)>; rel=\"next\"") }
        links.append("<\(path)?page=\(last)&per_page=\(perPage)>; rel=\"last\"")
        return links.joined(separator: ",")
    }

    // MARK: CloudSigma

    private func cloudSigma(_ request: Request, rest: [String], context: Context) async throws -> Response {
        let resource = rest[0]
        let apiRequest = APIRequest(provider: .cloudsigma, resource: resource, zone: nil, hasNextPage: false)
        guard let key = Self.cloudSigmaListing(resource, detail: true), rest.count <= 2 else {
            return ProviderResponses.cloudSigma(404, type: "notexist", message: "No such resource: /\(rest.joined(separator: "/"))/")
        }
        guard request.method == .get else {
            return ProviderResponses.cloudSigma(405, type: "validation", message: "Method not allowed.")
        }
        guard authorizedForCloudSigma(request) else {
            simulator.countRejected(apiRequest)
            return ProviderResponses.cloudSigmaUnauthorized
        }
        let detail = rest.count == 2 && rest[1] == "detail"
        if rest.count == 2, !detail {
            let (object, sequence, fault) = simulator.serveObject(rest[1], in: key, request: apiRequest)
            return try await answer(fault: fault, request: apiRequest, context: context) {
                guard let object else {
                    return ProviderResponses.jsonReply(.notFound, .array([.object([
                        ("error_point", .null), ("error_type", .string("notexist")),
                        ("error_message", .string("Object with uuid \(rest[1]) does not exist.")),
                    ])]))
                }
                return PageBody.single(object, key: nil, readSequence: sequence)
            }
        }
        let query = request.uri.queryParameters
        guard let limit = Int(query["limit"].map(String.init) ?? "20"), limit >= 0 else {
            simulator.countRejected(apiRequest)
            return ProviderResponses.cloudSigma(400, type: "validation", message: "Invalid limit: must be 0 or a positive integer.", point: "limit")
        }
        guard let offset = Int(query["offset"].map(String.init) ?? "0"), offset >= 0 else {
            simulator.countRejected(apiRequest)
            return ProviderResponses.cloudSigma(400, type: "validation", message: "Invalid offset: must be 0 or a positive integer.", point: "offset")
        }
        let listingKey = detail ? key : Self.cloudSigmaListing(resource, detail: false) ?? key
        let (served, fault) = simulator.servePage(listingKey, request: apiRequest, offset: offset, limit: limit == 0 ? nil : limit)
        let response = try await answer(fault: fault, request: apiRequest, context: context) {
            PageBody.cloudSigma(served, limit: limit, offset: offset)
        }
        applyBetweenPages(fault, listing: listingKey)
        return response
    }

    /// The listing `/api/2.0/{resource}/` serves: in full under `detail/`, else its summaries; `tags`;
    /// nil for a resource the API has not.
    private static func cloudSigmaListing(_ resource: String, detail: Bool) -> ListingKey? {
        if resource == "tags" { return .sigmaTags }
        guard let listing = SimulatedListing.named(resource, on: .cloudsigma) else { return nil }
        return detail ? listing.key(zone: "") : listing.summaryKey
    }

    func authorizedForCloudSigma(_ request: Request) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Basic "),
              let decoded = Data(base64Encoded: String(header.dropFirst(6))),
              let pair = String(data: decoded, encoding: .utf8),
              let colon = pair.firstIndex(of: ":") else { return false }
        return pair[..<colon] == simulator.credentials.cloudSigmaUsername
            && pair[pair.index(after: colon)...] == simulator.credentials.cloudSigmaPassword
    }

    // MARK: Faults

    /// The normal response, or what the fault makes of it.
    func answer(
        fault: FaultRule?, request: APIRequest, context: Context, _ normal: () -> Reply
    ) async throws -> Response {
        guard let fault else { return normal().response }
        switch fault.kind {
        case .rateLimit:
            return ProviderResponses.rateLimited(provider: request.provider, retryAfter: fault.retryAfter)
        case .serverError:
            return ProviderResponses.error(request.provider, status: fault.status ?? 503, resource: request.resource)
        case .concurrency:
            return ProviderResponses.error(request.provider, status: 409)
        case .delay:
            try await Task.sleep(for: .milliseconds(fault.delayMilliseconds ?? 0))
            return normal().response
        case .truncatedBody:
            return normal().truncatedResponse(closing: context.channel)
        case .dropConnection:
            context.channel.close(promise: nil)
            throw DroppedConnection()
        case .createBetweenPages, .deleteBetweenPages:
            return normal().response
        case .lie:
            return normal().lying(fault, provider: request.provider, resource: request.resource).response
        }
    }

    private func applyBetweenPages(_ fault: FaultRule?, listing key: ListingKey) {
        guard let fault, [.createBetweenPages, .deleteBetweenPages].contains(fault.kind) else { return }
        simulator.mutateBetweenPages(fault.kind, listing: key)
    }

    /// Thrown to abandon a response whose connection a fault closed.
    struct DroppedConnection: Error {}
}
