import Foundation
import ArgumentParser
import StocktakeKit

/// `stocktake history ID`: one resource's versions and changes, oldest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a resource's timeline: its versions and field changes, oldest first.",
        discussion: """
            ID is a resource's id, or a name any of its versions had (an IP's address): a name that several \
            resources had lists them, to pick one by id.

            Examples:
              stocktake history 2fa663e7-36db-44d8-84d1-591bc6922142
              stocktake history web-0042 --format json
              stocktake history 212.47.109.30 --account scw-prod
            """
    )

    @Argument(help: "The resource's id (uuid), or a name it had (an IP's address).")
    var id: String

    @Option(help: "Only this account (the same id in two accounts is two resources).")
    var account: String?

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try read.open()
        if let account { try reporting { try inventory.requireAccount(account) } }
        var result = try reporting { try inventory.history(id: id, account: account) }
        if result.rows.isEmpty {
            let named = try reporting { try inventory.resources(named: id, account: account) }
            let ids = named.rows.map { (ResultFormat.plain($0[0]), ResultFormat.plain($0[2])) }
            if ids.count > 1 {
                Diagnostics.error("'\(id)' names \(ids.count) resources; run `stocktake history ID` with one of these ids (and --account where two accounts share one):")
                try output.write(named)
                throw ExitCode(ExitCodes.failure)
            }
            if let (owner, found) = ids.first {
                Diagnostics.write("'\(id)' is \(ResultFormat.plain(named.rows[0][1])) \(found) in account '\(owner)'")
                result = try reporting { try inventory.history(id: found, account: owner) }
            }
        }
        guard !result.rows.isEmpty else {
            Diagnostics.error("no resource with the id or name '\(id)'\(account.map { " in account '\($0)'" } ?? "") has ever been synced")
            throw ExitCode(ExitCodes.failure)
        }
        try output.write(result)
    }
}
