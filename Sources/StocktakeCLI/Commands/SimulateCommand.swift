import ArgumentParser
import Foundation
import Logging
import Simulator

/// `stocktake simulate`: serve a simulated Scaleway and CloudSigma account on loopback.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a simulated Scaleway and CloudSigma fleet on 127.0.0.1.",
        discussion: """
            Prints `listening on http://127.0.0.1:PORT` as its first line, then serves the Scaleway \
            Instance API under /instance/v1/zones/{zone}/, the CloudSigma API 2.0 under /api/2.0/ \
            and the simulator's admin API under /_simulator/ until SIGINT or SIGTERM.

            Examples:
              stocktake simulate --port 8080
              stocktake simulate --servers 2000 --drives 4000 --seed 7
              curl -X POST 'http://127.0.0.1:8080/_simulator/epoch?churn=0.05'
            """
    )

    @Option(help: "TCP port on 127.0.0.1; 0 picks a free port.")
    var port = 0

    @Option(help: "Seed of the generated fleet; the same arguments give the same fleet.")
    var seed: UInt64 = 1

    // `.unconditional`: `--servers -3` is a bad count to explain, not an option missing its value.
    @Option(parsing: .unconditional, help: "Servers in all, half on Scaleway (spread over the zones) and half on CloudSigma.")
    var servers = 60

    @Option(parsing: .unconditional, help: "Drives and volumes in all, half Scaleway volumes and half CloudSigma drives.")
    var drives = 120

    @Option(help: "Comma-separated Scaleway zones that hold resources.")
    var zones = "fr-par-1,nl-ams-1"

    @Option(help: "The CloudSigma location name the fleet is in.")
    var location = "zrh"

    @Option(help: "The Scaleway secret key (X-Auth-Token) to accept.")
    var scalewaySecretKey = SimulatorCredentials.default.scalewaySecretKey

    @Option(help: "The CloudSigma user name to accept.")
    var cloudsigmaUsername = SimulatorCredentials.default.cloudSigmaUsername

    @Option(help: "The CloudSigma password to accept.")
    var cloudsigmaPassword = SimulatorCredentials.default.cloudSigmaPassword

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .notice

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a TCP port; use 1 to 65535, or 0 for a free one")
        }
        for (name, count) in [("--servers", servers), ("--drives", drives)] where count < 0 {
            throw ValidationError("\(name) \(count) is not a number of resources; use 0 or more")
        }
    }

    func run() async throws {
        LogSetup.bootstrap(level: logLevel)
        let configuration = FleetConfiguration(
            seed: seed, servers: servers, drives: drives,
            zones: zones.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, location: location)
        let credentials = SimulatorCredentials(
            scalewaySecretKey: scalewaySecretKey, cloudSigmaUsername: cloudsigmaUsername,
            cloudSigmaPassword: cloudsigmaPassword)
        let simulator: FleetSimulator
        do {
            simulator = try FleetSimulator(configuration: configuration, credentials: credentials)
        } catch {
            Diagnostics.error(error.description)
            throw ExitCode.validationFailure
        }
        do {
            try await SimulatorServer.run(simulator, port: port, stopOnSignals: true) { port in
                FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)\n".utf8))
                Self.describe(configuration, port: port)
            }
        } catch let error as SimulatorError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(69)
        }
    }

    private static func describe(_ configuration: FleetConfiguration, port: Int) {
        let base = "http://127.0.0.1:\(port)"
        let regions = ScalewayPrivateNetwork.regions(of: configuration.zones)
        let text = """
            simulating \(configuration.servers) servers and \(configuration.drives) drives and volumes (seed \(configuration.seed))
              Scaleway:   \(base)/instance/v1/zones/{\(configuration.zones.joined(separator: ","))}/servers, /volumes, /ips, /security_groups, /snapshots
                          \(base)/block/v1/zones/{\(configuration.zones.joined(separator: ","))}/volumes and /snapshots (Block Storage)
                          \(base)/vpc/v2/regions/{\(regions.joined(separator: ","))}/private-networks (VPC, per region)
              CloudSigma: \(base)/api/2.0/servers/detail/, /drives/detail/, /ips/detail/, /snapshots/detail/ and /vlans/detail/ (location \(configuration.location))
              admin:      \(base)/_simulator/truth, POST /_simulator/epoch?churn=0.01, /_simulator/faults, /_simulator/stats
            stop with Ctrl-C

            """
        FileHandle.standardError.write(Data(text.utf8))
    }
}
