import Foundation

// Writes the Swift source of `BundledQueries` (the named queries the binary carries) from
// `queries/*.sql`: `QueryEmbedder OUTPUT FILE.sql...`. Run by the EmbedQueries build plugin.

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: QueryEmbedder OUTPUT FILE.sql...\n".utf8))
    exit(64)
}

/// A raw string literal holding `text` exactly: as many `#` as it takes.
func rawLiteral(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"\"\"" + hashes) || text.contains("\"" + hashes) { hashes += "#" }
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

var source = """
    // Generated at build time by the EmbedQueries plugin from queries/*.sql.

    /// The named queries the binary carries, as (file name, text) pairs.
    enum BundledQueries {
        static let files: [(name: String, text: String)] = [

    """
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    do {
        var text = try String(contentsOf: url, encoding: .utf8)
        while text.hasSuffix("\n") { text.removeLast() }
        source += "        (\"\(url.lastPathComponent)\", \(rawLiteral(text))),\n"
    } catch {
        FileHandle.standardError.write(Data("error: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
}
source += "    ]\n}\n"
do {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
