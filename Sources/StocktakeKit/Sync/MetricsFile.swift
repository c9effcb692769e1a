import Foundation

/// The Prometheus text-format file `sync --metrics-file` writes for the node_exporter
/// textfile collector: per scope, when it last applied, what exists, whether its newest
/// attempt failed, and what this run read and changed; per run, when and how it ended.
public enum MetricsFile {
    /// The file's text for the statuses after a sync and that sync's report.
    public static func render(statuses: [ScopeStatus], report: SyncReport) -> String {
        var families: [(name: String, type: String, help: String, samples: [String])] = []
        func family(_ name: String, _ type: String, _ help: String, _ samples: [String]) {
            families.append((name, type, help, samples))
        }
        let scopes = statuses.map { status in
            (labels: labels(["account": status.account, "zone": status.zone, "kind": status.kind]), status: status)
        }
        family("stocktake_scope_last_success_timestamp_seconds", "gauge",
               "When the scope was last applied (read to the end and recorded), Unix time; absent when never.",
               scopes.compactMap { scope in
                   scope.status.lastComplete.flatMap(TimeExpression.date).map { "\(scope.labels) \(seconds($0))" }
               })
        family("stocktake_scope_objects", "gauge", "Resources of the scope that exist now.",
               scopes.map { "\($0.labels) \($0.status.objects)" })
        family("stocktake_scope_failing", "gauge", "1 when the scope's newest attempt failed (after its last success), else 0.",
               scopes.map { "\($0.labels) \($0.status.lastError == nil ? 0 : 1)" })
        let reports = report.scopes.map { scope in
            (labels: ["account": scope.account, "zone": scope.zone, "kind": scope.kind], scope: scope)
        }
        family("stocktake_scope_duration_seconds", "gauge", "How long the scope took in the last run.",
               reports.map { "\(labels($0.labels)) \($0.scope.seconds)" })
        family("stocktake_scope_changes", "gauge", "Resources the last run created, updated, deleted or saw reappear, per scope.",
               reports.flatMap { entry in
                   [("created", entry.scope.counts.created), ("updated", entry.scope.counts.updated),
                    ("deleted", entry.scope.counts.deleted), ("reappeared", entry.scope.counts.reappeared)].map { change, count in
                       var labelSet = entry.labels
                       labelSet["change"] = change
                       return "\(labels(labelSet)) \(count)"
                   }
               })
        family("stocktake_run_number", "gauge", "The number of the last run.", ["\(report.run)"])
        family("stocktake_run_finished_timestamp_seconds", "gauge", "When the last run ended, Unix time.",
               TimeExpression.date(report.finishedAt).map { ["\(seconds($0))"] } ?? [])
        var duration: [String] = []
        if let start = TimeExpression.date(report.startedAt), let end = TimeExpression.date(report.finishedAt) {
            duration = [String(format: "%.3f", end.timeIntervalSince(start))]
        }
        family("stocktake_run_duration_seconds", "gauge", "How long the last run took.", duration)
        family("stocktake_run_scopes", "gauge", "Scopes of the last run, by outcome.",
               ["{outcome=\"applied\"} \(report.applied)", "{outcome=\"failed\"} \(report.failed)"])
        family("stocktake_run_exit_code", "gauge", "The exit code of the last run: 0 all applied, 2 some failed, 1 none applied.",
               ["\(report.interrupted ? 130 : report.exitCode)"])
        return families.filter { !$0.samples.isEmpty }.map { family in
            "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.type)\n"
                + family.samples.map { family.name + ($0.hasPrefix("{") ? "" : " ") + $0 + "\n" }.joined()
        }.joined()
    }

    /// Writes `text` to `path` atomically (a temporary file beside it, then a rename), so that a
    /// collector never reads half a file.
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw QueryError.cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// `{a="x",b="y"}` in key order, values escaped as the text format wants.
    static func labels(_ pairs: [String: String]) -> String {
        let escaped = pairs.sorted { $0.key < $1.key }.map { key, value in
            let text = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(text)\""
        }
        return "{" + escaped.joined(separator: ",") + "}"
    }

    static func seconds(_ date: Date) -> String {
        String(format: "%.3f", date.timeIntervalSince1970)
    }
}
