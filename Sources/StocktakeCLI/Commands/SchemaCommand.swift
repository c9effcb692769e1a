import Foundation
import ArgumentParser
import StocktakeKit

/// `stocktake schema`: every table, view and column with its meaning.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "List every table, view and column of the database with a one-line meaning.",
        discussion: """
            --datasette-metadata writes a Datasette metadata file instead: the same meanings as table and \
            column descriptions, and the named queries as canned queries.

            Examples:
              stocktake schema
              stocktake schema --format csv | grep '^servers,'
              stocktake schema --datasette-metadata --output metadata.json && datasette inventory.sqlite -m metadata.json
            """
    )

    @Flag(help: "Write a Datasette metadata file (JSON): descriptions and the named queries as canned queries.")
    var datasetteMetadata = false

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try read.open()
        let schema = try reporting { try inventory.schema() }
        guard datasetteMetadata else { return try output.write(schema) }
        let name = URL(fileURLWithPath: inventory.path).deletingPathExtension().lastPathComponent
        let data = try DatasetteMetadata.render(schema: schema, queries: try library.load(read: read).all, database: name)
        try output.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
