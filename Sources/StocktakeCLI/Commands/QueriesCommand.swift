import ArgumentParser
import Foundation
import StocktakeKit

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
