import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake status`: how fresh each scope is.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show, per account and scope, the last complete sync, its age, object counts and the last error."
    )

    @OptionGroup var read: ReadOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let statuses = try reporting { try read.open().status() }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(statuses) + Data("\n".utf8))
            return
        }
        let rows = statuses.map { status in
            [status.account, status.zone, status.kind, status.lastComplete ?? "never",
             status.ageSeconds.map(Self.age) ?? "-", String(status.objects), status.lastError ?? ""]
        }
        print(TextTable.render(header: ["account", "zone", "kind", "last complete", "age", "objects", "last error"],
                               rows: rows), terminator: "")
    }

    static func age(_ seconds: Double) -> String {
        switch seconds {
        case ..<120: return "\(Int(seconds))s"
        case ..<7200: return "\(Int(seconds / 60))m"
        case ..<172_800: return "\(Int(seconds / 3600))h"
        default: return "\(Int(seconds / 86400))d"
        }
    }
}
