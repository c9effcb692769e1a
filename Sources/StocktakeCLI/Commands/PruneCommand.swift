import ArgumentParser
import Foundation
import StocktakeKit

/// `stocktake prune`: retention for history, the change log and run records.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove history, changes and run records older than a window, keeping every answer inside it.",
        discussion: """
            Keeps every --as-of answer from the window's first run on exactly as it was; --as-of an earlier \
            run is refused afterwards. Removes versions that closed before the window, resources deleted \
            before it, and the change log and run records before it (but the newest change of each field of \
            each existing resource, and each scope's newest outcome, which answers inside the window read). \
            Then VACUUM gives the space back (readers go on meanwhile; a sync waits for it). Takes the writer \
            lock, as a sync does.

            Examples:
              stocktake prune --keep 90d
              stocktake prune --keep-runs 500 --wait 600
            """
    )

    @Option(help: ArgumentHelp("Keep what the last AGE needs: \(AgeArgument.forms).", valueName: "age"))
    var keep: AgeArgument?

    @Option(help: "Keep the newest N runs.")
    var keepRuns: Int?

    @Flag(help: "Skip the VACUUM that gives the freed space back to the file system.")
    var noVacuum = false

    @Option(help: "Seconds to wait for a running sync to release the database before giving up (exit 75).")
    var wait = 0

    @OptionGroup var read: ReadOptions

    func validate() throws {
        switch (keep, keepRuns) {
        case (nil, nil), (.some, .some): throw ValidationError("give one of --keep AGE or --keep-runs N")
        case (nil, let runs?) where runs < 1: throw ValidationError("--keep-runs must be 1 or more")
        default: break
        }
    }

    func run() async throws {
        let window: InventoryPruner.Window = keepRuns.map { .runs($0) } ?? .age(keep?.seconds ?? 0)
        let location = try read.store
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            Diagnostics.error(InventoryError.missing(path: path).description)
            throw ExitCode(ExitCodes.failure)
        }
        // On PostgreSQL no account is locked: other hosts sync meanwhile, as the prune removes only
        // what closed before the window (two prunes take turns).
        let opened = try await WriterAccess.open(location, accounts: [], wait: wait)
        let summary: InventoryPruner.Summary
        do {
            summary = try await prune(opened.store, window)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
        guard let first = summary.firstKeptRun else {
            Diagnostics.write("nothing to prune: every run is inside the window")
            return
        }
        let megabytes = { (bytes: Int64) in String(format: "%.1f MB", Double(bytes) / 1_000_000) }
        Diagnostics.write("""
            kept runs from #\(first) on (--as-of an earlier run is refused from now on); removed \(summary.versions) versions, \
            \(summary.resources) deleted resources, \(summary.changes) changes, \(summary.runs) run records and \
            \(summary.scopeRecords) scope records; \(megabytes(summary.bytesBefore)) -> \(megabytes(summary.bytesAfter))
            """)
    }

    /// Prunes `store`; a failure exits 1 with the reason.
    private func prune(_ store: InventoryStore, _ window: InventoryPruner.Window) async throws -> InventoryPruner.Summary {
        do {
            return try await InventoryPruner(store: store).prune(window, vacuum: !noVacuum)
        } catch {
            Diagnostics.error("prune failed: \(PostgresStore.describe(error)) (the removal is one transaction: all of it or nothing; VACUUM runs after it)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}
