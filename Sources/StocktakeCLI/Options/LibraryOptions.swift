import ArgumentParser
import Foundation
import StocktakeKit

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

/// Shell completion of query names: the bundled ones (a user's `queries_dir:` is read at run time only).
enum QueryNames {
    static let completion = CompletionKind.custom { _, _, prefix in
        ((try? QueryLibrary())?.all.map(\.name) ?? []).filter { $0.hasPrefix(prefix) }
    }
}
