import Foundation

/// Writes the inventory (resources that exist now, or as of a run), the change
/// log and a manifest into a directory, one file per table.
public enum InventoryExporter {
    /// The tables exported, with the SQL that reads each: the accounts, every table of every
    /// resource kind (from the kinds' declarations; resources that exist now), the change log and the runs.
    static var tables: [(name: String, sql: String)] {
        let kinds = ResourceTableSpec.allTables.map { table in
            (table.table, "SELECT * FROM \(table.table)\(table.isResource ? " WHERE deleted_at IS NULL" : "") ORDER BY \(table.key)")
        }
        return [("accounts", "SELECT * FROM accounts ORDER BY name")] + kinds
            + [("changes", "SELECT * FROM changes ORDER BY id"), ("sync_runs", "SELECT * FROM sync_runs ORDER BY id")]
    }

    /// The files an export into a directory writes.
    public static func files(format: ResultFormat) -> [String] {
        tables.map { "\($0.name).\(format.rawValue)" } + ["manifest.json"]
    }

    /// Exports into `directory` (created if needed); returns the rows written per file. Files of
    /// the same names already there are refused unless `overwrite`: nothing is written then.
    @discardableResult
    public static func export(
        _ inventory: ReadOnlyInventory, to directory: String, format: ResultFormat, overwrite: Bool = false,
        now: Date = Date()
    ) throws -> [String: Int] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw QueryError.cannotWrite(path: directory, reason: "it is a file, not a directory; --dir names a directory to write the files into")
        }
        if !overwrite, let existing = files(format: format).first(where: {
            FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent($0).path)
        }) {
            throw QueryError.exists(path: URL(fileURLWithPath: directory).appendingPathComponent(existing).path)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw QueryError.cannotWrite(path: directory, reason: "the directory cannot be created")
        }
        var counts: [String: Int] = [:]
        let suffix = format.rawValue
        for table in tables {
            let file = "\(table.name).\(suffix)"
            let sink = try OutputSink.file(URL(fileURLWithPath: directory).appendingPathComponent(file).path)
            counts[file] = try inventory.stream(table.sql, format: format, to: sink)
            try sink.finish()
        }
        let lastRun = try inventory.execute("SELECT MAX(id) FROM sync_runs").rows.first?.first.flatMap { Int64.fromDatabaseValueOrNil($0) }
        let manifest: [String: Any] = [
            "exported_at": TimeExpression.stored(now),
            "database": inventory.path,
            "run": (inventory.asOfRun ?? lastRun).map { NSNumber(value: $0) } ?? NSNull(),
            "as_of_run": inventory.asOfRun.map { NSNumber(value: $0) } ?? NSNull(),
            "format": format.rawValue,
            "rows": counts,
        ]
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("manifest.json"), options: .atomic)
        return counts
    }
}
