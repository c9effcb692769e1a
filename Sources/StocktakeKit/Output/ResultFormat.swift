import Foundation
import GRDB

/// How a result is written: an aligned table for people, or CSV, TSV, JSON,
/// newline-delimited JSON for programs.
public enum ResultFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, ndjson

    /// Renders the result; `headers: false` drops the header line (table, csv, tsv); `width` fits
    /// a table to a terminal's width, cutting long cells (the other formats ignore it).
    public func render(_ result: ResultTable, headers: Bool = true, width: Int? = nil) -> String {
        switch self {
        case .table:
            let sizes = result.columns.map(Self.isSizeColumn)
            let rows = result.rows.map { row in row.enumerated().map { Self.tableCell($0.element, size: sizes[$0.offset]) } }
            let text = TextTable.render(header: result.columns, rows: rows, width: width)
            return headers ? text : text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        case .csv, .tsv, .json, .ndjson:
            let sink = OutputSink.memory()
            _ = try? ResultWriter(format: self, headers: headers, sink: sink).write(result)
            return sink.text
        }
    }

    /// A cell for people: NULL as `NULL` (an empty text stays empty), and a byte count as a size
    /// (`500 GB`, `107.4 GB`; decimal units, as the providers bill).
    static func tableCell(_ value: DatabaseValue, size: Bool) -> String {
        if value.isNull { return "NULL" }
        if size, case .int64(let bytes) = value.storage { return humanSize(bytes) }
        return plain(value)
    }

    /// A cell's text for people: a byte count in a size column as a size, anything else as it is.
    static func shown(_ text: String, column: String) -> String {
        isSizeColumn(column) ? Int64(text).map(humanSize) ?? text : text
    }

    /// Columns holding a number of bytes: `size_bytes`, `mem_bytes`, `bytes`.
    static func isSizeColumn(_ name: String) -> Bool {
        name == "bytes" || name.hasSuffix("_bytes")
    }

    /// `512 B`, `1.5 kB`, `500 GB`, `107.4 GB`, `2 TB`.
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while abs(value) >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let text = String(format: "%.1f", value)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + " " + units[unit]
    }

    /// A value as text: NULL is empty, blobs are hexadecimal.
    public static func plain(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return ""
        case .int64(let number): return String(number)
        case .double(let number): return number.description
        case .string(let text): return text
        case .blob(let data): return data.map { String(format: "%02x", $0) }.joined()
        }
    }
}
