import Foundation
import GRDB
@testable import StocktakeKit
import Testing

@Suite("Streamed output: the same bytes as the rendered result, never the whole result in memory")
struct StreamedOutputTests {
    /// A database holding awkward cells: separators, quotes, newlines, tabs, backslashes,
    /// control characters, non-ASCII text, NULL, large integers, reals and a blob.
    static func inventory() throws -> (ReadOnlyInventory, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("cells.sqlite").path
        try InventoryDatabase(path: path).pool.write { db in
            try db.execute(sql: "CREATE TABLE cells (name TEXT, size INTEGER, ratio REAL, data BLOB, \"odd, \"\"header\"\"\" TEXT)")
            let names = OutputFormatTests.awkward + ["back\\slash", "bell\u{07}", "cr\rlf"]
            for (index, name) in names.enumerated() {
                try db.execute(sql: "INSERT INTO cells VALUES (?, ?, ?, ?, ?)", arguments: [
                    name, Int64(index) * 1_000_000_000_000 - 7, index.isMultiple(of: 3) ? nil : Double(index) / 4,
                    index == 2 ? Data([0, 171, 255]) : nil, index.isMultiple(of: 2) ? "x" : nil,
                ])
            }
        }
        return (try ReadOnlyInventory(path: path), directory)
    }

    @Test("Every format, with and without headers, streams the bytes render gives", arguments: ResultFormat.allCases)
    func sameBytes(format: ResultFormat) throws {
        let (inventory, directory) = try Self.inventory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sql = "SELECT * FROM cells ORDER BY rowid"
        for headers in [true, false] {
            let expected = format.render(try inventory.execute(sql), headers: headers)
            let file = directory.appendingPathComponent("out-\(headers)").path
            let sink = try OutputSink.file(file)
            let rows = try inventory.stream(sql, format: format, headers: headers, to: sink)
            #expect(!FileManager.default.fileExists(atPath: file), "the file appears only when finished")
            try sink.finish()
            #expect(rows == 10)
            #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
        }
        let empty = "SELECT * FROM cells WHERE 0"
        let sink = try OutputSink.file(directory.appendingPathComponent("empty").path)
        #expect(try inventory.stream(empty, format: format, to: sink) == 0)
        try sink.finish()
        #expect(try String(contentsOfFile: directory.appendingPathComponent("empty").path, encoding: .utf8)
                == format.render(try inventory.execute(empty)))
    }

    @Test("A statement that fails while streaming leaves no file behind and says why")
    func failureLeavesNoFile() throws {
        let (inventory, directory) = try Self.inventory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("never").path
        do {
            let sink = try OutputSink.file(file)
            try inventory.stream("SELECT name, abs(CASE WHEN size > 0 THEN -9223372036854775807 - 1 ELSE 0 END) FROM cells ORDER BY rowid",
                                 format: .csv, to: sink)
            try sink.finish()
            Issue.record("the integer overflow should have failed the statement")
        } catch let error as QueryError {
            #expect(error.description.contains("integer overflow"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("never") }.isEmpty)
        #expect(throws: QueryError.self) { try OutputSink.file(directory.appendingPathComponent("missing/dir/out.csv").path) }
    }

    @Test("--output naming a FIFO or device writes into it: it is never replaced by a regular file")
    func deviceOutput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let sink = try OutputSink.file(fifo)
        sink.append("a,b\n")
        try sink.finish()
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = read(reader, &bytes, bytes.count)
        #expect(count == 4 && String(decoding: bytes.prefix(4), as: UTF8.self) == "a,b\n")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "still a FIFO")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipe"], "no temporary file left")
    }
}
