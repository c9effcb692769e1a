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

    @Option(name: [.customShort("p"), .customLong("param")], help: "A parameter, name=value (repeat for several).")
    var parameters: [String] = []

    @Option(help: "Run as of a past sync: a run number (3), a time (2026-11-01T09:00:00Z) or an age (90m, 12h, 3d).")
    var asOf: String?

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
            let inventory = try read.open(asOf: asOf)
            let arguments = try query.arguments(parameters)
            for run in query.runs(in: arguments) { try inventory.requireRun(run) }
            return (inventory, query, arguments)
        }
        try output.stream(inventory, sql: query.sql, arguments: arguments)
    }
}

/// `--queries DIR`, shared by the commands that read the named queries.
struct LibraryOptions: ParsableArguments {
    @Option(help: "A directory of .sql queries that add to, or override, the bundled ones (default: `queries_dir:`).", completion: .directory)
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
        abstract: "List the named queries, or describe one: what it answers, its parameters and defaults, its SQL.",
        discussion: """
            Examples:
              stocktake queries
              stocktake queries old-snapshots
              stocktake queries old-snapshots --show-sql
            """
    )

    @Argument(help: "A query to describe (default: list them all).", completion: QueryNames.completion)
    var name: String?

    @Flag(help: "With a NAME: print its SQL too.")
    var showSQL = false

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try library.load(read: read)
        if let name {
            let query = try reporting { try library.query(name) }
            print(Self.describe(query, sql: showSQL), terminator: "")
            return
        }
        let rows = library.all.map { query -> [String?] in
            let parameters = query.parameters.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: " ")
            return [query.name, query.title, parameters, query.origin.rawValue]
        }
        try output.write(ResultTable(columns: ["name", "title", "parameters", "origin"], text: rows))
    }

    /// A query for people: its name and title, what it answers, each parameter with its default and
    /// meaning, how to run it, and (with `sql`) its SQL.
    static func describe(_ query: NamedQuery, sql: Bool) -> String {
        var text = "\(query.name): \(query.title) (\(query.origin.rawValue))\n"
        if !query.description.isEmpty { text += "\n" + wrap(query.description, width: 78) + "\n" }
        if query.parameters.isEmpty {
            text += "\nParameters: none\n"
        } else {
            text += "\nParameters:\n"
            for parameter in query.parameters {
                text += "  -p \(parameter.name)=VALUE   \(parameter.meaning) (default: \(parameter.defaultValue))\n"
            }
        }
        let example = query.parameters.first.map { " -p \($0.name)=\($0.defaultValue)" } ?? ""
        text += "\nRun: stocktake query \(query.name)\(example)\n"
        if sql { text += "\n" + query.sql.trimmingCharacters(in: .whitespacesAndNewlines) + "\n" }
        return text
    }

    /// Words joined into lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

/// Shell completion of query names: the bundled ones (a user's `queries_dir:` is read at run time only).
enum QueryNames {
    static let completion = CompletionKind.custom { _, _, prefix in
        ((try? QueryLibrary())?.all.map(\.name) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
