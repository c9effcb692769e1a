import GRDB

extension ReadOnlyInventory {
    /// Every table and view with its columns, types and meanings.
    public func schema() throws -> ResultTable {
        var rows: [[DatabaseValue]] = []
        for (table, type, columns) in try schemaObjects() {
            rows.append([table.databaseValue, type.databaseValue, DatabaseValue.null,
                         DatabaseValue.null, (SchemaDescriptions.meaning(table: table) ?? "").databaseValue])
            for (name, columnType) in columns {
                rows.append([table.databaseValue, "column".databaseValue, name.databaseValue, columnType.databaseValue,
                             (SchemaDescriptions.meaning(table: table, column: name) ?? "").databaseValue])
            }
        }
        return ResultTable(columns: ["table", "kind", "column", "type", "meaning"], rows: rows)
    }

    /// The inventory's tables and views (name, `table` or `view`, columns with their types), by name:
    /// SQLite's, or PostgreSQL's (its own type names) without the migrations' bookkeeping.
    private func schemaObjects() throws -> [(String, String, [(String, String)])] {
        switch backend {
        case .sqlite(let queue, _):
            return try queue.inDatabase { db in
                try Row.fetchAll(db, sql: """
                    SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')
                      AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                    """).map { object in
                    let table: String = object["name"]
                    let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table])
                        .map { ($0["name"] as String, $0["type"] as String) }
                    return (table, object["type"], columns)
                }
            }
        case .postgres:
            let objects = try execute("""
                SELECT table_name::text, CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END FROM information_schema.tables
                WHERE table_schema = 'public' AND table_name <> 'stocktake_migrations' ORDER BY 1
                """).rows
            let columns = try execute("""
                SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
                """).rows
            return objects.map { object in
                let table = String.fromDatabaseValue(object[0]) ?? ""
                let own = columns.filter { String.fromDatabaseValue($0[0]) == table }
                    .map { (String.fromDatabaseValue($0[1]) ?? "", String.fromDatabaseValue($0[2]) ?? "") }
                return (table, String.fromDatabaseValue(object[1]) ?? "table", own)
            }
        }
    }

    /// How many versions of resources (servers, drives, IPs, ...; not their child rows) the history
    /// holds, open and closed: what the benchmark divides the database's growth by.
    public func resourceVersionCount() throws -> Int {
        let counts = ResourceTableSpec.all.map { "(SELECT COUNT(*) FROM \($0.table)_history)" }
        let row = try execute("SELECT \(counts.joined(separator: " + "))").rows.first
        return row?.first.flatMap { Int.fromDatabaseValue($0) } ?? 0
    }

    /// Every `resource_type` the change log can carry (`server`, `drive`, `server_drive`, ...), from the table specs.
    public static var changeTypes: [String] {
        ResourceTableSpec.changeTypes
    }

    /// The resources any version of which carried `name` (a name, or an IP's address), with their
    /// id, type, zone, latest name and whether they still exist; for looking a resource up by name.
    public func resources(named name: String, account: String?) throws -> ResultTable {
        let accountFilter = account == nil ? "" : " AND h.account = :account"
        var arguments = ["name": name]
        if let account { arguments["account"] = account }
        let branches = ResourceTableSpec.all.map { spec in
            let column = spec.summaryColumns[0]
            return """
                SELECT DISTINCT h.account, '\(spec.changeType)' AS resource_type, h.id, c.zone, c.\(column) AS name,
                       CASE WHEN c.deleted_at IS NULL THEN 'exists' ELSE 'deleted ' || c.deleted_at END AS state
                FROM \(spec.table)_history h JOIN \(spec.table) c ON c.account = h.account AND c.id = h.id
                WHERE h.\(column) = :name\(accountFilter)
                """
        }
        return try execute(branches.joined(separator: "\nUNION\n") + "\nORDER BY 1, 2, 3", arguments: arguments)
    }

    /// A resource's timeline: its versions and every change that names it, oldest first.
    public func history(id: String, account: String?) throws -> ResultTable {
        let accountFilter = account == nil ? "" : " AND account = :account"
        var arguments = ["id": id]
        if let account { arguments["account"] = account }
        // One version branch per resource kind, from its declaration.
        let versions = ResourceTableSpec.all.map { spec in
            let columns = spec.summaryColumns + ["valid_to_run"]
            return """
                SELECT valid_from AS time, valid_from_run AS run, 0 AS entry, 0 AS seq, account, '\(spec.changeType)' AS resource_type,
                       'version' AS kind, NULL AS field, NULL AS old_value, \(jsonObject(columns)) AS new_value
                FROM \(spec.table)_history WHERE id = :id\(accountFilter)
                """
        }
        return try execute("""
            SELECT time, run, account, resource_type, kind, field, old_value, new_value FROM (
                \(versions.joined(separator: "\nUNION ALL\n"))
                UNION ALL
                SELECT changed_at, run_id, 1, id, account, resource_type, kind,
                       CASE WHEN child_key IS NULL THEN field ELSE child_key || COALESCE('.' || field, '') END,
                       old_value, new_value
                FROM changes WHERE resource_id = :id\(accountFilter)
            ) timeline ORDER BY run, entry, seq
            """, arguments: arguments)
    }

    /// A JSON object of `columns` (name: value), written as SQLite's `json_object` writes it, on either store.
    private func jsonObject(_ columns: [String]) -> String {
        switch backend {
        case .sqlite: return "json_object(\(columns.map { "'\($0)', \($0)" }.joined(separator: ", ")))"
        case .postgres:
            let members = columns.map { "'\"\($0)\":' || COALESCE(to_json(\($0))::text, 'null')" }
            return "'{' || \(members.joined(separator: " || ',' || ")) || '}'"
        }
    }
}
