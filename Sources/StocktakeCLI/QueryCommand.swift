import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake query NAME`: run a named query, offline.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a named query on the inventory (`stocktake queries` lists them)."
    )

    @Argument(help: "The query's name, e.g. unmounted-drives.")
    var name: String

    @Option(name: [.customShort("p"), .customLong("param")], help: "A parameter, name=value (repeat for several).")
    var parameters: [String] = []

    @Option(help: "Run as of a past sync: a run number (3), a time (2026-11-01T09:00:00Z) or an age (90m, 12h, 3d).")
    var asOf: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try self.library.load(read: read)
        let (inventory, query, arguments) = try reporting {
            let query = try library.query(name)
            return (try read.open(asOf: asOf), query, try query.arguments(parameters))
        }
        try output.stream(inventory, sql: query.sql, arguments: arguments)
    }
}

/// `--queries DIR`, shared by the commands that read the named queries.
struct LibraryOptions: ParsableArguments {
    @Option(help: "A directory of .sql queries that add to, or override, the bundled ones (default: `queries_dir:`).")
    var queries: String?

    /// The bundled queries plus `--queries` or the configuration's `queries_dir:`; notices go to stderr.
    func load(read: ReadOptions) throws -> QueryLibrary {
        let userDirectory = try queries ?? read.configuration()?.queriesDirectory
        return try reporting {
            let library = try QueryLibrary(userDirectory: userDirectory)
            for notice in library.notices { Diagnostics.write(notice) }
            return library
        }
    }
}

/// `stocktake queries`: list the named queries.
struct QueriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "List the named queries: name, title, parameters and origin (bundled or user)."
    )

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let rows = try library.load(read: read).all.map { query -> [String?] in
            let parameters = query.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: " ")
            return [query.name, query.title, parameters, query.origin.rawValue]
        }
        try output.write(ResultTable(columns: ["name", "title", "parameters", "origin"], text: rows))
    }
}
