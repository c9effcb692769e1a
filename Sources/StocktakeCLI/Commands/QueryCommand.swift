import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake query NAME`: run a named query, offline.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a named query on the inventory (`stocktake queries` lists them).",
        discussion: """
            `stocktake queries NAME` says what a query answers and which parameters it takes, with their \
            defaults; --show-sql prints its SQL instead of running it.

            Examples:
              stocktake query unmounted-drives
              stocktake query largest-drives -p limit=5 --format json
              stocktake query public-servers --as-of 3d --format csv --output public.csv
              stocktake query old-snapshots --show-sql
            """
    )

    @Argument(help: "The query's name, e.g. unmounted-drives.", completion: QueryNames.completion)
    var name: String

    @Flag(help: "Print the query's SQL instead of running it.")
    var showSQL = false

    @Option(name: [.customShort("p"), .customLong("param")],
            help: ArgumentHelp("A parameter, name=value (repeat for several).", valueName: "name=value"))
    var parameters: [ParameterAssignment] = []

    @OptionGroup var asOf: AsOfOptions

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try self.library.load(read: read)
        if showSQL {
            print(try reporting { try library.query(name) }.sql)
            return
        }
        let (inventory, query, arguments) = try reporting {
            let query = try library.query(name)
            let inventory = try read.open(asOf: asOf.text)
            let arguments = try query.arguments(parameters.map { ($0.name, $0.value) })
            for run in query.runs(in: arguments) { try inventory.requireRun(run) }
            return (inventory, query, arguments)
        }
        try output.stream(inventory, sql: inventory.sql(of: query), arguments: arguments)
    }
}
