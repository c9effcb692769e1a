import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake check`: the problem queries, for cron: silent and 0 when none has rows.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run problem queries; print what they found and exit \(ExitCodes.stale) when any has rows, print nothing and exit 0 otherwise.",
        discussion: """
            By default: \(CheckCommand.defaultQueries.joined(separator: ", ")). Each query with rows gets a \
            line (its name, how many rows, its title) and its first --max-rows rows; cron mails the output only \
            when there is something to say.

            --max-waste N checks what the waste costs instead (waste-cost: unmounted drives, unattached IPs, \
            orphaned and old snapshots, what stopped servers still pay for): an account whose waste costs more \
            than N a month in its own currency, or has waste that could not be priced, is printed with its \
            largest rows, and the exit is \(ExitCodes.stale). With --query as well, both are checked.

            Examples:
              stocktake check
              stocktake check --query unmounted-drives --query orphan-snapshots --max-rows 5
              stocktake check --max-waste 50
              stocktake check --format json --as-of 3
            """
    )

    static let defaultQueries = ["unmounted-drives", "unattached-ips", "servers-without-nics", "attachment-mismatch", "stale-scopes"]

    @Option(name: .customLong("query"), help: "A named query to run (repeat for several; default: the problem queries).",
            completion: QueryNames.completion)
    var queries: [String] = []

    @Option(help: "Rows shown per query (their count covers all).")
    var maxRows = 10

    @Option(help: ArgumentHelp("Alert when an account's waste costs more than this a month, in its own currency.", valueName: "money"))
    var maxWaste: Double?

    @OptionGroup var asOf: AsOfOptions

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try library.load(read: read)
        let inventory = try read.open(asOf: asOf.text)
        var found: [(query: NamedQuery, result: ResultTable)] = []
        for name in queries.isEmpty && maxWaste == nil ? Self.defaultQueries : queries {
            let query = try reporting { try library.query(name) }
            let result = try reporting { try inventory.execute(inventory.sql(of: query), arguments: try query.arguments()) }
            if !result.rows.isEmpty { found.append((query, result)) }
        }
        if let maxWaste {
            guard maxWaste >= 0, maxWaste.isFinite else {
                throw ValidationError("--max-waste must be an amount of money, 0 or more (got \(maxWaste))")
            }
            let query = try reporting { try library.query("waste-cost") }
            let result = try reporting { try inventory.execute(inventory.sql(of: query), arguments: try query.arguments()) }
            let over = WasteTotal.totals(of: result).filter { $0.exceeds(maxWaste) }
            if !over.isEmpty { found.append(wasteFinding(query, result: result, over: over, limit: maxWaste)) }
        }
        guard !found.isEmpty else { return }
        try output.write(text(found))
        throw ExitCode(ExitCodes.stale)
    }

    /// The waste rows of the accounts over the limit, titled with each account's total.
    private func wasteFinding(
        _ query: NamedQuery, result: ResultTable, over: [WasteTotal], limit: Double
    ) -> (query: NamedQuery, result: ResultTable) {
        let accounts = Set(over.map(\.account))
        let column = result.columns.firstIndex(of: "account") ?? 0
        var titled = query
        titled.title = over.map { $0.sentence(limit: limit) }.joined(separator: "; ")
        return (titled, ResultTable(columns: result.columns, rows: result.rows.filter { accounts.contains(ResultFormat.plain($0[column])) }))
    }

    private func text(_ found: [(query: NamedQuery, result: ResultTable)]) -> String {
        let format = output.effectiveFormat
        if format == .json || format == .ndjson {
            let objects = found.map { entry in
                JSONText.object([
                    ("query", .string(entry.query.name)), ("title", .string(entry.query.title)),
                    ("rows", .integer(Int64(entry.result.rows.count))),
                    ("first", .rows(ResultTable(columns: entry.result.columns, rows: Array(entry.result.rows.prefix(max(0, maxRows)))))),
                ])
            }
            return JSONText.lines(objects, ndjson: format == .ndjson)
        }
        return found.map { entry in
            let shown = ResultTable(columns: entry.result.columns, rows: Array(entry.result.rows.prefix(max(0, maxRows))))
            let more = entry.result.rows.count > shown.rows.count ? " (the first \(shown.rows.count) below)" : ""
            return "# \(entry.query.name): \(entry.result.rows.count) row\(entry.result.rows.count == 1 ? "" : "s")\(more): \(entry.query.title)\n"
                + format.render(shown, headers: !output.noHeaders)
        }.joined(separator: "\n")
    }
}
