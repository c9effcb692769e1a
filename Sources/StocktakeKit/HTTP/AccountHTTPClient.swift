import Foundation
import Logging
import NIOCore

/// GET requests for one account: its credentials, its cap on requests in
/// flight, its timeout and the retry policy. 401 and 403 fail at once (401
/// the account, 403 the listing); 429,
/// 502, 503, 504, CloudSigma's `concurrency` error, timeouts and cut
/// connections are retried with backoff.
struct AccountHTTPClient: Sendable {
    let account: String
    let provider: Provider
    let transport: any HTTPTransport
    let gate: AsyncSemaphore
    let policy: RetryPolicy
    let timeout: Duration
    /// The header that authenticates; never logged, never in a message.
    let authorization: (name: String, value: String)
    let logger: Logger

    func get(_ url: String) async throws -> HTTPReply {
        let display = Self.displayable(url)
        var attempt = 0
        while true {
            let failure: SyncError
            var retryAfter: Duration?
            var retries = policy.maxRetries
            do {
                let reply = try await gate.withPermit { [transport, authorization, timeout] in
                    try await transport.get(url, headers: [authorization, ("Accept", "application/json")], timeout: timeout)
                }
                logger.debug("GET \(display) -> \(reply.status)", metadata: ["account": "\(account)"])
                let error = Self.error(reply)
                switch policy.verdict(status: reply.status, errorType: error.type, retryAfter: reply.header("Retry-After")) {
                case .success:
                    return reply
                case .authentication:
                    throw SyncError.authentication(account: account, provider: provider, status: reply.status)
                case .forbidden:
                    throw SyncError.forbidden(account: account, provider: provider, url: display, detail: error.text)
                case .failure:
                    throw SyncError.http(account: account, provider: provider, url: display, status: reply.status, detail: error.text)
                case .retry(let after):
                    retryAfter = after
                    failure = .http(account: account, provider: provider, url: display, status: reply.status, detail: error.text)
                }
            } catch let error as SyncError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch let oversized as OversizedBody {
                throw SyncError.invalidResponse(
                    account: account, url: display,
                    detail: "a body of more than \(oversized.limit >= 1 << 20 ? "\(oversized.limit >> 20) MB" : "\(oversized.limit) bytes"), which no listing page is; nothing was applied")
            } catch {
                logger.debug("GET \(display) failed: \(error)", metadata: ["account": "\(account)"])
                if let reason = TransportFailure.unreachable(error) {
                    failure = .unreachable(account: account, host: Self.host(of: url), reason: reason)
                    retries = min(retries, policy.unreachableRetries)
                } else {
                    failure = .transport(account: account, url: display, detail: TransportFailure.describe(error))
                }
            }
            attempt += 1
            guard attempt <= retries else { throw failure }
            let delay = policy.delay(attempt: attempt, retryAfter: retryAfter)
            logger.info("retrying after \(delay)", metadata: ["account": "\(account)", "url": "\(display)",
                                                               "attempt": "\(attempt)", "reason": "\(failure)"])
            try await Task.sleep(for: delay)
        }
    }

    /// The provider's error type and message from the body, the message shortened.
    static func error(_ reply: HTTPReply) -> (type: String?, text: String) {
        guard reply.status >= 300 else { return (nil, "") }
        let bytes = reply.body.getBytes(at: reply.body.readerIndex, length: min(reply.body.readableBytes, 4096)) ?? []
        let json = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        let type: String?
        let message: String?
        if let object = json as? [String: Any] {
            type = object["type"] as? String
            message = [object["type"], object["message"]].compactMap { $0 as? String }.joined(separator: ": ")
        } else if let list = json as? [[String: Any]], let first = list.first {
            type = first["error_type"] as? String
            message = [first["error_type"], first["error_message"]].compactMap { $0 as? String }.joined(separator: ": ")
        } else {
            type = nil
            message = nil
        }
        return (type, String((message ?? "").prefix(300)))
    }

    /// The host (and port) of a URL, for messages.
    static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return displayable(url) }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// The URL without any user:password@ part.
    static func displayable(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}
