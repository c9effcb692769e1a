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

/// The real transport: AsyncHTTPClient's shared client.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Bodies above this size are refused rather than buffered.
    public static let maximumBodyBytes = 1 << 30

    public init() {}

    public func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        for header in headers {
            request.headers.add(name: header.name, value: header.value)
        }
        let seconds = timeout.components.seconds
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(max(1, seconds)))
        let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
        return HTTPReply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }
}
