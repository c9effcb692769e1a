import Foundation
import PackagePlugin

/// Embeds the package's `queries/*.sql` into the target at build time (`BundledQueries`), so the
/// binary carries its named queries, installed alone, with no generated copy kept in git.
@main
struct EmbedQueries: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let directory = context.package.directoryURL.appending(path: "queries")
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledQueries.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) queries from queries/",
                executable: try context.tool(named: "QueryEmbedder").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files + [directory],
                outputFiles: [output]
            ),
        ]
    }
}
