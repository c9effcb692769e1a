import ArgumentParser
import Foundation
import Reliability
import Simulator

/// `stocktake-bench reliability`: soak, kill and mutation runs, each bounded by count and time.
struct ReliabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reliability",
        abstract: "Sync under random faults (soak), SIGKILL syncs (kill), lying listings (mutation), disagreeing listings (mix), readers at sync time (readers), four hosts into one PostgreSQL (hosts).",
        discussion: """
            Each mode runs against its own simulator and database and is bounded by its count and by --seconds. \
            After every cycle the inventory is checked against the simulator's ground truth: nothing wrongly \
            deleted, the file intact, each scope whole, and a settling sync equal to the truth. Exits 1 when \
            anything was lost, wrong or torn. Reproduce a run with the same --seed. The hosts run needs --store \
            (a PostgreSQL URL; it creates and drops a database of its own there); `all` includes it when given.
            """
    )

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case soak, kill, mutation, mix, readers, hosts, all
    }

    @Option(help: "Which runs: soak, kill, mutation, mix, readers, hosts or all.")
    var mode: Mode = .all

    @Option(help: "Faulted sync cycles of the soak run.")
    var cycles = 50

    @Option(help: "Syncs killed by the kill run.")
    var kills = 20

    @Option(help: "Lying listings served by the mutation run.")
    var mutations = 200

    @Option(help: "Disagreeing listings served by the mix run (other owners, objects in two listings, moves).")
    var mixes = 60

    @Option(name: .customLong("reader-cycles"), help: "Syncs the readers run starts together with reader processes.")
    var readerCycles = 10

    @Option(name: .customLong("host-cycles"), help: "Rounds of the hosts run: four syncs at once into PostgreSQL, each SIGKILLed or not at random.")
    var hostCycles = 10

    @Option(help: "A PostgreSQL URL for the hosts run (its server gets a scratch database).")
    var store: String?

    @Option(help: "Time bound of each run, in seconds.")
    var seconds: Double = 600

    @Option(help: "Seed of the fleets, the faults, the kill times and the lies.")
    var seed: UInt64 = 1

    @Option(help: "Servers in each simulated fleet (drives and volumes are twice as many).")
    var servers = 60

    @Option(help: "The stocktake binary, for the kill run (default: the one built beside this benchmark).")
    var binary: String?

    @Option(help: "Write the tally as JSON to this file too.")
    var json: String?

    func run() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-reliability-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fleet = FleetConfiguration(seed: seed, servers: servers, drives: servers * 2)
        var tally = ReliabilityTally()
        let started = ContinuousClock.now
        if [.soak, .all].contains(mode) {
            tally.add(try await ReliabilityHarness.with(fleet, directory: root + "/soak") { harness in
                try await SoakRun(RunBounds(count: cycles, seconds: seconds, seed: seed)).run(harness)
            })
            report("soak", tally)
        }
        if [.kill, .all].contains(mode) {
            let binary = try stocktakeBinary(self.binary)
            tally.add(try await ReliabilityHarness.with(fleet, directory: root + "/kill", pageSize: 5) { harness in
                try await KillRun(RunBounds(count: kills, seconds: seconds, seed: seed), binary: binary).run(harness)
            })
            report("kill", tally)
        }
        if [.mutation, .all].contains(mode) {
            tally.add(try await ReliabilityHarness.with(fleet, directory: root + "/mutation") { harness in
                try await MutationRun(RunBounds(count: mutations, seconds: seconds, seed: seed)).run(harness)
            })
            report("mutation", tally)
        }
        if [.mix, .all].contains(mode) {
            tally.add(try await ReliabilityHarness.with(fleet, directory: root + "/mix") { harness in
                try await ListingMixRun(RunBounds(count: mixes, seconds: seconds, seed: seed)).run(harness)
            })
            report("mix", tally)
        }
        if [.readers, .all].contains(mode) {
            let binary = try stocktakeBinary(self.binary)
            tally.add(try await ReliabilityHarness.with(fleet, directory: root + "/readers") { harness in
                try await ReadersRun(RunBounds(count: readerCycles, seconds: seconds, seed: seed), binary: binary).run(harness)
            })
            report("readers", tally)
        }
        if mode == .hosts || (mode == .all && store != nil) {
            guard let store else { throw ValidationError("--mode hosts needs --store postgresql://...") }
            let binary = try stocktakeBinary(self.binary)
            tally.add(try await SharedStoreRun(RunBounds(count: hostCycles, seconds: seconds, seed: seed), binary: binary, store: store)
                .run(fleet, directory: root + "/hosts"))
            report("hosts", tally)
        }
        print(tally.summary)
        print(String(format: "reliability: %.0f s, seed %llu", (ContinuousClock.now - started).seconds, seed))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(tally).write(to: URL(fileURLWithPath: json))
        }
        guard tally.isClean else { throw ExitCode.failure }
    }

    private func report(_ mode: String, _ tally: ReliabilityTally) {
        FileHandle.standardError.write(Data("\(mode): done (\(tally.syncs) syncs so far)\n".utf8))
    }
}
