import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake export`: the inventory as files, for people who live in spreadsheets.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the current inventory, the change log and a manifest into a directory, one file per table.",
        discussion: """
            Examples:
              stocktake export --dir /srv/reports/inventory-$(date +%F)
              stocktake export --dir out --format json --as-of 2026-11-01 --force
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Option(help: "The directory to write into (created if needed).", completion: .directory)
    var dir: String

    @Option(help: "File format: csv or json.")
    var format: Format = .csv

    @OptionGroup var asOf: AsOfOptions

    @Flag(help: "Overwrite files of the same names already in the directory.")
    var force = false

    @OptionGroup var read: ReadOptions

    func run() throws {
        let counts = try reporting {
            let format: ResultFormat
            switch self.format {
            case .csv: format = .csv
            case .json: format = .json
            }
            return try InventoryExporter.export(try read.open(asOf: asOf.text), to: dir, format: format, overwrite: force)
        }
        for (file, rows) in counts.sorted(by: { $0.key < $1.key }) {
            Diagnostics.write("\(dir)/\(file): \(rows) rows")
        }
        Diagnostics.write("\(dir)/manifest.json")
    }
}
