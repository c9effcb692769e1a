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

            Examples:
              stocktake check
              stocktake check --query unmounted-drives --query orphan-snapshots --max-rows 5
              stocktake check --format json --as-of 3
            """
    )

    static let defaultQueries = ["unmounted-drives", "unattached-ips", "servers-without-nics", "attachment-mismatch", "stale-scopes"]

    @Option(name: .customLong("query"), help: "A named query to run (repeat for several; default: the problem queries).",
            completion: QueryNames.completion)
    var queries: [String] = []

    @Option(help: "Rows shown per query (their count covers all).")
    var maxRows = 10

    @OptionGroup var asOf: AsOfOptions

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try library.load(read: read)
        let inventory = try read.open(asOf: asOf.text)
        var found: [(query: NamedQuery, result: ResultTable)] = []
        for name in queries.isEmpty ? Self.defaultQueries : queries {
            let query = try reporting { try library.query(name) }
            let result = try reporting { try inventory.execute(inventory.sql(of: query), arguments: try query.arguments()) }
            if !result.rows.isEmpty { found.append((query, result)) }
        }
        guard !found.isEmpty else { return }
        try output.write(text(found))
        throw ExitCode(ExitCodes.stale)
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
