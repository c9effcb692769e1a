import ArgumentParser
import Foundation
import StocktakeKit

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
