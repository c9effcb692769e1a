import Foundation

/// The report as one self-contained HTML page: inline CSS and inline SVG charts,
/// no script, nothing fetched, so it can be mailed or put on an intranet as is.
public enum ReportHTML {
    public static func render(_ report: InventoryReport) -> String {
        var body = "<h1>Stocktake inventory report</h1>\n"
        body += "<p class=\"meta\">\(runLine(report)) · generated \(escape(report.generatedAt))"
        if !report.accountFilter.isEmpty { body += " · accounts: \(escape(report.accountFilter.joined(separator: ", ")))" }
        body += "</p>\n"
        body += headline(report)
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
        return html + table(["account", "zone", "listing", "last success", "age", "error"], rows, rowClass: { _ in "bad" })
    }

    private static func headline(_ report: InventoryReport) -> String {
        var html = "<h2>What there is</h2>\n<div class=\"cards\">\n"
        for account in report.accounts {
            let statuses = account.serversByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \(escape($0.key))" }.joined(separator: ", ")
            let types = account.storageBytesByType.sorted { $0.key < $1.key }
                .map { "\(escape($0.key)) \(ResultFormat.humanSize($0.value))" }.joined(separator: ", ")
            html += """
                <div class="card"><h3>\(escape(account.account)) <span>\(escape(account.provider))</span></h3>
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
            html += "<h3>\(escape(section.title)) <span class=\"count\">\(section.count)\(size)</span></h3>\n"
            html += sectionRows(section)
        }
        return html
    }

    private static func changes(_ report: InventoryReport) -> String {
        var html = "<h2>Changes since \(escape(report.since)) <span class=\"sub\">(\(escape(report.sinceWords)))</span></h2>\n"
        html += report.changeCounts.isEmpty
            ? "<p>No change.</p>\n"
            : table(["change", "resource", "count"], report.changeCounts.map { [$0.category, $0.resourceType, String($0.count)] })
        html += "<h3>The changes <span class=\"count\">\(report.changes.count)</span></h3>\n"
        return html + sectionRows(report.changes)
    }

    private static func trends(_ report: InventoryReport) -> String {
        guard report.trends.count > 1 else { return "<h2>Trends</h2>\n<p>Trends need two runs or more.</p>\n" }
        let runs = report.trends.map { "#\($0.run)" }
        return "<h2>Trends</h2>\n<div class=\"charts\">\n"
            + SVGChart.line(title: "Servers", unit: "servers", labels: runs, values: report.trends.map { Double($0.servers) })
            + SVGChart.line(title: "Drives and volumes", unit: "drives", labels: runs, values: report.trends.map { Double($0.drives) })
            + SVGChart.line(title: "Storage", unit: "GB", labels: runs, values: report.trends.map { Double($0.storageBytes) / 1e9 })
            + SVGChart.line(title: "Unmounted storage", unit: "GB", labels: runs,
                            values: report.trends.map { Double($0.unmountedBytes) / 1e9 })
            + "</div>\n"
    }

    private static func sectionRows(_ section: InventoryReport.Section) -> String {
        guard section.count > 0 else { return "<p class=\"ok\">None.</p>\n" }
        var html = table(section.columns, section.rows)
        if let omitted = section.omitted {
            let parts = escape(omitted).split(separator: "`", omittingEmptySubsequences: false)
            html += "<p class=\"sub\">" + parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }
                .joined() + "</p>\n"
        }
        return html
    }

    static func table(_ columns: [String], _ rows: [[String]], rowClass: (Int) -> String? = { _ in nil }) -> String {
        var html = "<table><thead><tr>" + columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (index, row) in rows.enumerated() {
            let cells = zip(columns, row).map { "<td>\(escape(ResultFormat.shown($1, column: $0)))</td>" }
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
        th{background:#f3f5f9;font-weight:600}td{max-width:380px;overflow-wrap:anywhere}tr.bad td{background:#fdecec}
        .bad{color:#b3261e;font-weight:600}.ok{color:#1e7b34}.cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{border:1px solid #dfe4ee;border-radius:8px;padding:10px 14px;flex:1 1 320px}.card p{margin:4px 0}.big{font-size:16px;font-weight:600}
        .charts{display:flex;flex-wrap:wrap;gap:16px}.charts svg{border:1px solid #dfe4ee;border-radius:8px;background:#fff}
        code{background:#f3f5f9;padding:1px 4px;border-radius:3px}
        """
}
