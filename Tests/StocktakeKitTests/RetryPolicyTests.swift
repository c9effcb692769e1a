import Foundation
@testable import StocktakeKit
import Testing

@Suite("Retry policy: which statuses, how long, Retry-After")
struct RetryPolicyTests {
    let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(250), maxDelay: .seconds(30))

    @Test("Statuses: 2xx succeed, 401 is the credentials, 403 one listing, 429/502/503/504 retry, everything else fails", arguments: [
        (200, nil as String?, RetryPolicy.Verdict.success), (204, nil, .success),
        (401, nil, .authentication), (403, "permissions_denied", .forbidden), (403, nil, .forbidden),
        (429, nil, .retry(after: nil)), (502, nil, .retry(after: nil)), (503, nil, .retry(after: nil)), (504, nil, .retry(after: nil)),
        (409, "concurrency", .retry(after: nil)), (409, "Concurrency", .retry(after: nil)),
        (409, "conflict", .failure), (409, nil, .failure), (409, "validation", .failure),
        (400, nil, .failure), (404, "notexist", .failure), (500, nil, .failure), (501, nil, .failure),
    ])
    func statuses(status: Int, errorType: String?, expected: RetryPolicy.Verdict) {
        #expect(policy.verdict(status: status, errorType: errorType, retryAfter: nil) == expected)
    }

    @Test("Retry-After as seconds or as an HTTP date; unreadable or absent means backoff")
    func retryAfterForms() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T12:00:00Z"))
        #expect(RetryPolicy.retryAfter("3", now: now) == .seconds(3))
        #expect(RetryPolicy.retryAfter(" 0 ", now: now) == .seconds(0))
        #expect(RetryPolicy.retryAfter("-4", now: now) == .seconds(0))
        #expect(RetryPolicy.retryAfter("Thu, 26 Nov 2026 12:00:05 GMT", now: now) == .seconds(5))
        #expect(RetryPolicy.retryAfter("Thursday, 26-Nov-26 12:00:07 GMT", now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter("Thu Nov 26 12:00:09 2026", now: now) == .seconds(9))
        #expect(RetryPolicy.retryAfter("Thu, 26 Nov 2026 11:59:00 GMT", now: now) == .zero, "a past date waits nothing")
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter(nil, now: now) == nil)
        #expect(policy.verdict(status: 429, errorType: nil, retryAfter: "Thu, 26 Nov 2026 12:00:02 GMT", now: now) == .retry(after: .seconds(2)))
    }

    @Test("Backoff doubles from the base with jitter in [half, all], is capped, and Retry-After is capped too")
    func backoffBounds() {
        for attempt in 1...12 {
            let full = min(Duration.milliseconds(250) * (1 << (attempt - 1)), .seconds(30))
            for _ in 0..<50 {
                let delay = policy.delay(attempt: attempt, retryAfter: nil)
                #expect(delay >= full / 2 && delay <= full, "attempt \(attempt): \(delay)")
            }
        }
        #expect(policy.delay(attempt: 1, retryAfter: .seconds(4)) == .seconds(4))
        #expect(policy.delay(attempt: 1, retryAfter: .seconds(3600)) == .seconds(30))
        #expect(policy.delay(attempt: 1_000_000, retryAfter: nil) <= .seconds(30))
    }
}
