import Foundation
import GRDB

/// A Datasette metadata file for the inventory: every table and view with the
/// meanings `stocktake schema` prints, the internal tables hidden, and the named
/// queries as canned queries.
///
/// Datasette does not have Stocktake's SQL functions, so in the canned queries a
/// time parameter (`since`) takes a time as stored (`2026-11-01` or
/// `2026-11-01T09:00:00Z`) and an age parameter (`max_age`) a number of seconds.
public enum DatasetteMetadata {
    /// The metadata as JSON; `database` is the name Datasette gives the file (its name without extension).
    public static func render(schema: ResultTable, queries: [NamedQuery], database: String) throws -> Data {
        // The migrations' bookkeeping, which `schema` leaves out, is hidden from people browsing.
        var tables: [String: Any] = ["grdb_migrations": ["hidden": true]]
        for row in schema.rows {
            let table = ResultFormat.plain(row[0]), kind = ResultFormat.plain(row[1])
            let column = ResultFormat.plain(row[2]), meaning = ResultFormat.plain(row[4])
            var entry = tables[table] as? [String: Any] ?? [:]
            if kind == "column" {
                var columns = entry["columns"] as? [String: String] ?? [:]
                columns[column] = meaning
                entry["columns"] = columns
            } else {
                entry["description"] = meaning
            }
            tables[table] = entry
        }
        var canned: [String: Any] = [:]
        for query in queries {
            let parameters = query.parameters.map { "\($0.name): \($0.meaning) (stocktake's default: \($0.defaultValue))" }
            canned[query.name] = [
                "sql": datasetteSQL(query.sql), "title": query.title,
                "description": ([query.description] + parameters).filter { !$0.isEmpty }.joined(separator: " "),
            ]
        }
        let metadata: [String: Any] = [
            "title": "Stocktake inventory",
            "description": "Servers, drives and volumes, IPs, snapshots, security groups and networks of the synced accounts, "
                + "with every version and change. The current_* views show what exists now.",
            "databases": [database: ["tables": tables, "queries": canned]],
        ]
        return try JSONSerialization.data(withJSONObject: metadata, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// The query with Stocktake's time functions replaced by what plain SQLite has.
    static func datasetteSQL(_ sql: String) -> String {
        sql.replacingOccurrences(of: "stocktake_time(:since)", with: ":since")
            .replacingOccurrences(of: "stocktake_seconds(:max_age)", with: "CAST(:max_age AS REAL)")
            .replacingOccurrences(of: "stocktake_now()", with: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
    }

}
