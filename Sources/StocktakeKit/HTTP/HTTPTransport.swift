import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// An HTTP response as the providers' readers need it.
public struct HTTPReply: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: ByteBuffer

    public init(status: Int, headers: [(name: String, value: String)], body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends one GET request. Injectable, so tests can put anything between the
/// client and the wire.
public protocol HTTPTransport: Sendable {
    func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply
}

/// The real transport: one AsyncHTTPClient for the process.
///
/// Its connection attempts fail at once instead of being retried inside the
/// client until the request's deadline: the retry policy decides, and a host
/// that refuses connections fails in seconds, not minutes.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Bodies above this size are refused rather than buffered: a page of at most 100 objects is a
    /// few hundred kilobytes, so a larger body is a broken or hostile server, not a listing.
    public let maximumBodyBytes: Int

    /// Lives as long as the process (a static is never deinitialized, so it needs no shutdown).
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(maximumBodyBytes: Int = 64 << 20) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        for header in headers {
            request.headers.add(name: header.name, value: header.value)
        }
        let seconds = timeout.components.seconds
        let response = try await Self.client.execute(request, timeout: .seconds(max(1, seconds)))
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: maximumBodyBytes)
        } catch is NIOTooManyBytesError {
            throw OversizedBody(limit: maximumBodyBytes)
        }
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }
}

/// A response body larger than the transport accepts; never retried.
public struct OversizedBody: Error, Sendable {
    public let limit: Int
}
