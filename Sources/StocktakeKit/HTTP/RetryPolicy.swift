import Foundation

/// Which responses are retried, and how long to wait: exponential backoff with
/// jitter, honouring `Retry-After` (seconds or an HTTP date).
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// The first backoff; each retry doubles it.
    public var baseDelay: Duration
    /// No backoff (nor `Retry-After`) waits longer than this.
    public var maxDelay: Duration
    /// Retries of a host that refuses connections or does not resolve: it is not coming back in seconds.
    public var unreachableRetries = 1

    public init(maxRetries: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(30)) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// What to do with a response.
    public enum Verdict: Equatable, Sendable {
        case success
        /// 401: the credentials are refused, for the whole account.
        case authentication
        /// 403: the credentials are good but may not read this listing.
        case forbidden
        /// A passing failure: retry, after `Retry-After` when the response gave one.
        case retry(after: Duration?)
        /// A failure that retrying does not fix.
        case failure
    }

    /// The verdict on a status; `errorType` is the provider's error type from the body
    /// (CloudSigma's `concurrency` is the only 409 worth retrying).
    public func verdict(status: Int, errorType: String?, retryAfter header: String?, now: Date = Date()) -> Verdict {
        switch status {
        case 200..<300: return .success
        case 401: return .authentication
        case 403: return .forbidden
        case 429, 502, 503, 504: return .retry(after: Self.retryAfter(header, now: now))
        case 409 where errorType?.lowercased() == "concurrency": return .retry(after: Self.retryAfter(header, now: now))
        default: return .failure
        }
    }

    /// A `Retry-After` value: delay seconds, or an HTTP date (past dates wait nothing); nil when absent or unreadable.
    public static func retryAfter(_ header: String?, now: Date = Date()) -> Duration? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded(.up))))
            }
        }
        return nil
    }

    /// The wait before retry number `attempt` (1 for the first retry).
    ///
    /// With a `Retry-After` the wait is that (capped at `maxDelay`); otherwise
    /// it is a random duration between half and all of `base x 2^(attempt-1)`.
    public func delay(attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter {
            return min(max(.zero, retryAfter), maxDelay)
        }
        let exponential = baseDelay * (1 << min(max(0, attempt - 1), 20))
        let capped = min(exponential, maxDelay)
        return capped * Double.random(in: 0.5...1.0)
    }
}
