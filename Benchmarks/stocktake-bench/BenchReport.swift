import Foundation

/// One bundled query's median time, current and as of the first run.
struct QueryResult: Codable {
    var name: String
    var currentMilliseconds: Double
    var asOfMilliseconds: Double
    var rows: Int
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
    var reportSeconds: [Double] = []
    var reportBytes = 0
    var reportRuns = 0
    var peakResidentBytes = 0
    var databaseBytes = 0
    var queries: [QueryResult] = []

    var transfer: Double { median(transferSeconds) }
    var full: Double { median(fullSyncSeconds) }
    var quiet: Double { median(noChangeSyncSeconds) }
    var churn: Double { median(churnSyncSeconds) }
    var write: Double { median(writeSeconds) }
}

/// The whole run, as markdown and JSON.
struct BenchReport: Codable {
    var runs: Int
    var concurrency: Int
    var pageSize: Int
    var cores: Int
    var sizes: [SizeResult]

    var markdown: String {
        func f(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        var lines = [
            "Medians of \(runs) runs; \(cores) cores; concurrency \(concurrency), page size \(pageSize).",
            "",
            "| resources | transfer s | full sync s | no-change s | 1% churn s | write s | full / transfer | no-change / transfer | churn / transfer | full / write | µs per resource (full) | peak RSS MB | database MB | export s |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for size in sizes {
            lines.append("| \(size.resources) | \(f(size.transfer)) | \(f(size.full)) | \(f(size.quiet)) | \(f(size.churn)) | \(f(size.write)) | "
                + "\(f(size.full / size.transfer)) | \(f(size.quiet / size.transfer)) | \(f(size.churn / size.transfer)) | \(f(size.full / size.write)) | "
                + "\(f(size.full / Double(size.resources) * 1e6, 1)) | \(size.peakResidentBytes / 1_048_576) | \(size.databaseBytes / 1_048_576) | \(f(median(size.exportSeconds))) |")
        }
        lines += ["", "The HTML report (`stocktake report`), of the database after its runs:", "",
                  "| resources | runs | seconds | HTML kB |", "| ---: | ---: | ---: | ---: |"]
        for size in sizes {
            lines.append("| \(size.resources) | \(size.reportRuns) | \(f(median(size.reportSeconds))) | \(size.reportBytes / 1000) |")
        }
        for size in sizes {
            lines += ["", "Queries at \(size.resources) resources (ms, median):", "",
                      "| query | rows | current | as of run 1 |", "| --- | ---: | ---: | ---: |"]
            for query in size.queries {
                lines.append("| \(query.name) | \(query.rows) | \(f(query.currentMilliseconds, 1)) | \(f(query.asOfMilliseconds, 1)) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
