import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake report`: one page to look at rather than a dozen commands to run.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an inventory report: what there is, waste, changes, trends and freshness, as one HTML page.",
        discussion: """
            The HTML is self-contained (inline CSS and SVG charts, no script, nothing fetched): mail it or put it \
            on an intranet. --format markdown writes the same sections as text tables, --format json the same \
            figures for other tools. Changes are counted from --since; by default from the run of the report \
            already at --output (a weekly report shows the week since the last one), else 7 days.

            Examples:
              stocktake report --output /srv/www/inventory.html
              stocktake report --format markdown --since 7d --account scw-prod
              stocktake report --as-of 2026-11-01 --format json --output november.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown, json
    }

    @Option(help: "Write to this file (default: stdout).", completion: .file())
    var output: String?

    @Option(help: "html (default), markdown or json.")
    var format: Format = .html

    @Option(help: ArgumentHelp("Count changes from this point on: \(MomentArgument.forms).", valueName: "when"))
    var since: MomentArgument?

    @OptionGroup var asOf: AsOfOptions

    @Option(name: .customLong("account"), help: "Only this account (repeat for several).")
    var accounts: [String] = []

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions

    func run() throws {
        let inventory = try read.open(asOf: asOf.text)
        let queries = try library.load(read: read)
        let report = try reporting {
            if let run = since?.run { try inventory.requireRun(run) }
            return try ReportBuilder(inventory: inventory, library: queries, accounts: accounts).build(since: since?.text ?? defaultSince())
        }
        let text: String
        switch format {
        case .html: text = ReportHTML.render(report)
        case .markdown: text = ReportMarkdown.render(report)
        case .json: text = report.json.pretty
        }
        try writeText(text, to: output)
        guard let output else { return }
        Diagnostics.write("\(output): report \(ReportHTML.runLine(report)), changes since \(report.since) (\(report.sinceWords))")
    }

    /// The run of the report already at --output (its `stocktake-run`), else 7 days.
    private func defaultSince() -> String {
        guard let output, let previous = try? String(contentsOfFile: output, encoding: .utf8),
              let match = previous.firstMatch(of: /<meta name="stocktake-run" content="([0-9]+)">|"run": ([0-9]+),|<!-- stocktake-run: ([0-9]+) -->/)
        else { return "7d" }
        // Changes after the run that report showed: from the next run's start.
        guard let run = Int64(String(match.1 ?? match.2 ?? match.3 ?? "")) else { return "7d" }
        return "#\(run + 1)"
    }
}
