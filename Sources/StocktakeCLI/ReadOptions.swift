import ArgumentParser
import Foundation
import StocktakeKit

extension ResultFormat: ExpressibleByArgument {}

/// The database (and, when there is one, the configuration) a read command uses.
struct ReadOptions: ParsableArguments {
    @Option(help: "The configuration file, for `database:` and `queries_dir:` (optional for reading).", completion: .file())
    var config: String?

    @Option(help: "The SQLite database (default: $STOCKTAKE_DB, then the configuration's `database:`, then $XDG_DATA_HOME/stocktake/inventory.sqlite).", completion: .file())
    var db: String?

    /// The configuration when one is given or present at the default path; nil when there is none.
    func configuration() throws -> StocktakeConfiguration? {
        let paths = StocktakePaths()
        let path = paths.configuration(explicit: config)
        guard config != nil || FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try ConfigurationLoader().load(path: path)
        } catch let error as ConfigurationError {
            Diagnostics.error("configuration: \(error.description)")
            throw ExitCode(ExitCodes.configuration)
        }
    }

    var databasePath: String {
        get throws { StocktakePaths().database(explicit: db, configured: try configuration()?.database) }
    }

    /// Opens the inventory read-only, as of `asOf` when given; errors exit 1 with the reason.
    func open(asOf: String? = nil) throws -> ReadOnlyInventory {
        let path = try databasePath
        do {
            let inventory = try ReadOnlyInventory(path: path, asOf: asOf)
            if let notice = inventory.notice { Diagnostics.write(notice) }
            return inventory
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}

/// `--format`, `--output`, `--no-headers`: shared by every read command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table (the default on a terminal), csv (the default otherwise), tsv, json or ndjson.")
    var format: ResultFormat?

    @Option(help: "Write to this file instead of stdout.", completion: .file())
    var output: String?

    @Flag(help: "Leave out the header line (table, csv, tsv).")
    var noHeaders = false

    var effectiveFormat: ResultFormat {
        format ?? (output == nil && isatty(STDOUT_FILENO) == 1 ? .table : .csv)
    }

    /// The terminal's width when a table goes to one (long cells are cut to fit); nil otherwise.
    var terminalWidth: Int? {
        guard output == nil, isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100
    }

    /// Runs `sql` and writes its rows in the chosen format to stdout or `--output`
    /// as they are read, so a large result is never held in memory.
    func stream(_ inventory: ReadOnlyInventory, sql: String, arguments: [String: String] = [:]) throws {
        try reporting {
            let sink = try output.map(OutputSink.file) ?? OutputSink.standardOutput()
            try inventory.stream(sql, arguments: arguments, format: effectiveFormat, headers: !noHeaders, width: terminalWidth, to: sink)
            try sink.finish()
        }
    }

    /// Writes the result in the chosen format to stdout or `--output`.
    func write(_ result: ResultTable) throws {
        try write(effectiveFormat.render(result, headers: !noHeaders, width: terminalWidth))
    }

    /// Writes text already rendered to stdout or `--output`.
    func write(_ text: String) throws {
        try writeText(text, to: output)
    }
}

/// Writes `text` to stdout, or to the file `path` (complete or not at all; a device is written into).
func writeText(_ text: String, to path: String?) throws {
    guard let path else {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    try reporting {
        let sink = try OutputSink.file(path)
        sink.append(text)
        try sink.finish()
    }
}

/// Runs a read, turning query errors into a message and exit code 1.
func reporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as QueryError {
        Diagnostics.error(error.description)
        throw ExitCode(ExitCodes.failure)
    } catch let error as InventoryError {
        Diagnostics.error(error.description)
        throw ExitCode(ExitCodes.failure)
    }
}
