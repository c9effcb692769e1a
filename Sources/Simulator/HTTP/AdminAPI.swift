import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The simulator's own HTTP API under `/_simulator/`, a path no real API uses.
///
/// - `GET /_simulator/truth`: the ground truth (`GroundTruth` as JSON).
/// - `POST /_simulator/epoch?churn=0.01`: advance one epoch; answers the epoch and its changes.
/// - `GET /_simulator/changes[?epoch=N]`: the change log, or one epoch of it.
/// - `GET|POST|DELETE /_simulator/faults`: list, add (a `FaultRule` as JSON), clear.
/// - `GET /_simulator/stats`: requests served per endpoint, faults fired per kind.
struct AdminAPI {
    let simulator: FleetSimulator

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func respond(to request: Request, segments: [String]) async throws -> Response {
        switch (request.method, segments) {
        case (.get, ["truth"]):
            return try encoded(simulator.groundTruth())
        case (.post, ["epoch"]):
            let churn = request.uri.queryParameters["churn"].map(String.init) ?? "0.01"
            guard let rate = Double(churn) else { return problem("churn must be a number between 0 and 1, got '\(churn)'") }
            let changes: [FleetChange]
            do {
                changes = try simulator.advanceEpoch(churn: rate)
            } catch {
                return problem(error.description)
            }
            return try encoded(EpochReport(epoch: simulator.epoch, changes: changes))
        case (.get, ["changes"]):
            let truth = simulator.groundTruth()
            guard let epochText = request.uri.queryParameters["epoch"] else { return try encoded(truth.changes) }
            guard let epoch = Int(epochText) else { return problem("epoch must be a whole number, got '\(epochText)'") }
            return try encoded(truth.changes(inEpoch: epoch))
        case (.get, ["faults"]):
            return try encoded(simulator.faults)
        case (.post, ["faults"]):
            let body = try await request.body.collect(upTo: 1 << 20)
            let rule: FaultRule
            do {
                rule = try JSONDecoder().decode(FaultRule.self, from: Data(buffer: body))
                try simulator.addFault(rule)
            } catch let error as SimulatorError {
                return problem(error.description)
            } catch {
                return problem("the body must be a fault rule as JSON, e.g. {\"kind\":\"rate_limit\",\"count\":2}: \(error)")
            }
            return try encoded(simulator.faults, status: .created)
        case (.delete, ["faults"]):
            simulator.clearFaults()
            return Response(status: .noContent)
        case (.get, ["stats"]):
            return try encoded(simulator.stats())
        default:
            return ProviderResponses.json(.notFound, .object([
                ("error", .string("no admin endpoint \(request.method) /_simulator/\(segments.joined(separator: "/")); "
                    + "try GET truth, POST epoch, GET changes, GET|POST|DELETE faults, GET stats")),
            ]))
        }
    }

    private func encoded(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        ProviderResponses.json(status, Array(try Self.encoder.encode(value)))
    }

    private func problem(_ message: String) -> Response {
        ProviderResponses.json(.badRequest, .object([("error", .string(message))]))
    }

    struct EpochReport: Encodable {
        var epoch: Int
        var changes: [FleetChange]
    }
}
