import Foundation
import ArgumentParser
import StocktakeKit

/// `stocktake changes`: the change log, filtered.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Show the field-level change log, oldest first.",
        discussion: """
            Examples:
              stocktake changes --since 1d
              stocktake changes --since 3 --until 5 --type server --account scw-prod
              stocktake changes --since 2026-11-01 --format csv --output november.csv
            """
    )

    @Option(help: ArgumentHelp("From this point on: \(MomentArgument.forms).", valueName: "when"))
    var since: MomentArgument?

    @Option(help: ArgumentHelp("Up to this point: a run number, a time or an age, as --since.", valueName: "when"))
    var until: MomentArgument?

    @Option(help: "Only this account.")
    var account: String?

    @Option(help: ArgumentHelp("Only this resource type, as the change log names it.", valueName: "type"))
    var type: ChangeTypeArgument?

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try reporting { try read.open() }
        try reporting {
            for run in [since?.run, until?.run].compactMap({ $0 }) {
                try inventory.requireRun(run)
            }
            if let account { try inventory.requireAccount(account) }
        }
        var conditions: [String] = []
        var arguments: [String: String] = [:]
        if let since {
            conditions.append(since.run != nil ? "run_id >= :since" : "changed_at >= stocktake_time(:since)")
            arguments["since"] = since.run.map(String.init) ?? since.text
        }
        if let until {
            conditions.append(until.run != nil ? "run_id <= :until" : "changed_at <= stocktake_time(:until)")
            arguments["until"] = until.run.map(String.init) ?? until.text
        }
        if let account {
            conditions.append("account = :account")
            arguments["account"] = account
        }
        if let type {
            conditions.append("resource_type = :type")
            arguments["type"] = type.name
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        try output.stream(inventory, sql: """
            SELECT changed_at, run_id, account, resource_type, resource_id, child_key, kind, field, old_value, new_value
            FROM changes \(filter) ORDER BY id
            """, arguments: arguments)
    }
}
