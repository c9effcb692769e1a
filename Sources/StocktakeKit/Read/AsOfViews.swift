import GRDB

/// TEMP views that shadow the inventory tables with their state as of a run.
///
/// SQLite resolves an unqualified name in `temp` before `main`, so a query that
/// reads `servers` reads the view. The views are derived from the schema, so a
/// resource kind cannot lack one: every table with a `<table>_history` twin gets
/// a view of the versions alive after run k, with the table's own columns in its
/// own order (columns the twin does not keep, such as `deleted_at` or `runtime`,
/// are NULL). The run-bounded tables keep what runs up to k recorded.
enum AsOfViews {
    /// Tables that are not versioned but grow by run: (table, its run column).
    static let runBounded = [("changes", "run_id"), ("sync_runs", "id"), ("sync_scopes", "run_id")]

    static func create(asOf run: Int64, in db: Database) throws {
        let alive = "valid_from_run <= \(run) AND (valid_to_run IS NULL OR valid_to_run > \(run))"
        var statements: [String] = []
        for table in try versionedTables(in: db) {
            let kept = Set(try columns(of: table + "_history", in: db))
            let selected = try columns(of: table, in: db).map { kept.contains($0) ? $0 : "NULL AS \($0)" }
            statements.append("""
                CREATE TEMP VIEW \(table) AS SELECT \(selected.joined(separator: ", ")) FROM main.\(table)_history WHERE \(alive)
                """)
        }
        for (table, column) in runBounded {
            statements.append("CREATE TEMP VIEW \(table) AS SELECT * FROM main.\(table) WHERE \(column) <= \(run)")
        }
        try db.execute(sql: statements.joined(separator: ";\n"))
        // The stored current_* views read the stored tables: shadow them too, over the views above.
        try CurrentViews.create(in: db, temporary: true)
    }

    /// The tables that have a `_history` twin, in name order.
    static func versionedTables(in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT t.name FROM main.sqlite_master t
            WHERE t.type = 'table' AND EXISTS (
                SELECT 1 FROM main.sqlite_master h WHERE h.type = 'table' AND h.name = t.name || '_history')
            ORDER BY t.name
            """)
    }

    /// A table's columns in their order.
    static func columns(of table: String, in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid", arguments: [table])
    }
}
