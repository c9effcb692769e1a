import GRDB

/// Views of what exists now, one per resource and child table: `current_servers`
/// is `servers` without the deleted rows, `current_server_nics` the NICs of
/// servers that exist, `current_tags` the tags of resources that exist. Hand-written
/// SQL and Datasette read them without remembering `deleted_at IS NULL`.
///
/// They live in the database (made by a migration, remade by the migration of
/// each later kind). As of a run, `AsOfViews` shadows the tables with TEMP views;
/// a view stored in the database would still read the stored tables, so the same
/// views are made TEMP as well, over the as-of views.
enum CurrentViews {
    /// The view of a table: `current_` and its name.
    static func name(of table: String) -> String { "current_\(table)" }

    /// (view name, SELECT) for every resource and child table, from the table specs.
    static var definitions: [(name: String, select: String)] {
        let resources = ResourceTableSpec.all.map { spec in
            (name(of: spec.table), "SELECT * FROM \(spec.table) WHERE deleted_at IS NULL")
        }
        var owners: [String: [(spec: ResourceTableSpec, child: ChildTableSpec)]] = [:]
        var order: [String] = []
        for spec in ResourceTableSpec.all {
            for child in spec.children {
                if owners[child.table] == nil { order.append(child.table) }
                owners[child.table, default: []].append((spec, child))
            }
        }
        let children = order.map { table in
            let alive = (owners[table] ?? []).map { pair in
                let kind = pair.child.discriminator.map { "c.\($0.column) = '\($0.value)' AND " } ?? ""
                return """
                    (\(kind)EXISTS (SELECT 1 FROM \(pair.spec.table) p WHERE p.account = c.account \
                    AND p.id = c.\(pair.child.parentColumn) AND p.deleted_at IS NULL))
                    """
            }
            return (name(of: table), "SELECT c.* FROM \(table) c WHERE \(alive.joined(separator: " OR "))")
        }
        return resources + children + [(CostRules.view, CostRules.select)]
    }

    /// (Re)makes every view, in the database or (`temporary`) for this connection only.
    static func create(in db: Database, temporary: Bool) throws {
        let schema = temporary ? "temp" : "main"
        let existing = try String.fetchAll(db, sql: "SELECT name FROM \(schema).sqlite_master WHERE type = 'view' AND name LIKE 'current\\_%' ESCAPE '\\'")
        var statements = existing.map { "DROP VIEW \(schema).\($0)" }
        statements += definitions.map { "CREATE \(temporary ? "TEMP " : "")VIEW \($0.name) AS \($0.select)" }
        try db.execute(sql: statements.joined(separator: ";\n"))
    }
}
