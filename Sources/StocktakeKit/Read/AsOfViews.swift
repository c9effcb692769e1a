import GRDB

/// TEMP views that shadow the inventory tables with their state as of a run.
///
/// SQLite resolves an unqualified name in `temp` before `main`, so a query that
/// reads `servers` reads the view. The views are derived from the schema, so a
/// resource kind cannot lack one: every table with a `<table>_history` twin gets
/// a view of the versions alive after run k, with the table's own columns in its
/// own order (columns the twin does not keep, such as `deleted_at` or `runtime`,
/// are NULL; an open version's `raw` is read from the current row, see `openRaw`).
/// The run-bounded tables keep what runs up to k recorded.
enum AsOfViews {
    /// Tables that are not versioned but grow by run: (table, its run column).
    static let runBounded = [("changes", "run_id"), ("sync_runs", "id"), ("sync_scopes", "run_id")]

    static func create(asOf run: Int64, in db: Database) throws {
        let tables = try versionedTables(in: db).map { table in
            (table, try columns(of: table, in: db).map { ($0, String?.none) }, Set(try columns(of: table + "_history", in: db)))
        }
        try db.execute(sql: statements(asOf: run, tables: tables, stored: "main").joined(separator: ";\n"))
        // The stored current_* views read the stored tables: shadow them too, over the views above.
        try CurrentViews.create(in: db, temporary: true)
    }

    /// The TEMP views of the versioned `tables` (each its columns in order, with the type a NULL of
    /// it is cast to where the store wants one, and the columns its history twin keeps) and of the
    /// run-bounded tables, over the tables of the schema `stored`.
    static func statements(
        asOf run: Int64, tables: [(name: String, columns: [(name: String, type: String?)], kept: Set<String>)], stored: String
    ) -> [String] {
        let alive = "valid_from_run <= \(run) AND (valid_to_run IS NULL OR valid_to_run > \(run))"
        var statements: [String] = []
        for table in tables {
            let selected = table.columns.map { column in
                if column.name == "raw" && table.kept.contains("raw") { return openRaw(table.name, stored: stored) }
                return table.kept.contains(column.name) ? column.name : "\(column.type.map { "CAST(NULL AS \($0))" } ?? "NULL") AS \(column.name)"
            }
            statements.append("""
                CREATE TEMP VIEW \(table.name) AS SELECT \(selected.joined(separator: ", ")) FROM \(stored).\(table.name)_history h WHERE \(alive)
                """)
        }
        for (table, column) in runBounded {
            statements.append("CREATE TEMP VIEW \(table) AS SELECT * FROM \(stored).\(table) WHERE \(column) <= \(run)")
        }
        return statements
    }

    /// A version's `raw`: an open version keeps none of its own (`''`, so that a first sync writes each
    /// object once), and its raw is the current row's; a closed version holds its own.
    static func openRaw(_ table: String, stored: String) -> String {
        "CASE WHEN h.raw = '' THEN (SELECT c.raw FROM \(stored).\(table) c WHERE c.account = h.account AND c.id = h.id) ELSE h.raw END AS raw"
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
