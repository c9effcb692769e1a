import Foundation
import Logging
import NIOCore

/// GET requests for one account: its credentials, its cap on requests in
/// flight, its timeout and the retry policy. 401 and 403 fail at once; 429,
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

    private enum Verdict {
        case success
        case authentication
        case retry(after: Int?)
        case failure
    }

    func get(_ url: String) async throws -> HTTPReply {
        let display = Self.displayable(url)
        var attempt = 0
        while true {
            let failure: SyncError
            var retryAfter: Int?
            do {
                let reply = try await gate.withPermit { [transport, authorization, timeout] in
                    try await transport.get(url, headers: [authorization, ("Accept", "application/json")], timeout: timeout)
                }
                logger.debug("GET \(display) -> \(reply.status)", metadata: ["account": "\(account)"])
                switch verdict(reply) {
                case .success:
                    return reply
                case .authentication:
                    throw SyncError.authentication(account: account, provider: provider, status: reply.status)
                case .failure:
                    throw SyncError.http(account: account, url: display, status: reply.status, detail: Self.detail(reply))
                case .retry(let after):
                    retryAfter = after
                    failure = .http(account: account, url: display, status: reply.status, detail: Self.detail(reply))
                }
            } catch let error as SyncError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.debug("GET \(display) failed: \(error)", metadata: ["account": "\(account)"])
                failure = .transport(account: account, url: display, detail: String(describing: error))
            }
            attempt += 1
            guard attempt <= policy.maxRetries else { throw failure }
            let delay = policy.delay(attempt: attempt, retryAfter: retryAfter)
            logger.info("retrying after \(delay)", metadata: ["account": "\(account)", "url": "\(display)",
                                                               "attempt": "\(attempt)", "reason": "\(failure)"])
            try await Task.sleep(for: delay)
        }
    }

    private func verdict(_ reply: HTTPReply) -> Verdict {
        switch reply.status {
        case 200..<300: return .success
        case 401, 403: return .authentication
        case 429, 502, 503, 504: return .retry(after: reply.header("Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        case 409 where Self.detail(reply).lowercased().contains("concurren") || provider == .cloudsigma:
            return .retry(after: reply.header("Retry-After").flatMap { Int($0) })
        default: return .failure
        }
    }

    /// The provider's error message from the body, shortened.
    static func detail(_ reply: HTTPReply) -> String {
        let bytes = reply.body.getBytes(at: reply.body.readerIndex, length: min(reply.body.readableBytes, 4096)) ?? []
        let json = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        let message: String?
        if let object = json as? [String: Any] {
            message = [object["type"], object["message"]].compactMap { $0 as? String }.joined(separator: ": ")
        } else if let list = json as? [[String: Any]], let first = list.first {
            message = [first["error_type"], first["error_message"]].compactMap { $0 as? String }.joined(separator: ": ")
        } else {
            message = nil
        }
        return String((message ?? "").prefix(300))
    }

    /// The URL without any user:password@ part.
    static func displayable(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}
