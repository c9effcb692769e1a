import Foundation

/// Inline SVG line charts for the HTML report: one line per series (an account), the y axis from 0
/// in round steps (1, 2 or 5 times a power of ten) with thousands separators, the x axis in dates.
enum SVGChart {
    static let width = 560.0, height = 240.0
    static let left = 70.0, right = 16.0, top = 30.0, bottom = 44.0
    static let colours = ["#2f6fdb", "#d9822b", "#2e9e5b", "#9b4dca", "#c23b5a", "#5b6b82"]

    /// A chart of `series` (each a name and one value per time in `times`, nil where it has none), titled
    /// `title`, its values in `unit` (said in the title when not empty).
    static func lines(title: String, unit: String, times: [String], series: [(name: String, values: [Double?])]) -> String {
        let all = series.flatMap { $0.values.compactMap { $0 } }
        let (step, maximum) = ticks(all.max() ?? 0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = times.count
        func x(_ index: Int) -> Double { left + (count > 1 ? Double(index) / Double(count - 1) * plotWidth : plotWidth / 2) }
        func y(_ value: Double) -> Double { top + plotHeight - (maximum > 0 ? value / maximum * plotHeight : 0) }
        let heading = unit.isEmpty ? title : "\(title) (\(unit))"
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(ReportHTML.escape(heading)) after each sync">
            <text x="\(left)" y="18" font-size="13" font-weight="600" fill="#1d2433">\(ReportHTML.escape(heading))</text>

            """
        var value = 0.0
        while value <= maximum + step / 2 {
            svg += """
                <line x1="\(left)" y1="\(format(y(value)))" x2="\(width - right)" y2="\(format(y(value)))" stroke="#e8ecf3"/>
                <text x="\(left - 6)" y="\(format(y(value) + 4))" font-size="11" text-anchor="end" fill="#56607a">\(label(value, step: step))</text>

                """
            value += step
        }
        let labels = dateLabels(times)
        let every = max(1, Int((Double(count) / 6).rounded(.up)))
        for index in 0..<count where index % every == 0 || index == count - 1 {
            if index != count - 1, count - 1 - index < every { continue }
            // The first and last labels run inwards from their points, so that neither is cut at an edge.
            let anchor = count > 1 && index == 0 ? "start" : count > 1 && index == count - 1 ? "end" : "middle"
            svg += "<text x=\"\(format(x(index)))\" y=\"\(format(height - bottom + 16))\" font-size=\"11\" text-anchor=\"\(anchor)\" fill=\"#56607a\">\(ReportHTML.escape(labels[index]))</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(format(top + plotHeight))\" stroke=\"#9aa3b5\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(format(top + plotHeight))\" x2=\"\(width - right)\" y2=\"\(format(top + plotHeight))\" stroke=\"#9aa3b5\"/>\n"
        for (number, line) in series.enumerated() {
            let colour = colours[number % colours.count]
            let points = line.values.enumerated().compactMap { index, value in value.map { "\(format(x(index))),\(format(y($0)))" } }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            for (index, value) in line.values.enumerated() {
                guard let value else { continue }
                let tip = "\(line.name.isEmpty ? "" : line.name + ", ")\(times[index]): \(label(value, step: step / 100)) \(unit)"
                svg += "<circle cx=\"\(format(x(index)))\" cy=\"\(format(y(value)))\" r=\"2.5\" fill=\"\(colour)\"><title>\(ReportHTML.escape(tip))</title></circle>\n"
            }
            if !line.name.isEmpty {
                let legendX = left + 8 + Double(number) * 160, legendY = height - 6.0
                svg += "<rect x=\"\(format(legendX))\" y=\"\(format(legendY - 8))\" width=\"10\" height=\"3\" fill=\"\(colour)\"/>"
                    + "<text x=\"\(format(legendX + 14))\" y=\"\(format(legendY - 4))\" font-size=\"11\" fill=\"#1d2433\">\(ReportHTML.escape(line.name))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// The step between y ticks (1, 2 or 5 times a power of ten) and the top tick, for at most five steps above 0.
    static func ticks(_ value: Double) -> (step: Double, maximum: Double) {
        guard value > 0 else { return (1, 1) }
        let rough = value / 5
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        return (step, (value / step).rounded(.up) * step)
    }

    /// A tick's label: a whole number with thousands separators, or as many decimals as the step needs.
    static func label(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : min(4, Int((-log10(step)).rounded(.up)))
        return ReportFormat.grouped(String(format: "%.\(decimals)f", value))
    }

    /// The times of the runs as the axis shows them: days (`Nov 26`) when they span two days or more,
    /// else hours and minutes, else seconds when they fall within a minute.
    static func dateLabels(_ times: [String]) -> [String] {
        let dates = times.map { ReportFormat.date($0) }
        let known = dates.compactMap { $0 }
        guard let first = known.min(), let last = known.max() else { return times }
        let span = last.timeIntervalSince(first)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = span >= 2 * 86_400 ? "MMM d" : span >= 3600 ? "MMM d HH:mm" : span >= 60 ? "HH:mm" : "HH:mm:ss"
        return zip(times, dates).map { text, date in date.map(formatter.string) ?? text }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
