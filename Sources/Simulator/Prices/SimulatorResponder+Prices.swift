import Hummingbird
import HTTPTypes

/// The price lists: Scaleway `products/servers` per zone (paged like the Instance listings, total in
/// `X-Total-Count`) and the public catalog (paged, total in the body); CloudSigma `pricing/` and
/// `subscriptions/` (limit / offset), `balance/` and `currentusage/`. Their faults are named by the
/// listings' words: `server_types`, `catalog`, `pricing`, `subscriptions`, `balance`, `currentusage`.
extension SimulatorResponder {
    /// `GET /instance/v1/zones/{zone}/products/servers`.
    func scalewayServerTypes(_ request: Request, zone: String, context: Context) async throws -> Response {
        let apiRequest = APIRequest(provider: .scaleway, resource: "server_types", zone: zone, hasNextPage: false)
        if let refusal = scalewayRefusal(request, apiRequest, api: .instance, endpointKnown: true, place: zone) { return refusal }
        let paging: (page: Int, size: Int)
        switch scalewayPaging(request, apiRequest, sizeName: "per_page", defaultSize: 50) {
        case .success(let parsed): paging = parsed
        case .failure(let refused): return refused.response
        }
        let all = simulator.priceList { $0.scalewayServerTypes(zone: zone) }
        let page = Array(all.dropFirst((paging.page - 1) * paging.size).prefix(paging.size))
        var served = apiRequest
        served.hasNextPage = paging.page * paging.size < all.count
        let fault = simulator.decidePriceFault(served)
        return try await answer(fault: fault, request: served, context: context) {
            var headers: HTTPFields = [ProviderResponses.totalCountHeader: String(all.count)]
            headers[ProviderResponses.linkHeader] = Self.linkHeader(path: request.uri.path, page: paging.page, perPage: paging.size, total: all.count)
            return ProviderResponses.jsonReply(.ok, JSONWriter.bytes(of: .object([("servers", .object(page))])), headers: headers)
        }
    }

    /// `GET /product-catalog/v2alpha1/public-catalog/products?product_types=instance&zone=...`: public, no token needed.
    func scalewayCatalog(_ request: Request, context: Context) async throws -> Response {
        let query = request.uri.queryParameters
        let zone = query["zone"].map(String.init)
        let apiRequest = APIRequest(provider: .scaleway, resource: "catalog", zone: zone, hasNextPage: false)
        guard request.method == .get else { return ProviderResponses.scaleway(405, message: "method not allowed", type: "invalid_request_error") }
        let paging: (page: Int, size: Int)
        switch scalewayPaging(request, apiRequest, sizeName: "page_size", defaultSize: 50) {
        case .success(let parsed): paging = parsed
        case .failure(let refused): return refused.response
        }
        let instances = query["product_types"].map { $0 == "instance" } ?? true
        let all = simulator.priceList { book in
            instances ? (zone.map { [$0] } ?? FleetConfiguration.knownZones).flatMap(book.catalogProducts(zone:)) : []
        }
        let page = Array(all.dropFirst((paging.page - 1) * paging.size).prefix(paging.size))
        var served = apiRequest
        served.hasNextPage = paging.page * paging.size < all.count
        let fault = simulator.decidePriceFault(served)
        return try await answer(fault: fault, request: served, context: context) {
            ProviderResponses.jsonReply(.ok, .object([("products", .array(page)), ("total_count", .int(Int64(all.count)))]))
        }
    }

    /// `GET /api/2.0/pricing/` and `subscriptions/` (limit / offset, `limit=0` for all), `GET /api/2.0/balance/` and `currentusage/`.
    func cloudSigmaPrices(_ request: Request, resource: String, context: Context) async throws -> Response {
        let apiRequest = APIRequest(provider: .cloudsigma, resource: resource, zone: nil, hasNextPage: false)
        guard request.method == .get else { return ProviderResponses.cloudSigma(405, type: "validation", message: "Method not allowed.") }
        guard authorizedForCloudSigma(request) else {
            simulator.countRejected(apiRequest)
            return ProviderResponses.cloudSigmaUnauthorized
        }
        if resource == "currentusage" {
            let usage = simulator.cloudSigmaUsage()
            let fault = simulator.decidePriceFault(apiRequest)
            return try await answer(fault: fault, request: apiRequest, context: context) { ProviderResponses.jsonReply(.ok, usage) }
        }
        if resource == "balance" {
            let balance = simulator.priceList { [$0.cloudSigmaBalance()] }
            let fault = simulator.decidePriceFault(apiRequest)
            return try await answer(fault: fault, request: apiRequest, context: context) {
                ProviderResponses.jsonReply(.ok, balance[0])
            }
        }
        let query = request.uri.queryParameters
        let limit = Int(query["limit"].map(String.init) ?? "0") ?? 0
        let offset = Int(query["offset"].map(String.init) ?? "0") ?? 0
        let all = simulator.priceList { resource == "subscriptions" ? $0.cloudSigmaSubscriptionObjects() : $0.cloudSigmaPricing() }
        let page = limit == 0 ? Array(all.dropFirst(offset)) : Array(all.dropFirst(offset).prefix(limit))
        var served = apiRequest
        served.hasNextPage = offset + page.count < all.count
        let fault = simulator.decidePriceFault(served)
        // Burst is billed at level 1 now (the list has levels 0 and 1).
        let levels: JSONValue = .object(SimulatedPriceBook.cloudSigmaBase.map { ($0.resource, .int(1)) })
        if resource == "subscriptions" {
            return try await answer(fault: fault, request: served, context: context) {
                ProviderResponses.jsonReply(.ok, .object([
                    ("meta", .object([("limit", .int(Int64(limit))), ("offset", .int(Int64(offset))), ("total_count", .int(Int64(all.count)))])),
                    ("objects", .array(page)),
                ]))
            }
        }
        return try await answer(fault: fault, request: served, context: context) {
            ProviderResponses.jsonReply(.ok, .object([
                ("current", levels),
                ("meta", .object([("limit", .int(Int64(limit))), ("offset", .int(Int64(offset))), ("total_count", .int(Int64(all.count)))])),
                ("next", levels), ("objects", .array(page)),
            ]))
        }
    }
}

extension FleetSimulator {
    /// currentusage/ of the fleet as it is now, read under the lock.
    func cloudSigmaUsage() -> JSONValue {
        withFleet { fleet in SimulatedPriceBook(epoch: fleet.epoch).cloudSigmaUsage(fleet) }
    }

    /// What `body` makes of the price book of the fleet's epoch.
    func priceList<T>(_ body: (SimulatedPriceBook) -> [T]) -> [T] {
        body(SimulatedPriceBook(epoch: epoch))
    }
}
