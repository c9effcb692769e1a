import Foundation

/// Inline SVG line charts with labelled axes and units, for the HTML report.
enum SVGChart {
    static let width = 560.0, height = 230.0
    static let left = 64.0, right = 16.0, top = 30.0, bottom = 40.0

    /// A line of `values` over `labels` (one per run), the y axis from 0 to a round maximum in `unit`.
    static func line(title: String, unit: String, labels: [String], values: [Double]) -> String {
        let maximum = niceMaximum(values.max() ?? 0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double { left + (values.count > 1 ? Double(index) / Double(values.count - 1) * plotWidth : plotWidth / 2) }
        func y(_ value: Double) -> Double { top + plotHeight - (maximum > 0 ? value / maximum * plotHeight : 0) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(ReportHTML.escape(title)) per run, in \(ReportHTML.escape(unit))">
            <text x="\(left)" y="18" font-size="13" font-weight="600" fill="#1d2433">\(ReportHTML.escape(title)) (\(ReportHTML.escape(unit)))</text>

            """
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            svg += """
                <line x1="\(left)" y1="\(format(y(value)))" x2="\(width - right)" y2="\(format(y(value)))" stroke="#e8ecf3"/>
                <text x="\(left - 6)" y="\(format(y(value) + 4))" font-size="11" text-anchor="end" fill="#56607a">\(label(value))</text>

                """
        }
        let every = max(1, Int((Double(labels.count) / 10).rounded(.up)))
        for (index, text) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += "<text x=\"\(format(x(index)))\" y=\"\(format(height - bottom + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#56607a\">\(ReportHTML.escape(text))</text>\n"
        }
        svg += "<text x=\"\(format(left + plotWidth / 2))\" y=\"\(format(height - 6))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#56607a\">run</text>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(format(top + plotHeight))\" stroke=\"#9aa3b5\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(format(top + plotHeight))\" x2=\"\(width - right)\" y2=\"\(format(top + plotHeight))\" stroke=\"#9aa3b5\"/>\n"
        let points = values.enumerated().map { "\(format(x($0.offset))),\(format(y($0.element)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#2f6fdb\" stroke-width=\"2\"/>\n"
        for (index, value) in values.enumerated() {
            svg += "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(value)))\" r=\"2.5\" fill=\"#2f6fdb\"><title>\(ReportHTML.escape(labels[index])): \(label(value)) \(ReportHTML.escape(unit))</title></circle>\n"
        }
        return svg + "</svg>\n"
    }

    /// 1, 2, 2.5 or 5 times a power of ten, at least `value` (1 when it is 0).
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, floor(log10(value)))
        for factor in [1, 2, 2.5, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    static func label(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
