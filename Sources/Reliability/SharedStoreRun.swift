import Foundation
import Simulator
import StocktakeKit

/// Hosts: one PostgreSQL inventory shared by four `stocktake sync` processes at once, one per
/// account of two simulated fleets (as four cron hosts would), some SIGKILLed at random moments.
/// After each cycle every scope is whole (all before or all after), a settling round brings the
/// inventory to the truth, and each account's runs are numbered in the order they ran (one
/// writer per account). Two processes syncing the same account: one exits 75, or waits with `--wait`.
public struct SharedStoreRun: Sendable {
    public var bounds: RunBounds
    /// The `stocktake` binary.
    public var binary: String
    /// A PostgreSQL URL whose server the run creates its own database on (and drops at the end).
    public var store: String

    public init(_ bounds: RunBounds, binary: String, store: String) {
        self.bounds = bounds
        self.binary = binary
        self.store = store
    }

    /// One account of the run: its name, provider and the fleet it reads.
    private struct Host: Sendable {
        let account: String
        let provider: Provider
        let fleet: Int
    }

    private static let hosts = [
        Host(account: "scw-a", provider: .scaleway, fleet: 0), Host(account: "cs-a", provider: .cloudsigma, fleet: 0),
        Host(account: "scw-b", provider: .scaleway, fleet: 1), Host(account: "cs-b", provider: .cloudsigma, fleet: 1),
    ]

    public func run(_ fleet: FleetConfiguration, directory: String) async throws -> ReliabilityTally {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var second = fleet
        second.seed = fleet.seed &+ 1
        let simulators = [try FleetSimulator(configuration: fleet), try FleetSimulator(configuration: second)]
        return try await SimulatorServer.withRunning(simulators[0]) { first in
            try await SimulatorServer.withRunning(simulators[1]) { secondURL in
                try await ScratchDatabase.with(store) { location in
                    let config = try Self.writeConfiguration([first, secondURL], fleet: fleet, directory: directory)
                    return try await cycles(simulators, config: config, location: location, directory: directory)
                }
            }
        }
    }

    private func cycles(_ simulators: [FleetSimulator], config: String, location: PostgresLocation, directory: String) async throws -> ReliabilityTally {
        var tally = ReliabilityTally()
        var random = SplitMix64(seed: bounds.seed)
        let deadline = bounds.deadline()
        for simulator in simulators {
            // Every request a little slow, so that a sync lasts long enough to be killed anywhere in it.
            try simulator.addFault(FaultRule(.delay, fraction: 0.5, delayMilliseconds: 15))
        }
        let url = location.description
        let started = ContinuousClock.now
        let firsts = try await syncAll(config, url: url, kills: [nil, nil, nil, nil], directory: directory)
        tally.syncs += 4
        let span = max(0.2, (ContinuousClock.now - started).seconds)
        if firsts.contains(where: { $0 != 0 }) {
            tally.problems.append("hosts: the first syncs exited \(firsts)")
            return tally
        }
        var cycle = 0
        while cycle < bounds.count, ContinuousClock.now < deadline {
            cycle += 1
            for simulator in simulators { try simulator.advanceEpoch(churn: Double(random.below(10) + 2) / 100) }
            let before = try await inventory(location)
            let after = Self.truth(simulators)
            let kills = Self.hosts.map { _ in random.below(2) == 0 ? span * Double(random.below(95) + 3) / 100 : nil }
            _ = try await syncAll(config, url: url, kills: kills, directory: directory)
            tally.kills += kills.compactMap { $0 }.count
            tally.syncs += 4
            let scopes = Self.hosts.flatMap { host in
                ReliabilityHarness.scopes(account: host.account, provider: host.provider,
                                          zones: simulators[host.fleet].configuration.zonesOf(host.provider))
            }
            tally.checkWhole(scopes, now: try await inventory(location), before: before, after: after, label: "hosts cycle \(cycle)")
            let settled = try await syncAll(config, url: url, kills: [nil, nil, nil, nil], directory: directory)
            tally.syncs += 4
            let wrong = try await inventory(location).differences(from: Self.truth(simulators))
            tally.wrongRows += wrong
            if settled.contains(where: { $0 != 0 }) || wrong > 0 {
                tally.problems.append("hosts cycle \(cycle): the settling syncs exited \(settled) with \(wrong) rows off the truth")
            }
        }
        tally.problems += try await runOrder(location)
        tally.problems += try await sameAccount(config, url: url, directory: directory)
        tally.syncs += 4
        return tally
    }

    /// Starts one `stocktake sync --account` per host at once; a host with a kill time is SIGKILLed then.
    private func syncAll(_ config: String, url: String, kills: [Double?], directory: String) async throws -> [Int32] {
        try await withThrowingTaskGroup(of: (Int, Int32).self) { group in
            for (index, host) in Self.hosts.enumerated() {
                group.addTask {
                    let child = try SpawnedChild(binary, ["sync", "--config", config, "--db", url, "--account", host.account,
                                                          "--wait", "60", "--quiet"],
                                                 environment: ProcessInfo.processInfo.environment,
                                                 stderr: "\(directory)/\(host.account).err")
                    return (index, await child.wait(killAfter: kills[index]))
                }
            }
            var statuses = [Int32](repeating: -1, count: Self.hosts.count)
            for try await (index, status) in group { statuses[index] = status }
            return statuses
        }
    }

    /// Each account's runs, in number order, ran one after the other: a run that finished did so
    /// before the account's next run started.
    private func runOrder(_ location: PostgresLocation) async throws -> [String] {
        let rows = try await ScratchDatabase.rows(location, """
            SELECT s.account, r.id, r.started_at, r.finished_at FROM sync_runs r
            JOIN (SELECT DISTINCT account, run_id FROM sync_scopes) s ON s.run_id = r.id
            ORDER BY s.account, r.id
            """)
        var problems: [String] = []
        for (previous, next) in zip(rows, rows.dropFirst()) where previous[0] == next[0] {
            if let finished = previous[3], let started = next[2], finished > started {
                problems.append("hosts: account \(next[0] ?? "") run \(next[1] ?? "") started at \(started), before run \(previous[1] ?? "") finished at \(finished)")
            }
        }
        return problems
    }

    /// Two syncs of one account at once: without `--wait` one of them exits 75; with it both apply.
    private func sameAccount(_ config: String, url: String, directory: String) async throws -> [String] {
        var problems: [String] = []
        for wait in ["0", "60"] {
            let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
                for index in 0..<2 {
                    group.addTask {
                        try await SpawnedChild(binary, ["sync", "--config", config, "--db", url, "--account", "scw-a", "--wait", wait, "--quiet"],
                                               environment: ProcessInfo.processInfo.environment,
                                               stderr: "\(directory)/same-\(wait)-\(index).err").wait(killAfter: nil)
                    }
                }
                var statuses: [Int32] = []
                for try await status in group { statuses.append(status) }
                return statuses.sorted()
            }
            let expected: [Int32] = wait == "0" ? [0, 75] : [0, 0]
            if statuses != expected {
                problems.append("hosts: two syncs of one account with --wait \(wait) exited \(statuses), not \(expected)")
            }
        }
        return problems
    }

    private func inventory(_ location: PostgresLocation) async throws -> ExpectedInventory {
        var answers: [String: [[String?]]] = [:]
        for sql in ExpectedInventory.statements {
            answers[sql] = try await ScratchDatabase.rows(location, sql)
        }
        return try ExpectedInventory { sql in answers[sql] ?? [] }
    }

    /// What the four accounts must hold: each fleet's truth under its accounts' names.
    private static func truth(_ simulators: [FleetSimulator]) -> ExpectedInventory {
        var merged = ExpectedInventory(simulators[0].groundTruth(), scaleway: "scw-a", cloudSigma: "cs-a")
        merged.merge(ExpectedInventory(simulators[1].groundTruth(), scaleway: "scw-b", cloudSigma: "cs-b"))
        return merged
    }

    private static func writeConfiguration(_ urls: [String], fleet: FleetConfiguration, directory: String) throws -> String {
        let credentials = SimulatorCredentials.default
        let zones = fleet.zones.joined(separator: ", ")
        let accounts = hosts.map { host in
            switch host.provider {
            case .scaleway:
                return "  - {name: \(host.account), provider: scaleway, api_url: \"\(urls[host.fleet])\", zones: [\(zones)], secret_key: \"\(credentials.scalewaySecretKey)\"}"
            case .cloudsigma:
                return "  - {name: \(host.account), provider: cloudsigma, api_url: \"\(urls[host.fleet])/api/2.0/\", location: \(fleet.location), username: \"\(credentials.cloudSigmaUsername)\", password: \"\(credentials.cloudSigmaPassword)\"}"
            }
        }
        let path = directory + "/config.yaml"
        try (["accounts:"] + accounts + ["sync: {concurrency: 4, page_size: 5, max_retries: 3}"]).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension FleetConfiguration {
    /// The zones an account of `provider` reads from this fleet.
    func zonesOf(_ provider: Provider) -> [String] {
        provider == .scaleway ? zones : [location]
    }
}
