import GRDB

extension ReadOnlyInventory {
    /// Every table and view with its columns, types and meanings.
    public func schema() throws -> ResultTable {
        try queue.inDatabase { db in
            var rows: [[DatabaseValue]] = []
            let objects = try Row.fetchAll(db, sql: """
                SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')
                  AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                """)
            for object in objects {
                let table: String = object["name"]
                rows.append([table.databaseValue, (object["type"] as String).databaseValue, DatabaseValue.null,
                             DatabaseValue.null, (SchemaDescriptions.meaning(table: table) ?? "").databaseValue])
                for column in try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table]) {
                    let name: String = column["name"]
                    rows.append([table.databaseValue, "column".databaseValue, name.databaseValue,
                                 (column["type"] as String).databaseValue,
                                 (SchemaDescriptions.meaning(table: table, column: name) ?? "").databaseValue])
                }
            }
            return ResultTable(columns: ["table", "kind", "column", "type", "meaning"], rows: rows)
        }
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
            let summary = (spec.summaryColumns + ["valid_to_run"]).map { "'\($0)', \($0)" }.joined(separator: ", ")
            return """
                SELECT valid_from AS time, valid_from_run AS run, 0 AS entry, 0 AS seq, account, '\(spec.changeType)' AS resource_type,
                       'version' AS kind, NULL AS field, NULL AS old_value, json_object(\(summary)) AS new_value
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
            ) ORDER BY run, entry, seq
            """, arguments: arguments)
    }
}
