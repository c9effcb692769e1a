import GRDB
import NIOCore
import PostgresNIO

/// Writes many rows into a PostgreSQL table with `COPY ... FROM STDIN`, never one round trip per row.
struct PostgresBulkInsert {
    /// A column written to: its name and whether PostgreSQL keeps it as text.
    typealias Column = (name: String, isText: Bool)

    /// The table, unqualified (COPY quotes the name whole; a temporary table is found first anyway).
    let table: String
    let columns: [Column]

    /// Inserts `rows` (each one value per column, in order) with one `COPY ... FROM STDIN`, the rows
    /// streamed in PostgreSQL's text format about a megabyte at a time.
    func insert(_ rows: some Collection<[DatabaseValue]>, on connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns.map(\.name), logger: logger) { writer in
            var text = ""
            text.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { text.append("\t") }
                    Self.appendCopyText(value, to: &text)
                }
                text.append("\n")
                if text.utf8.count >= 1 << 20 {
                    try await writer.write(ByteBuffer(string: text))
                    text.removeAll(keepingCapacity: true)
                }
            }
            if !text.isEmpty { try await writer.write(ByteBuffer(string: text)) }
        }
    }

    /// A value as COPY's text format writes it: `\N` for NULL, backslash, tab and line breaks escaped.
    static func appendCopyText(_ value: DatabaseValue, to text: inout String) {
        switch value.storage {
        case .null: text.append("\\N")
        case .int64(let number): text.append(String(number))
        case .double(let number): text.append(number.description)
        case .string(let string): appendEscaped(string, to: &text)
        case .blob(let data): appendEscaped(String(decoding: data, as: UTF8.self), to: &text)
        }
    }

    private static func appendEscaped(_ string: String, to text: inout String) {
        guard string.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            text.append(string)
            return
        }
        for character in string.unicodeScalars {
            switch character {
            case "\\": text.append("\\\\")
            case "\t": text.append("\\t")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            default: text.unicodeScalars.append(character)
            }
        }
    }
}
