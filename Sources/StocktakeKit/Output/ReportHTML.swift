import Foundation

/// The report as one self-contained HTML page: inline CSS and inline SVG charts,
/// no script, nothing fetched, so it can be mailed or put on an intranet as is.
public enum ReportHTML {
    public static func render(_ report: InventoryReport) -> String {
        var body = "<h1>Stocktake inventory report</h1>\n"
        body += "<p class=\"meta\">\(runLine(report)) · generated \(escape(ReportFormat.date(report.generatedAt).map(ReportFormat.dateText) ?? report.generatedAt))"
        if !report.accountFilter.isEmpty { body += " · accounts: \(escape(report.accountFilter.joined(separator: ", ")))" }
        body += "</p>\n"
        body += headline(report)
        body += costs(report)
        body += freshness(report)
        body += waste(report)
        body += changes(report)
        body += trends(report)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="stocktake-run" content="\(report.run.map(String.init) ?? "")">
            <title>Stocktake report\(report.run.map { " · run \($0)" } ?? "")</title>
            <style>\(style)</style></head>
            <body>
            \(body)</body></html>

            """
    }

    /// "after run 3", "as of run 2", or "no sync has run yet".
    public static func runLine(_ report: InventoryReport) -> String {
        guard let run = report.run else { return "no sync has run yet" }
        return report.asOf ? "as of run \(run)" : "after run \(run)"
    }

    private static func freshness(_ report: InventoryReport) -> String {
        let failing = report.freshness.filter(\.failing)
        var html = "<h2>Freshness</h2>\n"
        for account in Array(Set(report.freshness.map(\.account))).sorted() {
            let scopes = report.freshness.filter { $0.account == account }
            let oldest = scopes.compactMap(\.ageSeconds).max().map { ", the oldest success \(StatusCheck.age($0)) ago" } ?? ""
            let bad = scopes.filter(\.failing).count
            html += "<p class=\"\(bad == 0 ? "ok" : "bad")\">\(escape(account)): \(scopes.count) listings, "
                + (bad == 0 ? "each one's newest attempt applied" : "\(bad) failing") + "\(oldest).</p>\n"
        }
        guard !failing.isEmpty else { return html }
        html += "<p class=\"bad\">Failing listings: their figures are from their last success.</p>\n"
        let rows = failing.map { scope in
            [scope.account, scope.zone, scope.kind, scope.lastComplete ?? "never", scope.ageSeconds.map(StatusCheck.age) ?? "",
             scope.lastError ?? ""]
        }
        return html + wrapped(table(["account", "zone", "listing", "last success", "age", "error"], rows, rowClass: { _ in "bad" }))
    }

    private static func headline(_ report: InventoryReport) -> String {
        var html = "<h2>What there is</h2>\n<div class=\"cards\">\n"
        for account in report.accounts {
            let statuses = account.serversByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \(escape($0.key))" }.joined(separator: ", ")
            let types = account.storageBytesByType.sorted { $0.key < $1.key }
                .map { "\(escape($0.key)) \(ResultFormat.humanSize($0.value))" }.joined(separator: ", ")
            let missing = [(account.unpricedResources, "resource"), (account.unpricedWaste, "waste row")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " and ")
            let unpriced = missing.isEmpty ? "" : "<p class=\"sub\">Not in these figures: \(missing) without a price (unknown, not 0).</p>"
            html += """
                <div class="card"><h3>\(escape(account.account)) <span>\(escape(account.provider))</span></h3>
                <p class="money">\(escape(ReportFormat.money(account.monthlyCost))) a month</p>
                <p class="waste">Waste: \(escape(ReportFormat.money(account.wasteCost))) a month</p>\(unpriced)
                <p class="big">\(account.servers) servers · \(account.drives) drives and volumes · \(ResultFormat.humanSize(account.storageBytes))</p>
                <p>Servers: \(statuses.isEmpty ? "none" : statuses)</p>
                <p>Storage by type: \(types.isEmpty ? "none" : types)</p>
                <p>Unmounted storage: \(ResultFormat.humanSize(account.unmountedBytes)) · IP addresses: \(account.ips) · snapshots: \(account.snapshots)</p>
                </div>

                """
        }
        return html + "</div>\n"
    }

    private static func waste(_ report: InventoryReport) -> String {
        var html = "<h2>Waste and trouble</h2>\n"
        for section in report.waste {
            let size = section.bytes.map { ", \(ResultFormat.humanSize($0))" } ?? ""
            let cost = section.cost.isEmpty && section.unpriced == 0 ? ""
                : ", \(ReportFormat.money(section.cost)) a month" + (section.unpriced > 0 ? " (\(section.unpriced) without a price)" : "")
            html += "<h3>\(escape(section.title)) <span class=\"count\">\(section.count)\(size)\(escape(cost))</span></h3>\n"
            html += sectionRows(section, nameFirst: true, now: now(report))
        }
        return html
    }

    private static func changes(_ report: InventoryReport) -> String {
        let words = report.sinceTime.flatMap(ReportFormat.date).map(ReportFormat.dateText) ?? report.sinceWords
        var html = "<h2>Changes since \(escape(report.since)) <span class=\"sub\">(\(escape(words)))</span></h2>\n"
        html += report.changeCounts.isEmpty
            ? "<p>No change.</p>\n"
            : wrapped(table(["change", "resource", "count"], report.changeCounts.map { [$0.category, $0.resourceType, String($0.count)] }))
        html += "<h3>The changes <span class=\"count\">\(report.changes.count)</span></h3>\n"
        return html + sectionRows(report.changes, nameFirst: false, now: now(report))
    }

    private static func trends(_ report: InventoryReport) -> String {
        guard report.trends.count > 1 else { return "<h2>Trends</h2>\n<p>Trends need two runs or more.</p>\n" }
        let times = report.trends.map(\.time)
        // One line per account where there are several, else the whole inventory's.
        let lines: [(name: String, points: [InventoryReport.TrendPoint])] = report.accountTrends.isEmpty
            ? [("", report.trends)] : report.accountTrends.map { ($0.account, $0.points) }
        func series(_ value: (InventoryReport.TrendPoint) -> Double) -> [(name: String, values: [Double?])] {
            lines.map { line in
                let byRun = Dictionary(line.points.map { ($0.run, value($0)) }, uniquingKeysWith: { first, _ in first })
                return (line.name, report.trends.map { byRun[$0.run] })
            }
        }
        // Storage in the unit the cards use for the largest figure (GB or TB, decimal).
        let largest = report.trends.map(\.storageBytes).max() ?? 0
        let (scale, unit) = largest >= 1_000_000_000_000 ? (1e12, "TB") : largest >= 1_000_000_000 ? (1e9, "GB") : (1e6, "MB")
        var html = "<h2>Trends</h2>\n<div class=\"charts\">\n"
        html += SVGChart.lines(title: "Servers", unit: "", times: times, series: series { Double($0.servers) })
        html += SVGChart.lines(title: "Drives and volumes", unit: "", times: times, series: series { Double($0.drives) })
        html += SVGChart.lines(title: "Storage", unit: unit, times: times, series: series { Double($0.storageBytes) / scale })
        html += SVGChart.lines(title: "Unmounted storage", unit: unit, times: times, series: series { Double($0.unmountedBytes) / scale })
        for currency in Array(Set(report.costTrends.map(\.currency))).sorted() {
            let points = report.costTrends.filter { $0.currency == currency }
            let runs = Array(Set(points.map(\.run))).sorted()
            let costTimes = runs.map { run in points.first { $0.run == run }?.time ?? "" }
            let accounts = Array(Set(points.map(\.account))).sorted()
            let lines = accounts.map { account in
                (name: account, values: runs.map { run in points.first { $0.run == run && $0.account == account }?.monthlyCost })
            }
            html += SVGChart.lines(title: "Monthly cost", unit: currency, times: costTimes, series: lines)
        }
        return html + "</div>\n"
    }

    /// What the resources cost: per account (with the waste's share) and per type, dearest first.
    private static func costs(_ report: InventoryReport) -> String {
        var html = "<h2>What it costs</h2>\n"
        let rows = report.accounts.map { account in
            [account.account, account.provider, ReportFormat.money(account.monthlyCost), String(account.unpricedResources),
             ReportFormat.money(account.wasteCost), String(account.unpricedWaste)]
        }
        html += wrapped(table(["account", "provider", "monthly_cost", "without a price", "waste_cost", "waste without a price"], rows, now: now(report)))
        html += "<p class=\"sub\">At the prices of the same sync: Scaleway's price lists (products/servers, the catalog, Stocktake's table for volumes, snapshots and IPs), CloudSigma's level-0 prices in the account's currency. A resource without a price is counted apart, never as 0; currencies are never added together. <code>stocktake query cost-by-type</code>, <code>waste-cost</code> and <code>cost-changes-since</code> list the rest.</p>\n"
        html += "<h3>\(escape(report.costByType.title)) <span class=\"count\">\(report.costByType.count)</span></h3>\n"
        return html + sectionRows(report.costByType, nameFirst: false, now: now(report))
    }

    /// The time ages are counted from: the report's run (its end, as of a past run), or when it was written.
    private static func now(_ report: InventoryReport) -> Date {
        (report.asOf ? report.trends.last.flatMap { ReportFormat.date($0.time) } : nil) ?? ReportFormat.date(report.generatedAt) ?? Date()
    }

    private static func sectionRows(_ section: InventoryReport.Section, nameFirst: Bool, now: Date) -> String {
        guard section.count > 0 else { return "<p class=\"ok\">None.</p>\n" }
        var columns = section.columns, rows = section.rows
        // The name a reader knows a resource by comes first; the id after it, shortened.
        // The name a reader knows a resource by comes first, what it costs next; the id after them, shortened.
        func move(_ column: String?, to position: Int) {
            guard let column, let from = columns.firstIndex(of: column), from != position else { return }
            columns.insert(columns.remove(at: from), at: position)
            rows = rows.map { row in
                var row = row
                if from < row.count { row.insert(row.remove(at: from), at: position) }
                return row
            }
        }
        if nameFirst {
            move(columns.contains("name") ? "name" : columns.contains("address") ? "address" : nil, to: 0)
            move(columns.contains("monthly_cost") ? "monthly_cost" : nil, to: 1)
        }
        var html = wrapped(table(columns, rows, now: now))
        if let omitted = section.omitted {
            let parts = escape(omitted).split(separator: "`", omittingEmptySubsequences: false)
            html += "<p class=\"sub\">" + parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }
                .joined() + "</p>\n"
        }
        return html
    }

    /// A table in a box that scrolls sideways on a narrow screen rather than breaking words.
    private static func wrapped(_ table: String) -> String {
        "<div class=\"scroll\">\(table)</div>\n"
    }

    /// A table with headers in words, ids shortened (the full id on hover), one date format with
    /// the age, and numbers, sizes and money right-aligned.
    static func table(_ columns: [String], _ rows: [[String]], now: Date = Date(), rowClass: (Int) -> String? = { _ in nil }) -> String {
        var html = "<table><thead><tr>" + columns.map { column in
            let numeric = ResultFormat.isSizeColumn(column) || ReportFormat.moneyColumns.contains(column)
            return "<th\(numeric ? " class=\"num\"" : "")>\(escape(ReportFormat.header(column)))</th>"
        }.joined() + "</tr></thead><tbody>\n"
        let currencyColumn = columns.firstIndex(of: "currency")
        for (index, row) in rows.enumerated() {
            let currency = currencyColumn.flatMap { $0 < row.count ? row[$0] : nil }
            let cells = zip(columns, row).map { column, value in
                let shown = ReportFormat.cell(value, column: column, now: now, currency: currency)
                let title = shown.full.map { " title=\"\(escape($0))\"" } ?? ""
                let kind = shown.number ? "num" : ReportFormat.wrappingColumns.contains(column) ? "text" : "one"
                return "<td class=\"\(kind)\"\(title)>\(escape(shown.text))</td>"
            }
            html += "<tr\(rowClass(index).map { " class=\"\($0)\"" } ?? "")>" + cells.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    private static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#1d2433;padding:0 16px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #dfe4ee;padding-bottom:4px}
        h3{font-size:15px;margin:18px 0 6px}h3 span,.count{font-weight:normal;color:#56607a}.meta,.sub{color:#56607a}
        table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:12.5px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #e8ecf3;vertical-align:top}
        th{background:#f3f5f9;font-weight:600;white-space:nowrap}td{overflow-wrap:normal;word-break:normal}td.one{white-space:nowrap}td.text{min-width:180px;max-width:420px}tr.bad td{background:#fdecec}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.scroll{overflow-x:auto}td[title]{cursor:help}
        .money{font-size:20px;font-weight:700;margin:2px 0}.waste{color:#b3261e;font-weight:600}
        .bad{color:#b3261e;font-weight:600}.ok{color:#1e7b34}.cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{border:1px solid #dfe4ee;border-radius:8px;padding:10px 14px;flex:1 1 320px}.card p{margin:4px 0}.big{font-size:16px;font-weight:600}
        .charts{display:flex;flex-wrap:wrap;gap:16px}.charts svg{border:1px solid #dfe4ee;border-radius:8px;background:#fff}
        code{background:#f3f5f9;padding:1px 4px;border-radius:3px}
        """
}
