import Foundation
import NIOCore
@testable import StocktakeKit

/// Serves fixed bodies by URL substring, to feed the sync objects shaped
/// exactly as in the provider API documents.
struct FixtureTransport: HTTPTransport {
    /// (URL substring, body, extra headers), first match wins.
    let routes: [(String, String, [(String, String)])]

    func get(_ url: String, headers: [(name: String, value: String)], timeout: Duration) async throws -> HTTPReply {
        guard let route = routes.first(where: { url.contains($0.0) }) else {
            return HTTPReply(status: 404, headers: [], body: ByteBuffer(string: #"{"type":"not_found","message":"no fixture"}"#))
        }
        return HTTPReply(status: 200, headers: route.2.map { (name: $0.0, value: $0.1) }, body: ByteBuffer(string: route.1))
    }

    /// Fixtures that are real recordings are read from `../shared/recordings` in place.
    static let recorded = ["cloudsigma-servers-detail": "cloudsigma-docs/hist-2013-12-10/server_list_detail.json"]

    static func fixture(_ name: String) throws -> String {
        if let path = recorded[name] { return try Recordings.text(path) }
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
