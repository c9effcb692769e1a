import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake sql`: ad-hoc, read-only SQL.
struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run one read-only SQL statement on the inventory (`-` reads it from stdin).",
        discussion: """
            Statements that write, ATTACH, DETACH, VACUUM and PRAGMAs that set a value are refused; the file is \
            never changed. -p name=value binds :name (a whole number or a decimal is bound as a number).

            Examples:
              stocktake sql "SELECT zone, COUNT(*) FROM current_servers GROUP BY zone"
              stocktake sql "SELECT id, name FROM current_drives WHERE size_bytes > :min" -p min=100000000000
              stocktake sql --format tsv --no-headers "SELECT id FROM current_servers WHERE status = 'stopped'"
            """
    )

    @Argument(help: "The SQL statement, or - to read it from stdin.")
    var sql: String

    @Option(name: [.customShort("p"), .customLong("param")],
            help: ArgumentHelp("Bind :name to a value, name=value (repeat for several).", valueName: "name=value"))
    var parameters: [ParameterAssignment] = []

    @OptionGroup var asOf: AsOfOptions

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let text = sql == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : sql
        let arguments = ParameterAssignment.dictionary(parameters)
        try output.stream(try reporting { try read.open(asOf: asOf.text) }, sql: text, arguments: arguments)
    }
}
