import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake status`: how fresh each scope is, and, with `--max-age`, an alert for cron.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per account and scope, the last complete sync, its age, object counts and the last error.",
        discussion: """
            With --max-age, status is a check for cron or a monitoring system: it exits \(ExitCodes.stale) and names \
            each problem on stderr when a scope has not applied within the age (or never, for scopes of the \
            configuration), when a scope's newest attempt failed, or when the last run did not apply every scope.

            Examples:
              stocktake status
              stocktake status --max-age 26h || echo "inventory is stale"
              stocktake status --format json
            """
    )

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Alert (exit \(ExitCodes.stale)) when a scope has not applied within this age, or failed: \(AgeArgument.forms).",
                               valueName: "age"))
    var maxAge: AgeArgument?

    @Flag(help: "The same as --format json.")
    var json = false

    func run() async throws {
        let inventory = try read.open()
        let (statuses, lastRun) = try reporting { (try inventory.status(), try StatusCheck.lastRun(inventory)) }
        let configured = try read.configuration().map { configuration in
            configuration.accounts.flatMap(\.scopes).map { (account: $0.account, zone: $0.zone, kind: $0.listingName) }
        }
        let check = StatusCheck(statuses: statuses, configured: configured, maxAge: maxAge?.seconds,
                                lastRun: lastRun)
        var output = self.output
        if json { output.format = .json }
        try output.write(check.table(brief: output.effectiveFormat == .table))
        guard maxAge != nil, !check.alerts.isEmpty else { return }
        for alert in check.alerts { Diagnostics.write("stocktake: \(alert)") }
        throw ExitCode(ExitCodes.stale)
    }
}
