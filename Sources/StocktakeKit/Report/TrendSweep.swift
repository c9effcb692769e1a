import GRDB

/// The inventory's size after every run, in one sweep over the history tables:
/// each version adds itself at the run it appeared in and takes itself away at
/// the run that closed it, so the running sum at run r counts exactly the
/// versions alive as of r (what `--as-of r` reads), without one query per run.
struct TrendSweep {
    let inventory: ReadOnlyInventory
    let accounts: [String]

    /// One point per run the database still answers for (from the first run a prune kept).
    func points() throws -> [InventoryReport.TrendPoint] {
        let runs = try inventory.execute("""
            SELECT id, COALESCE(finished_at, started_at) FROM sync_runs
            WHERE id >= COALESCE((SELECT MAX(first_kept_run) FROM prunes), 0) ORDER BY id
            """)
        let servers = try deltas("SELECT valid_from_run AS run, 1 AS n, 0 AS bytes, 0 AS unmounted FROM servers_history \(filter("WHERE"))",
                                 "SELECT valid_to_run, -1, 0, 0 FROM servers_history WHERE valid_to_run IS NOT NULL \(filter("AND"))")
        let drives = try deltas("""
            SELECT valid_from_run AS run, 1 AS n, COALESCE(size_bytes, 0) AS bytes,
                   CASE WHEN status = 'unmounted' THEN COALESCE(size_bytes, 0) ELSE 0 END AS unmounted
            FROM drives_history \(filter("WHERE"))
            """, """
            SELECT valid_to_run, -1, -COALESCE(size_bytes, 0), CASE WHEN status = 'unmounted' THEN -COALESCE(size_bytes, 0) ELSE 0 END
            FROM drives_history WHERE valid_to_run IS NOT NULL \(filter("AND"))
            """)
        var serverTotal = 0, driveTotal = 0, bytes: Int64 = 0, unmounted: Int64 = 0
        var serverIndex = 0, driveIndex = 0
        var points: [InventoryReport.TrendPoint] = []
        for row in runs.rows {
            guard let run = Int64.fromDatabaseValueOrNil(row[0]) else { continue }
            while serverIndex < servers.count, servers[serverIndex].run <= run {
                serverTotal += servers[serverIndex].count
                serverIndex += 1
            }
            while driveIndex < drives.count, drives[driveIndex].run <= run {
                driveTotal += drives[driveIndex].count
                bytes += drives[driveIndex].bytes
                unmounted += drives[driveIndex].unmounted
                driveIndex += 1
            }
            points.append(InventoryReport.TrendPoint(run: run, time: ResultFormat.plain(row[1]), servers: serverTotal,
                                                     drives: driveTotal, storageBytes: bytes, unmountedBytes: unmounted))
        }
        return points
    }

    /// The net change at each run, in run order, of the two branches (appearing, closing) together.
    private func deltas(_ opened: String, _ closed: String) throws -> [(run: Int64, count: Int, bytes: Int64, unmounted: Int64)] {
        let result = try inventory.execute("""
            SELECT run, SUM(n), SUM(bytes), SUM(unmounted) FROM (\(opened) UNION ALL \(closed)) versions GROUP BY run ORDER BY run
            """)
        return result.rows.compactMap { row in
            guard let run = Int64.fromDatabaseValueOrNil(row[0]) else { return nil }
            return (run, Int(Int64.fromDatabaseValueOrNil(row[1]) ?? 0), Int64.fromDatabaseValueOrNil(row[2]) ?? 0,
                    Int64.fromDatabaseValueOrNil(row[3]) ?? 0)
        }
    }

    /// `WHERE account IN ('a', 'b')` (with `keyword` first) for the chosen accounts, or nothing.
    private func filter(_ keyword: String) -> String {
        guard !accounts.isEmpty else { return "" }
        let quoted = accounts.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
        return "\(keyword) account IN (\(quoted.joined(separator: ", ")))"
    }
}
