import Foundation

/// One bundled query's median time, current and as of the first run.
struct QueryResult: Codable {
    var name: String
    var currentMilliseconds: Double
    var asOfMilliseconds: Double
    var rows: Int
    var asOfRows = 0

    /// Queries that answer with a count, a grouping or a short list, whatever the fleet's size: bounded
    /// by 100 ms alone. Every other query lists resources and may take 1 µs more per row it returns.
    static let summaries: Set<String> = ["status-summary", "storage-summary", "stale-scopes", "largest-drives"]

    /// The time this query may take for `rows` rows, in milliseconds.
    func bound(rows: Int) -> Double {
        Self.summaries.contains(name) ? 100 : 100 + Double(rows) / 1000
    }

    var withinBound: Bool {
        currentMilliseconds <= bound(rows: rows) && asOfMilliseconds <= bound(rows: asOfRows)
    }
}

/// Every figure for one fleet size; time lists hold each run, the report shows medians.
struct SizeResult: Codable {
    var resources: Int
    var servers: Int
    var drives: Int
    var transferSeconds: [Double] = []
    var transferBytes = 0
    var fullSyncSeconds: [Double] = []
    var noChangeSyncSeconds: [Double] = []
    var churnSyncSeconds: [Double] = []
    var writeSeconds: [Double] = []
    var exportSeconds: [Double] = []
    var exportRows = 0
    var reportSeconds: [Double] = []
    var reportBytes = 0
    var reportRuns = 0
    var peakResidentBytes = 0
    /// The database after the last first (full) sync.
    var firstSyncBytes = 0
    /// The database after the churn syncs.
    var databaseBytes = 0
    /// How much the churn syncs grew the database, and the resource versions they wrote.
    var churnBytes = 0
    var churnVersions = 0
    /// `stocktake history ID` of the server with the most versions.
    var historyMilliseconds: [Double] = []
    var queries: [QueryResult] = []

    var transfer: Double { median(transferSeconds) }
    var full: Double { median(fullSyncSeconds) }
    var quiet: Double { median(noChangeSyncSeconds) }
    var churn: Double { median(churnSyncSeconds) }
    var write: Double { median(writeSeconds) }

    /// Microseconds per resource of a median sync of `seconds`.
    func perResource(_ seconds: Double) -> Double { seconds / Double(resources) * 1e6 }
    var bytesPerResource: Double { Double(firstSyncBytes) / Double(resources) }
    var bytesPerVersion: Double { Double(churnBytes) / Double(max(1, churnVersions)) }
    var exportMicrosecondsPerRow: Double { median(exportSeconds) / Double(max(1, exportRows)) * 1e6 }
}

/// The whole run, as markdown and JSON.
struct BenchReport: Codable {
    var runs: Int
    var concurrency: Int
    var pageSize: Int
    var cores: Int
    var sizes: [SizeResult]

    private static func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    var markdown: String {
        func f(_ value: Double, _ digits: Int = 2) -> String { Self.f(value, digits) }
        var lines = [
            "Medians of \(runs) runs; \(cores) cores; concurrency \(concurrency), page size \(pageSize).",
            "",
            "| resources | transfer s | full sync s | no-change s | 1% churn s | write s | µs per resource: full | no-change | churn | peak RSS MB | bytes per resource | bytes per version | database MB | export s | export µs per row | report s |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for size in sizes {
            let cells: [String] = [
                "\(size.resources)", f(size.transfer), f(size.full), f(size.quiet), f(size.churn), f(size.write),
                f(size.perResource(size.full), 1), f(size.perResource(size.quiet), 1), f(size.perResource(size.churn), 1),
                "\(size.peakResidentBytes / 1_048_576)", f(size.bytesPerResource, 0), f(size.bytesPerVersion, 0),
                "\(size.databaseBytes / 1_048_576)", f(median(size.exportSeconds)), f(size.exportMicrosecondsPerRow),
                f(median(size.reportSeconds)),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "Targets (each at the largest size measured; growth is per resource, smallest to largest size):", ""]
        lines += targets
        lines += ["", "The HTML report (`stocktake report`), of the database after its runs:", "",
                  "| resources | runs | seconds | HTML kB |", "| ---: | ---: | ---: | ---: |"]
        for size in sizes {
            lines.append("| \(size.resources) | \(size.reportRuns) | \(f(median(size.reportSeconds))) | \(size.reportBytes / 1000) |")
        }
        for size in sizes {
            lines += ["", "Queries at \(size.resources) resources (ms, median; bound: 100 ms, plus 1 µs per row for listings):", "",
                      "| query | rows | current | as-of rows | as of run 1 | bound (current) | within |",
                      "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
            for query in size.queries {
                lines.append("| \(query.name) | \(query.rows) | \(f(query.currentMilliseconds, 1)) | \(query.asOfRows) | "
                    + "\(f(query.asOfMilliseconds, 1)) | \(f(query.bound(rows: query.rows), 0)) | \(query.withinBound ? "yes" : "no") |")
            }
            lines.append("| history of one server | | \(f(median(size.historyMilliseconds), 1)) | | | 100 | \(median(size.historyMilliseconds) < 100 ? "yes" : "no") |")
        }
        return lines.joined(separator: "\n")
    }

    /// One row per target: its value at each size, the growth and whether it holds.
    private var targets: [String] {
        func f(_ value: Double, _ digits: Int = 2) -> String { Self.f(value, digits) }
        let header = "| measure | target | " + sizes.map { "\($0.resources)" }.joined(separator: " | ") + " | growth | holds |"
        var lines = [header, "| --- | ---: | " + sizes.map { _ in "---:" }.joined(separator: " | ") + " | ---: | --- |"]
        func row(_ name: String, _ target: String, limit: Double, digits: Int = 1, growth: Bool = true, _ value: (SizeResult) -> Double) {
            let values = sizes.map(value)
            let ratio = growth && values.count > 1 ? values[values.count - 1] / values[0] : Double.nan
            let holds = (values.last ?? .infinity) <= limit && (ratio.isNaN || ratio <= 1.2)
            lines.append("| \(name) | \(target) | " + values.map { f($0, digits) }.joined(separator: " | ")
                + " | \(ratio.isNaN ? "" : f(ratio) + " x") | \(holds ? "yes" : "no") |")
        }
        row("first sync, µs per resource", "<= 25", limit: 25) { $0.perResource($0.full) }
        row("no-change sync, µs per resource", "<= 4", limit: 4) { $0.perResource($0.quiet) }
        row("1% churn sync, µs per resource", "<= 6", limit: 6) { $0.perResource($0.churn) }
        row("bytes per resource after the first sync", "<= 2000", limit: 2000, digits: 0) { $0.bytesPerResource }
        row("bytes per changed version", "<= 1200", limit: 1200, digits: 0) { $0.bytesPerVersion }
        row("peak RSS of a sync, MB", "<= 150", limit: 150, digits: 0, growth: false) { Double($0.peakResidentBytes) / 1_048_576 }
        row("slowest summary or lookup, ms", "< 100", limit: 100, growth: false) { size in
            let summaries = size.queries.filter { QueryResult.summaries.contains($0.name) }
                .flatMap { [$0.currentMilliseconds, $0.asOfMilliseconds] }
            return (summaries + [median(size.historyMilliseconds)]).max() ?? .nan
        }
        row("listing queries over their bound (of \(sizes.last?.queries.count ?? 0))", "0", limit: 0, digits: 0, growth: false) { size in
            Double(size.queries.filter { !$0.withinBound }.count)
        }
        row("report after \(sizes.last?.reportRuns ?? 0) runs, s", "< 5", limit: 5, digits: 2, growth: false) { median($0.reportSeconds) }
        row("export, µs per row written", "<= 1", limit: 1, digits: 2) { $0.exportMicrosecondsPerRow }
        return lines
    }
}
