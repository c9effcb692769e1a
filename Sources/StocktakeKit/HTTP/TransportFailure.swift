import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Reads what went wrong below HTTP: whether the host cannot be reached at all
/// (worth no more than one quick retry) and a message a person can act on.
enum TransportFailure {
    /// Why the host cannot be reached at all, or nil when the failure may pass.
    static func unreachable(_ error: any Error) -> String? {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused (nothing listens there)"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
            default: return nil
            }
        }
        if let connection = error as? NIOConnectionError {
            if connection.dnsAError != nil || connection.dnsAAAAError != nil,
               connection.connectionErrors.isEmpty {
                return "its name does not resolve"
            }
            return connection.connectionErrors.lazy.compactMap { unreachable($0.error) }.first
        }
        if error is SocketAddressError { return "its name does not resolve" }
        return nil
    }

    /// A short description of a transport failure.
    static func describe(_ error: any Error) -> String {
        if let client = error as? HTTPClientError {
            switch client {
            case .readTimeout, .deadlineExceeded: return "no response within the timeout (sync.timeout_seconds)"
            case .connectTimeout: return "the connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(client)"
            }
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}
