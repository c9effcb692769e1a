/// Renders rows as an aligned plain-text table, for people on a terminal.
public enum TextTable {
    /// The narrowest a column is cut to when a table is fitted to a width.
    static let narrowest = 12

    /// The header, a rule of dashes, and the rows, columns padded to their widest cell.
    ///
    /// With `width` (a terminal's), a table wider than it has its widest columns cut
    /// down, widest first and never below `narrowest`, and each cut cell ends in `…`;
    /// every other format keeps full values.
    public static func render(header: [String], rows: [[String]], width: Int? = nil) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        if let width { widths = fitted(widths, to: width) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let shown = index < widths.count ? cut(cell, to: widths[index]) : cell
                return index == cells.count - 1 ? shown : shown + String(repeating: " ", count: widths[index] - shown.count)
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(header), line(rule)] + rows.map(line)).map { $0 + "\n" }.joined()
    }

    /// Column widths that fit `width` with two spaces between columns, cutting the widest first.
    static func fitted(_ natural: [Int], to width: Int) -> [Int] {
        var widths = natural
        let gaps = 2 * max(0, widths.count - 1)
        while widths.reduce(0, +) + gaps > width {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > narrowest else { break }
            let excess = widths.reduce(0, +) + gaps - width
            let others = widths.enumerated().filter { $0.offset != widest }.map(\.element).max() ?? narrowest
            widths[widest] = max(narrowest, max(others, widths[widest] - excess))
            if widths[widest] == others, others > narrowest, widths.reduce(0, +) + gaps > width { widths[widest] -= 1 }
        }
        return widths
    }

    /// `cell` cut to `width` characters, its last one `…` when anything was left out.
    static func cut(_ cell: String, to width: Int) -> String {
        cell.count <= width ? cell : String(cell.prefix(max(0, width - 1))) + "…"
    }
}
