import GRDB
import GRDBSQLite

/// Writes a statement's rows as CSV, TSV, JSON or NDJSON while SQLite steps
/// through them: cells go from SQLite's buffers to the output's bytes, with no
/// Swift value per cell and no result held in memory. The bytes are the same
/// as `ResultFormat.render` gives for the same result.
struct ResultStreamWriter {
    let format: ResultFormat
    let headers: Bool
    let sink: OutputSink

    /// Writes every row of `statement` (whose arguments are set); returns how many.
    func write(_ statement: Statement) throws -> Int {
        let columns = statement.columnNames
        let keys = columns.map { Array(ResultFormat.jsonString($0).utf8) }
        writeHeader(columns)
        let cursor = try Row.fetchCursor(statement)
        let handle = statement.sqliteStatement
        var count = 0
        while try cursor.next() != nil {
            if format == .json { sink.append(count == 0 ? "[\n  " : ",\n  ") }
            writeRow(handle, columns: columns.count, keys: keys)
            count += 1
            try sink.rowEnded()
        }
        if format == .json { sink.append(count == 0 ? "[]\n" : "\n]\n") }
        return count
    }

    private func writeHeader(_ columns: [String]) {
        guard headers else { return }
        switch format {
        case .csv:
            sink.append(columns.map(ResultFormat.csvCell).joined(separator: ",") + "\r\n")
        case .tsv:
            sink.append(columns.map(ResultFormat.tsvCell).joined(separator: "\t") + "\n")
        case .table, .json, .ndjson:
            break
        }
    }

    private func writeRow(_ handle: SQLiteStatement, columns: Int, keys: [[UInt8]]) {
        switch format {
        case .csv, .tsv, .table:
            let csv = format != .tsv
            for column in 0..<columns {
                if column > 0 { sink.append(csv ? UInt8(ascii: ",") : UInt8(ascii: "\t")) }
                withCellText(handle, Int32(column)) { text in
                    if let text { csv ? appendCSV(text) : appendTSV(text) }
                }
            }
            if csv { sink.append(UInt8(ascii: "\r")) }
            sink.append(UInt8(ascii: "\n"))
        case .json, .ndjson:
            sink.append(UInt8(ascii: "{"))
            for column in 0..<columns {
                if column > 0 { sink.append(", ") }
                keys[column].withUnsafeBufferPointer { sink.append($0) }
                sink.append(": ")
                appendJSONValue(handle, Int32(column))
            }
            sink.append(UInt8(ascii: "}"))
            if format == .ndjson { sink.append(UInt8(ascii: "\n")) }
        }
    }

    /// The cell as text (as `ResultFormat.plain` writes it), or nil for NULL.
    private func withCellText(_ handle: SQLiteStatement, _ column: Int32, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL:
            body(nil)
        case SQLITE_INTEGER:
            var text = String(sqlite3_column_int64(handle, column))
            text.withUTF8 { body($0) }
        case SQLITE_FLOAT:
            var text = sqlite3_column_double(handle, column).description
            text.withUTF8 { body($0) }
        case SQLITE_BLOB:
            var text = ResultFormat.plain(DatabaseValue(sqliteStatement: handle, index: column))
            text.withUTF8 { body($0) }
        default:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let start = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            body(UnsafeBufferPointer(start: start, count: count))
        }
    }

    private func appendJSONValue(_ handle: SQLiteStatement, _ column: Int32) {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL:
            sink.append("null")
        case SQLITE_INTEGER:
            sink.append(String(sqlite3_column_int64(handle, column)))
        case SQLITE_FLOAT:
            let number = sqlite3_column_double(handle, column)
            sink.append(number.isFinite ? number.description : "null")
        default:
            withCellText(handle, column) { text in
                appendJSONString(text ?? UnsafeBufferPointer(start: nil, count: 0))
            }
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
    private func appendCSV(_ text: UnsafeBufferPointer<UInt8>) {
        let needsQuotes = text.contains { (byte: UInt8) -> Bool in
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: return true
            default: return false
            }
        }
        guard needsQuotes else { return sink.append(text) }
        sink.append(UInt8(ascii: "\""))
        appendEscaped(text) { $0 == UInt8(ascii: "\"") ? "\"\"" : nil }
        sink.append(UInt8(ascii: "\""))
    }

    /// Tabs, newlines and backslashes escaped as \t, \n, \r and \\.
    private func appendTSV(_ text: UnsafeBufferPointer<UInt8>) {
        appendEscaped(text) { byte in
            switch byte {
            case UInt8(ascii: "\\"): return "\\\\"
            case 0x09: return "\\t"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            default: return nil
            }
        }
    }

    /// A JSON string the way `ResultFormat.jsonString` writes it.
    private func appendJSONString(_ text: UnsafeBufferPointer<UInt8>) {
        sink.append(UInt8(ascii: "\""))
        appendEscaped(text) { byte in
            switch byte {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0..<0x20: return String(ResultFormat.jsonString(String(UnicodeScalar(byte))).dropFirst().dropLast())
            default: return nil
            }
        }
        sink.append(UInt8(ascii: "\""))
    }

    /// Appends `text`, replacing each byte `escape` has a replacement for; runs
    /// of plain bytes are copied whole.
    private func appendEscaped(_ text: UnsafeBufferPointer<UInt8>, escape: (UInt8) -> String?) {
        var plainStart = 0
        for index in 0..<text.count {
            guard let replacement = escape(text[index]) else { continue }
            sink.append(UnsafeBufferPointer(rebasing: text[plainStart..<index]))
            sink.append(replacement)
            plainStart = index + 1
        }
        sink.append(UnsafeBufferPointer(rebasing: text[plainStart..<text.count]))
    }
}
