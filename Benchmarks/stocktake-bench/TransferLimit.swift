import AsyncHTTPClient
import Foundation
import NIOCore
import StocktakeKit

/// The first limit a sync cannot beat: fetching every page of the same listings
/// with the same concurrency and page size, throwing the bytes away.
enum TransferLimit {
    static let scalewayKey = "11111111-1111-4111-8111-111111111111"
    static let cloudSigmaAuthorization = "Basic " + Data("cs@example.com:cs-pass".utf8).base64EncodedString()

    /// Seconds and bytes to read every page once.
    static func measure(baseURL: String, zones: [String], concurrency: Int, pageSize: Int) async throws -> (seconds: Double, bytes: Int) {
        let started = ContinuousClock.now
        let bytes = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try await readAccount(concurrency: concurrency, listings: zones.flatMap { zone in
                    ["servers", "volumes"].map { kind in
                        Listing(first: { page in "\(baseURL)/instance/v1/zones/\(zone)/\(kind)?page=\(page + 1)&per_page=\(pageSize)" },
                                header: ("X-Auth-Token", scalewayKey), pageSize: pageSize, totalFromHeader: true)
                    }
                })
            }
            group.addTask {
                let tags = try await fetch("\(baseURL)/api/2.0/tags/?limit=0", header: ("Authorization", cloudSigmaAuthorization))
                let listings = ["servers", "drives"].map { kind in
                    Listing(first: { page in "\(baseURL)/api/2.0/\(kind)/detail/?limit=\(pageSize)&offset=\(page * pageSize)" },
                            header: ("Authorization", cloudSigmaAuthorization), pageSize: pageSize, totalFromHeader: false)
                }
                return try await readAccount(concurrency: concurrency, listings: listings) + tags.bytes
            }
            return try await group.reduce(0, +)
        }
        return ((ContinuousClock.now - started).seconds, bytes)
    }

    struct Listing: Sendable {
        let first: @Sendable (Int) -> String
        let header: (String, String)
        let pageSize: Int
        let totalFromHeader: Bool
    }

    /// All listings of one account concurrently, at most `concurrency` requests in flight.
    static func readAccount(concurrency: Int, listings: [Listing]) async throws -> Int {
        let gate = AsyncSemaphore(concurrency)
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for listing in listings {
                group.addTask { try await read(listing, gate: gate, window: concurrency) }
            }
            return try await group.reduce(0, +)
        }
    }

    static func read(_ listing: Listing, gate: AsyncSemaphore, window: Int) async throws -> Int {
        let first = try await gate.withPermit { try await fetch(listing.first(0), header: listing.header) }
        let pages = (first.total + listing.pageSize - 1) / listing.pageSize
        guard pages > 1 else { return first.bytes }
        return try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 1
            var total = first.bytes
            for _ in 0..<min(window, pages - 1) {
                let page = next
                next += 1
                group.addTask { try await gate.withPermit { try await fetch(listing.first(page), header: listing.header).bytes } }
            }
            while let bytes = try await group.next() {
                total += bytes
                if next < pages {
                    let page = next
                    next += 1
                    group.addTask { try await gate.withPermit { try await fetch(listing.first(page), header: listing.header).bytes } }
                }
            }
            return total
        }
    }

    /// GETs a page, counting its bytes without keeping them; reads the total from the header or the body's meta.
    static func fetch(_ url: String, header: (String, String)) async throws -> (bytes: Int, total: Int) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: header.0, value: header.1)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        var bytes = 0
        var head: [UInt8] = []
        for try await chunk in response.body {
            if head.count < 128 { head += chunk.readableBytesView.prefix(128 - head.count) }
            bytes += chunk.readableBytes
        }
        if let total = response.headers.first(name: "X-Total-Count").flatMap(Int.init) {
            return (bytes, total)
        }
        let text = String(decoding: head, as: UTF8.self)
        guard let range = text.range(of: "\"total_count\":") else { return (bytes, 0) }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return (bytes, Int(digits) ?? 0)
    }
}

