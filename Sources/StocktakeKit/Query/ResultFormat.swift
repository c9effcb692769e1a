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
        case .csv:
            return lines(result, headers: headers, separator: ",", terminator: "\r\n", cell: Self.csvCell)
        case .tsv:
            return lines(result, headers: headers, separator: "\t", terminator: "\n", cell: Self.tsvCell)
        case .json:
            let objects = result.rows.map { Self.jsonObject(columns: result.columns, values: $0) }
            return objects.isEmpty ? "[]\n" : "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
        case .ndjson:
            return result.rows.map { Self.jsonObject(columns: result.columns, values: $0) + "\n" }.joined()
        }
    }

    private func lines(
        _ result: ResultTable, headers: Bool, separator: String, terminator: String, cell: (String) -> String
    ) -> String {
        var out = ""
        if headers { out += result.columns.map(cell).joined(separator: separator) + terminator }
        for row in result.rows {
            out += row.map { $0.isNull ? "" : cell(Self.plain($0)) }.joined(separator: separator) + terminator
        }
        return out
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

    /// RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
    static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Tabs, newlines and backslashes escaped as \t, \n, \r and \\.
    static func tsvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    /// One JSON object with the columns in order; integers stay integers and NULL is null.
    public static func jsonObject(columns: [String], values: [DatabaseValue]) -> String {
        "{" + zip(columns, values).map { jsonString($0) + ": " + jsonValue($1) }.joined(separator: ", ") + "}"
    }

    static func jsonValue(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "null"
        case .int64(let number): return String(number)
        case .double(let number): return number.isFinite ? number.description : "null"
        case .string(let text): return jsonString(text)
        case .blob: return jsonString(plain(value))
        }
    }

    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                out += String(format: "\\u%04x", control.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
