import ArgumentParser
import Foundation
import Logging
import StocktakeKit
import UnixSignals

/// `stocktake sync`: read every configured account and record what changed.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Read every listing of the configured accounts (servers, drives and volumes, IPs, snapshots, security groups, VLANs) into the database.",
        discussion: """
            Prints one line per scope (account, zone, listing) on stderr (with --quiet, only the failed ones). Exit codes: 0 every scope applied; \
            2 some failed and others applied; 1 none applied or the database failed; 64 bad arguments; \
            75 another sync holds the database (on PostgreSQL: one of the accounts to sync); 78 configuration error; 130 stopped by SIGINT, 143 by \
            SIGTERM (the scopes already applied are kept, the others are read again by the next sync).

            Examples:
              stocktake sync
              stocktake sync --account scw-prod --quiet --wait 600
              stocktake sync --json > last-run.json
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .customLong("account"), help: "Sync only this account (repeat for several).")
    var accounts: [String] = []

    @Option(help: "Seconds to wait for another sync to release the database before giving up (exit 75).")
    var wait = 0

    @Flag(help: "Accept listings from another organisation or user than the account's last sync (the account really moved).")
    var acceptOwnerChange = false

    @Flag(help: "Print a JSON summary of the run on stdout.")
    var json = false

    @Option(help: "Write Prometheus metrics of the scopes and the run to this file (atomically), for node_exporter's textfile collector.", completion: .file())
    var metricsFile: String?

    @Flag(name: .shortAndLong, help: "Print only the scopes that failed and the run's summary when one did (for cron: mail only on trouble).")
    var quiet = false

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    /// How the sync ended: its report, and the signal that stopped it, if one did.
    private enum Ending: Sendable {
        case finished(SyncReport)
        case signalled(UnixSignal)
    }

    /// `--account` names configured accounts. A configuration that does not load is `run()`'s to report.
    func validate() throws {
        guard !accounts.isEmpty,
              let configuration = try? ConfigurationLoader().load(path: StocktakePaths().configuration(explicit: options.config))
        else { return }
        let unknown = accounts.filter { name in !configuration.accounts.contains { $0.name == name } }
        guard unknown.isEmpty else {
            let names = configuration.accounts.map(\.name)
            throw ValidationError("unknown account \(unknown.map { "'\($0)'" }.joined(separator: ", "))"
                                  + Suggestion.phrase(for: unknown[0], in: names) + "; configured: " + names.joined(separator: ", "))
        }
    }

    func run() async throws {
        LogSetup.bootstrap(level: logLevel)
        let configuration = try options.loadConfiguration()
        let opened = try await WriterAccess.open(try options.storeLocation(configured: configuration.database),
                                                 accounts: syncedAccounts(configuration), wait: wait)
        let report: SyncReport, signal: UnixSignal?
        do {
            (report, signal) = try await sync(configuration, into: opened.store)
        } catch {
            await opened.close()
            throw error
        }
        if signal == nil, let retention = configuration.retention {
            await prune(opened.store, retention)
        }
        if let metricsFile { await writeMetrics(opened.store, report: report, to: metricsFile) }
        await opened.close()
        try finish(report, signal: signal)
    }

    /// The accounts this sync reads: `--account`, or every configured one.
    private func syncedAccounts(_ configuration: StocktakeConfiguration) -> [String] {
        accounts.isEmpty ? configuration.accounts.map(\.name) : accounts
    }

    /// Runs the sync into `store`, with the progress line on a terminal.
    private func sync(_ configuration: StocktakeConfiguration, into store: InventoryStore) async throws -> (SyncReport, UnixSignal?) {
        var engine = SyncEngine(configuration: configuration, store: store, logger: Logger(label: "stocktake.sync"))
        let display = !quiet && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
        engine.progress = display?.progress
        return try await runStoppable(engine, display: display)
    }

    /// Prints the run's summary (and JSON), and exits as the run ended.
    private func finish(_ report: SyncReport, signal: UnixSignal?) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        }
        if let signal {
            Diagnostics.write("""
                stopped by \(signal): run \(report.run) recorded as interrupted; \(report.applied) scopes applied \
                and kept, \(report.failed) not applied (nothing of them changed; the next sync reads them again)
                """)
            throw ExitCode(signal == .sigterm ? 143 : 130)
        }
        if !quiet || report.failed > 0 {
            Diagnostics.write("run \(report.run): \(report.applied) scopes applied, \(report.failed) failed")
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Prunes by the configuration's `retention:`, without VACUUM (later syncs reuse the freed
    /// pages; `stocktake prune` gives them back). A failure is a warning: the sync itself applied.
    private func prune(_ store: InventoryStore, _ window: InventoryPruner.Window) async {
        do {
            let summary = try await InventoryPruner(store: store).prune(window, vacuum: false)
            if let first = summary.firstKeptRun, !quiet {
                Diagnostics.write("retention: kept runs from #\(first) on; removed \(summary.versions) versions, \(summary.changes) changes")
            }
        } catch {
            Diagnostics.write("warning: retention: the prune after the sync failed (the sync's changes are kept): \(error)")
        }
    }

    /// Writes the metrics file; a failure is a warning (the sync's changes are kept).
    private func writeMetrics(_ store: InventoryStore, report: SyncReport, to path: String) async {
        do {
            let text = MetricsFile.render(statuses: try await store.status(), report: report)
            try MetricsFile.write(text, to: path)
        } catch {
            Diagnostics.write("warning: cannot write the metrics file \(path): \(error)")
        }
    }

    /// Runs the sync until it ends or SIGINT / SIGTERM arrives; a signal cancels it,
    /// which stops the scopes being read and records the run as interrupted.
    private func runStoppable(_ engine: SyncEngine, display: ProgressLine?) async throws -> (SyncReport, UnixSignal?) {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let accounts = self.accounts
        let acceptOwnerChange = self.acceptOwnerChange
        let quiet = self.quiet
        return try await withThrowingTaskGroup(of: Ending?.self) { group in
            group.addTask {
                do {
                    return .finished(try await engine.run(accounts: accounts, acceptOwnerChange: acceptOwnerChange) { scope in
                        if !quiet || scope.outcome == .failed { display?.print(scope.line) ?? Diagnostics.write(scope.line) }
                    })
                } catch {
                    Diagnostics.error("\(error)")
                    throw ExitCode(ExitCodes.failure)
                }
            }
            group.addTask {
                for await signal in signals { return .signalled(signal) }
                return nil
            }
            if let display {
                group.addTask {
                    await display.run()
                    return nil
                }
            }
            var received: UnixSignal?
            while let ending = try await group.next() {
                switch ending {
                case .finished(let report)?:
                    group.cancelAll()
                    return (report, received)
                case .signalled(let signal)?:
                    received = signal
                    group.cancelAll()
                case nil:
                    continue
                }
            }
            throw ExitCode(ExitCodes.failure)
        }
    }
}
