import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves a `FleetSimulator` over HTTP on loopback.
public enum SimulatorServer {
    /// Serves until the task is cancelled or, with `stopOnSignals`, SIGINT or SIGTERM arrives.
    ///
    /// - Parameters:
    ///   - port: the TCP port; 0 picks a free one.
    ///   - onListening: called once with the bound port, before any request is answered.
    public static func run(
        _ simulator: FleetSimulator, host: String = "127.0.0.1", port: Int = 0,
        stopOnSignals: Bool = false, onListening: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let app = application(simulator, host: host, port: port, onListening: onListening)
        do {
            try await app.runService(gracefulShutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [])
        } catch let error as IOError {
            let reason = switch error.errnoCode {
            case EADDRINUSE: "the port is already in use by another program"
            case EACCES: "this user may not listen on that port"
            default: String(cString: strerror(error.errnoCode))
            }
            throw SimulatorError.couldNotBind(host: host, port: port, reason: reason)
        }
    }

    /// Starts the simulator on a free loopback port, runs `body` with its base URL
    /// (`http://127.0.0.1:PORT`), then shuts the server down gracefully.
    public static func withRunning<Result: Sendable>(
        _ simulator: FleetSimulator, _ body: @Sendable (String) async throws -> Result
    ) async throws -> Result {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(simulator, host: "127.0.0.1", port: 0) { continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw SimulatorError.couldNotBind(host: "127.0.0.1", port: 0, reason: "the server stopped before listening")
            }
            continuation.finish()
            let outcome: Swift.Result<Result, any Error>
            do {
                outcome = .success(try await body("http://127.0.0.1:\(port)"))
            } catch {
                outcome = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try outcome.get()
        }
    }

    private static func application(
        _ simulator: FleetSimulator, host: String, port: Int, onListening: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        var logger = simulator.logger
        logger[metadataKey: "component"] = "http"
        logger.logLevel = max(logger.logLevel, .notice)
        return Application(
            responder: SimulatorResponder(simulator: simulator),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger)
    }
}
