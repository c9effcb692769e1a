import Foundation

/// The report as Markdown, for mail or chat: the same sections as text tables (no charts; the
/// trends as a table per run).
public enum ReportMarkdown {
    public static func render(_ report: InventoryReport) -> String {
        // The run it shows, where the next report written to the same file finds it (an HTML comment, not rendered).
        var text = "<!-- stocktake-run: \(report.run.map(String.init) ?? "") -->\n# Stocktake inventory report\n\n\(ReportHTML.runLine(report)), generated \(ReportFormat.date(report.generatedAt).map(ReportFormat.dateText) ?? report.generatedAt)\n\n## Freshness\n\n"
        let failing = report.freshness.filter(\.failing)
        text += failing.isEmpty ? "Every scope's newest attempt applied.\n\n"
            : "**\(failing.count) scope\(failing.count == 1 ? "" : "s") failing:** "
                + failing.map { "\($0.account) \($0.zone) \($0.kind)" }.joined(separator: ", ") + "\n\n"
        text += "## What there is\n\n"
        text += table(["account", "provider", "servers", "drives", "storage", "unmounted", "IPs", "snapshots"], report.accounts.map {
            [$0.account, $0.provider, String($0.servers), String($0.drives), ResultFormat.humanSize($0.storageBytes),
             ResultFormat.humanSize($0.unmountedBytes), String($0.ips), String($0.snapshots)]
        })
        text += "## What it costs\n\n"
        text += table(["account", "monthly cost", "without a price", "waste", "waste without a price"], report.accounts.map {
            [$0.account, ReportFormat.money($0.monthlyCost), String($0.unpricedResources), ReportFormat.money($0.wasteCost), String($0.unpricedWaste)]
        })
        text += "### \(report.costByType.title)\n\n" + rows(report.costByType)
        text += "## Waste and trouble\n\n"
        for section in report.waste {
            let cost = section.cost.isEmpty && section.unpriced == 0 ? ""
                : ", \(ReportFormat.money(section.cost)) a month" + (section.unpriced > 0 ? " (\(section.unpriced) without a price)" : "")
            text += "### \(section.title): \(section.count)\(section.bytes.map { ", \(ResultFormat.humanSize($0))" } ?? "")\(cost)\n\n"
            text += rows(section)
        }
        text += "## Changes since \(report.since) (\(report.sinceWords))\n\n"
        text += report.changeCounts.isEmpty ? "No change.\n\n"
            : table(["change", "resource", "count"], report.changeCounts.map { [$0.category, $0.resourceType, String($0.count)] })
        text += "## Trends\n\n"
        text += table(["run", "time", "servers", "drives", "storage", "unmounted"], report.trends.map {
            ["#\($0.run)", $0.time, String($0.servers), String($0.drives), ResultFormat.humanSize($0.storageBytes),
             ResultFormat.humanSize($0.unmountedBytes)]
        })
        return text
    }

    private static func rows(_ section: InventoryReport.Section) -> String {
        guard section.count > 0 else { return "None.\n\n" }
        var text = table(section.columns, section.rows)
        if let omitted = section.omitted { text += omitted + "\n\n" }
        return text
    }

    /// A table as the HTML page shows it: headers in words, ids shortened, one date format with the age,
    /// sizes and money with their unit and currency (numbers aligned right).
    static func table(_ columns: [String], _ rows: [[String]], now: Date = Date()) -> String {
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        let currency = columns.firstIndex(of: "currency")
        let shown = rows.map { row in
            zip(columns, row).map { ReportFormat.cell($1, column: $0, now: now, currency: currency.flatMap { $0 < row.count ? row[$0] : nil }) }
        }
        let numeric = columns.indices.map { index in !shown.isEmpty && shown.allSatisfy { index < $0.count && $0[index].number } }
        var text = "| " + columns.map { cell(ReportFormat.header($0)) }.joined(separator: " | ") + " |\n|"
            + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in shown {
            text += "| " + row.map { cell($0.text) }.joined(separator: " | ") + " |\n"
        }
        return text + "\n"
    }
}
