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
        var logger = simulator.logger
        logger[metadataKey: "component"] = "http"
        let app = Application(
            responder: SimulatorResponder(simulator: simulator),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? port)
            },
            logger: logger)
        do {
            try await app.runService(gracefulShutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [])
        } catch let error as IOError {
            throw SimulatorError.couldNotBind(host: host, port: port, reason: error.description)
        }
    }

    /// Starts the simulator on a free loopback port, runs `body` with its base URL
    /// (`http://127.0.0.1:PORT`), then stops the server.
    public static func withRunning<Result: Sendable>(
        _ simulator: FleetSimulator, _ body: @Sendable (String) async throws -> Result
    ) async throws -> Result {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await run(simulator, onListening: { port in continuation.yield(port) })
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw SimulatorError.couldNotBind(host: "127.0.0.1", port: 0, reason: "the server stopped before listening")
            }
            continuation.finish()
            let result: Result
            do {
                result = try await body("http://127.0.0.1:\(port)")
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
            return result
        }
    }
}
