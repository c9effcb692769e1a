import GRDB
import GRDBSQLite

/// One cell as the writers see it; text is borrowed UTF-8.
enum ResultCell {
    case null
    case integer(Int64)
    case real(Double)
    case text(UnsafeBufferPointer<UInt8>)
}

/// Rows a `ResultWriter` writes: a statement SQLite steps through, or a result held in memory.
protocol ResultRows {
    var columns: [String] { get }
    /// Moves to the next row; false after the last.
    mutating func next() throws -> Bool
    /// Lends the current row's cell at `column` to `body`.
    func withCell(_ column: Int, _ body: (ResultCell) -> Void)
}

/// Writes rows as CSV, TSV, JSON or NDJSON: the one renderer of each format. A statement's
/// cells go from SQLite's buffers to the output's bytes while it steps, with no Swift value per
/// cell and no result held in memory; a result in memory (`ResultFormat.render`) goes through
/// the same code, so both give the same bytes. (`table` needs every row to size its columns:
/// `TextTable` renders it.)
struct ResultWriter {
    let format: ResultFormat
    let headers: Bool
    let sink: OutputSink

    /// Writes every row of `statement` (whose arguments are set); returns how many.
    func write(_ statement: Statement) throws -> Int {
        var rows = StatementRows(statement: statement, cursor: try Row.fetchCursor(statement))
        return try write(&rows)
    }

    /// Writes every row of `result`; returns how many.
    @discardableResult
    func write(_ result: ResultTable) throws -> Int {
        var rows = MemoryRows(result: result)
        return try write(&rows)
    }

    /// Writes every row of `rows`; returns how many.
    func write<Rows: ResultRows>(_ rows: inout Rows) throws -> Int {
        let columns = rows.columns
        let keys = columns.map { Array(JSONStringEscapes.quoted($0).utf8) }
        writeHeader(columns)
        var count = 0
        while try rows.next() {
            if format == .json { sink.append(count == 0 ? "[\n  " : ",\n  ") }
            writeRow(rows, keys: keys)
            count += 1
            try sink.rowEnded()
        }
        if format == .json { sink.append(count == 0 ? "[]\n" : "\n]\n") }
        return count
    }

    /// One JSON object of the row's cells under their columns' names, as JSON and NDJSON write each row.
    static func jsonObject(columns: [String], values: [DatabaseValue]) -> String {
        let sink = OutputSink.memory()
        var rows = MemoryRows(result: ResultTable(columns: columns, rows: [values]))
        _ = try? rows.next()
        ResultWriter(format: .ndjson, headers: false, sink: sink)
            .writeJSONObject(rows, keys: columns.map { Array(JSONStringEscapes.quoted($0).utf8) })
        return sink.text
    }

    private func writeHeader(_ columns: [String]) {
        guard headers, format == .csv || format == .tsv else { return }
        for (index, column) in columns.enumerated() {
            if index > 0 { sink.append(format == .csv ? UInt8(ascii: ",") : UInt8(ascii: "\t")) }
            var name = column
            name.withUTF8 { format == .csv ? appendCSV($0) : appendTSV($0) }
        }
        endLine()
    }

    private func writeRow<Rows: ResultRows>(_ rows: Rows, keys: [[UInt8]]) {
        switch format {
        case .csv, .tsv, .table:
            let csv = format != .tsv
            for column in 0..<keys.count {
                if column > 0 { sink.append(csv ? UInt8(ascii: ",") : UInt8(ascii: "\t")) }
                rows.withCell(column) { cell in
                    withText(cell) { text in
                        if let text { csv ? appendCSV(text) : appendTSV(text) }
                    }
                }
            }
            endLine()
        case .json, .ndjson:
            writeJSONObject(rows, keys: keys)
            if format == .ndjson { sink.append(UInt8(ascii: "\n")) }
        }
    }

    private func endLine() {
        if format != .tsv { sink.append(UInt8(ascii: "\r")) }
        sink.append(UInt8(ascii: "\n"))
    }

    private func writeJSONObject<Rows: ResultRows>(_ rows: Rows, keys: [[UInt8]]) {
        sink.append(UInt8(ascii: "{"))
        for column in 0..<keys.count {
            if column > 0 { sink.append(", ") }
            keys[column].withUnsafeBufferPointer { sink.append($0) }
            sink.append(": ")
            rows.withCell(column) { appendJSONValue($0) }
        }
        sink.append(UInt8(ascii: "}"))
    }

    /// The cell as text (as `ResultFormat.plain` writes it), or nil for NULL.
    private func withText(_ cell: ResultCell, _ body: (UnsafeBufferPointer<UInt8>?) -> Void) {
        switch cell {
        case .null:
            body(nil)
        case .integer(let number):
            var text = String(number)
            text.withUTF8 { body($0) }
        case .real(let number):
            var text = number.description
            text.withUTF8 { body($0) }
        case .text(let bytes):
            body(bytes)
        }
    }

    private func appendJSONValue(_ cell: ResultCell) {
        switch cell {
        case .null:
            sink.append("null")
        case .integer(let number):
            sink.append(String(number))
        case .real(let number):
            sink.append(number.isFinite ? number.description : "null")
        case .text(let text):
            sink.append(UInt8(ascii: "\""))
            appendEscaped(text, escape: JSONStringEscapes.escape)
            sink.append(UInt8(ascii: "\""))
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

/// A statement's rows, read from SQLite's buffers.
struct StatementRows: ResultRows {
    let statement: Statement
    let cursor: RowCursor

    var columns: [String] { statement.columnNames }

    mutating func next() throws -> Bool { try cursor.next() != nil }

    func withCell(_ column: Int, _ body: (ResultCell) -> Void) {
        let handle = statement.sqliteStatement
        let index = Int32(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL:
            body(.null)
        case SQLITE_INTEGER:
            body(.integer(sqlite3_column_int64(handle, index)))
        case SQLITE_FLOAT:
            body(.real(sqlite3_column_double(handle, index)))
        case SQLITE_BLOB:
            var text = ResultFormat.plain(DatabaseValue(sqliteStatement: handle, index: index))
            text.withUTF8 { body(.text($0)) }
        default:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let start = sqlite3_column_text(handle, index) else { return body(.text(UnsafeBufferPointer(start: nil, count: 0))) }
            body(.text(UnsafeBufferPointer(start: start, count: count)))
        }
    }
}

/// A result held in memory, row by row.
struct MemoryRows: ResultRows {
    let result: ResultTable
    private var index = -1

    init(result: ResultTable) { self.result = result }

    var columns: [String] { result.columns }

    mutating func next() throws -> Bool {
        index += 1
        return index < result.rows.count
    }

    func withCell(_ column: Int, _ body: (ResultCell) -> Void) {
        let value = result.rows[index][column]
        switch value.storage {
        case .null: body(.null)
        case .int64(let number): body(.integer(number))
        case .double(let number): body(.real(number))
        case .string(var text): text.withUTF8 { body(.text($0)) }
        case .blob:
            var text = ResultFormat.plain(value)
            text.withUTF8 { body(.text($0)) }
        }
    }
}
