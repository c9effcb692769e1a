/// How a request that failed in a passing way is retried: exponential backoff
/// with jitter, honouring `Retry-After`.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// The first backoff; each retry doubles it.
    public var baseDelay: Duration
    /// No backoff (nor `Retry-After`) waits longer than this.
    public var maxDelay: Duration

    public init(maxRetries: Int = 5, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(30)) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry number `attempt` (1 for the first retry).
    ///
    /// With a `Retry-After` of N seconds the wait is N seconds (capped); otherwise
    /// it is a random duration between half and all of `base x 2^(attempt-1)`.
    public func delay(attempt: Int, retryAfter: Int?) -> Duration {
        if let retryAfter {
            return min(.seconds(max(0, retryAfter)), maxDelay)
        }
        let exponential = baseDelay * (1 << min(attempt - 1, 20))
        let capped = min(exponential, maxDelay)
        return capped * Double.random(in: 0.5...1.0)
    }
}
