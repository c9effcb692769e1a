import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake sql`: ad-hoc, read-only SQL.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run one read-only SQL statement on the inventory (`-` reads it from stdin).",
        discussion: "Statements that write, ATTACH, DETACH, VACUUM and PRAGMAs that set a value are refused; the file is never changed."
    )

    @Argument(help: "The SQL statement, or - to read it from stdin.")
    var sql: String

    @Option(help: "Run as of a past sync: a run number (3), a time (2026-11-01T09:00:00Z) or an age (90m, 12h, 3d).")
    var asOf: String?

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let text = sql == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : sql
        try output.stream(try reporting { try read.open(asOf: asOf) }, sql: text)
    }
}
