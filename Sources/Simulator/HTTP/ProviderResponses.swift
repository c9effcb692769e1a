import HTTPTypes
import Hummingbird
import NIOCore

/// The error bodies and statuses each provider really answers with.
enum ProviderResponses {
    static let totalCountHeader = HTTPField.Name("X-Total-Count")!
    static let linkHeader = HTTPField.Name("Link")!

    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        jsonReply(status, bytes, headers: headers).response
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        json(status, JSONWriter.bytes(of: value), headers: headers)
    }

    static func jsonReply(_ status: HTTPResponse.Status, _ value: JSONValue) -> Reply {
        jsonReply(status, JSONWriter.bytes(of: value), headers: [:])
    }

    static func jsonReply(_ status: HTTPResponse.Status, _ bytes: [UInt8], headers: HTTPFields) -> Reply {
        var fields = headers
        fields[.contentType] = "application/json"
        return Reply(status, body: ByteBuffer(bytes: bytes), headers: fields)
    }

    // MARK: Scaleway: {"message", "type", ...}

    static func scaleway(_ status: Int, message: String, type: String, extra: [(String, JSONValue)] = []) -> Response {
        json(.init(code: status), .object([("message", .string(message))] + extra + [("type", .string(type))]))
    }

    static let scalewayUnauthorized = scaleway(
        401, message: "authentication is denied", type: "denied_authentication",
        extra: [("method", .string("api_key")), ("reason", .string("invalid_argument"))])

    /// `resource` is the listing (servers, volumes, block_volumes): a 403 names what may not be read, as the API does.
    static func scalewayError(status: Int, resource: String? = nil) -> Response {
        switch status {
        case 401: return scalewayUnauthorized
        case 403:
            let denied = resource.flatMap { SimulatedListing.named($0, on: .scaleway) }?.deniedResource ?? "compute_servers"
            return scaleway(403, message: "insufficient permissions", type: "permissions_denied", extra: [
                ("details", .array([.object([("resource", .string(denied)), ("action", .string("read"))])])),
            ])
        case 404: return scaleway(404, message: "resource is not found", type: "not_found")
        case 409: return scaleway(409, message: "resource is busy, retry later", type: "conflict")
        case 400..<500: return scaleway(status, message: "invalid request", type: "invalid_request_error")
        case 500: return scaleway(500, message: "internal error", type: "internal_error")
        default: return scaleway(status, message: "service unavailable, retry later", type: "service_unavailable")
        }
    }

    static func scalewayInvalidArgument(_ name: String, _ help: String) -> Response {
        scaleway(400, message: "invalid argument(s)", type: "invalid_arguments", extra: [
            ("details", .array([.object([
                ("argument_name", .string(name)), ("reason", .string("constraint")), ("help_message", .string(help)),
            ])])),
        ])
    }

    // MARK: CloudSigma: [{"error_point", "error_type", "error_message"}]

    static func cloudSigma(_ status: Int, type: String, message: String, point: String? = nil) -> Response {
        json(.init(code: status), .array([.object([
            ("error_point", .optional(point)), ("error_type", .string(type)), ("error_message", .string(message)),
        ])]))
    }

    static let cloudSigmaUnauthorized: Response = {
        var response = cloudSigma(401, type: "permission", message: "Authentication credentials were not provided or are invalid.")
        response.headers[.wwwAuthenticate] = "Basic realm=\"cloudsigma\""
        return response
    }()

    static func cloudSigmaError(status: Int) -> Response {
        switch status {
        case 401: return cloudSigmaUnauthorized
        case 403: return cloudSigma(403, type: "permission", message: "You do not have permission to access this resource.")
        case 404: return cloudSigma(404, type: "notexist", message: "Object does not exist.")
        case 409: return cloudSigma(409, type: "concurrency", message: "Concurrent request limit reached, retry later.")
        case 400..<500: return cloudSigma(status, type: "validation", message: "Invalid request.")
        default: return cloudSigma(status, type: "backend", message: "Backend error, retry later.")
        }
    }

    static func rateLimited(provider: SimulatedProvider, retryAfter: Int?) -> Response {
        guard let retryAfter else {
            return Response(status: .tooManyRequests, headers: [.contentLength: "0"], body: .init())
        }
        var response: Response
        switch provider {
        case .scaleway: response = scaleway(429, message: "rate limit exceeded, retry later", type: "too_many_requests")
        case .cloudsigma: response = cloudSigma(429, type: "throttled", message: "Request was throttled, retry later.")
        }
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }

    static func error(_ provider: SimulatedProvider, status: Int, resource: String? = nil) -> Response {
        switch provider {
        case .scaleway: return scalewayError(status: status, resource: resource)
        case .cloudsigma: return cloudSigmaError(status: status)
        }
    }
}
