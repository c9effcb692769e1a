import GRDB

/// TEMP views that shadow the inventory tables with their state as of a run.
///
/// SQLite resolves an unqualified name in `temp` before `main`, so a query that
/// reads `servers` reads the view. Resource views hold the resources that
/// existed after run k (so `deleted_at` is NULL); `changes`, `sync_runs` and
/// `sync_scopes` keep what runs up to k recorded.
enum AsOfViews {
    static func create(asOf run: Int64, in db: Database) throws {
        let alive = "valid_from_run <= \(run) AND (valid_to_run IS NULL OR valid_to_run > \(run))"
        let servers = InventorySchema.serverColumns.joined(separator: ", ")
        let drives = InventorySchema.driveColumns.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TEMP VIEW servers AS
                SELECT account, id, provider, zone, \(servers), first_seen, NULL AS first_seen_run, NULL AS deleted_at,
                       raw, NULL AS runtime, NULL AS content_hash, NULL AS wire_hash
                FROM main.servers_history WHERE \(alive);
            CREATE TEMP VIEW drives AS
                SELECT account, id, provider, zone, \(drives), first_seen, NULL AS first_seen_run, NULL AS deleted_at,
                       raw, NULL AS content_hash, NULL AS wire_hash
                FROM main.drives_history WHERE \(alive);
            CREATE TEMP VIEW server_drives AS
                SELECT account, server_id, drive_id, \(InventorySchema.serverDriveColumns.joined(separator: ", "))
                FROM main.server_drives_history WHERE \(alive);
            CREATE TEMP VIEW server_nics AS
                SELECT account, server_id, nic_id, \(InventorySchema.serverNICColumns.joined(separator: ", "))
                FROM main.server_nics_history WHERE \(alive);
            CREATE TEMP VIEW tags AS
                SELECT account, resource_type, resource_id, tag FROM main.tags_history WHERE \(alive);
            CREATE TEMP VIEW changes AS SELECT * FROM main.changes WHERE run_id <= \(run);
            CREATE TEMP VIEW sync_runs AS SELECT * FROM main.sync_runs WHERE id <= \(run);
            CREATE TEMP VIEW sync_scopes AS SELECT * FROM main.sync_scopes WHERE run_id <= \(run);
            """)
    }
}
