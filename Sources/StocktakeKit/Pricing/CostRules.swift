/// The monthly cost of every resource, from the prices the syncs keep: the `current_costs` view
/// (and, as of a run, its TEMP twin over the as-of views, so that resources and prices are both
/// as they were). Each rule is one branch of the SELECT; the README's "What it costs" says them in words.
///
/// - Scaleway server: its type's `hourly_price` in its zone (`products/servers`; the catalog where that
///   is null) × 730 hours; 0 when powered off (`stopped`; `stopped in place` still bills).
/// - Scaleway volume, snapshot: size in decimal GB × the GB-hour price of its type × 730.
/// - Scaleway flexible IP: the hourly price of its type × 730 (IPv6 free), attached or not.
/// - CloudSigma server: CPU MHz and RAM bytes at the level-0 `cpu` and `mem` prices of the account's
///   currency, over a 30-day month; 0 when stopped. Drive: its size at its storage type's price.
///   IP, VLAN: one `ip` or `vlan` a month.
/// - Where a price is missing the cost is NULL and `reason` says what is missing; `reason` also says
///   why a cost is 0. Money is never summed across currencies.
enum CostRules {
    /// The view's name.
    static let view = "current_costs"

    /// The tables the rules read, each shadowed by its versions alive after a run in `select(atRun:)`.
    static let tables = ["prices", "servers", "drives", "snapshots", "ips", "networks"]

    /// The rules over the inventory as it was after the run `run` (a SQL expression; NULL: before the
    /// first run, so nothing): each table the rules read is shadowed by a CTE of its history twin.
    static func select(atRun run: String) -> String {
        let alive = "valid_from_run <= (\(run)) AND (valid_to_run IS NULL OR valid_to_run > (\(run)))"
        let shadows = tables.map { "\($0) AS (SELECT h.*, NULL AS deleted_at FROM \($0)_history h WHERE \(alive))" }
        return "WITH " + shadows.joined(separator: ", ") + ", " + select.dropFirst("WITH ".count)
    }

    /// A query's SQL with each `stocktake_costs_at(:name)` made the rules as of the last run that began
    /// before the time the parameter names, as a derived table: `#3` is the inventory run 3 found (after
    /// run 2), as `changes-since #3` starts with run 3's changes; `7d` the inventory of 7 days ago.
    static func expand(_ sql: String) -> String {
        sql.replacing(/stocktake_costs_at\(\s*:(\w+)\s*\)/) { match in
            "(" + select(atRun: "SELECT MAX(r.id) FROM sync_runs r WHERE r.started_at < stocktake_time(:\(match.1))") + ")"
        }
    }

    /// The SELECT the view is made of (the migration that made it keeps its own copy).
    static let select = """
        WITH account_currency AS (
            SELECT account, currency FROM prices
            WHERE deleted_at IS NULL AND category = 'account' AND product = 'currency'
        ), listed AS (
            SELECT * FROM prices WHERE deleted_at IS NULL AND price IS NOT NULL AND multiplier > 0
        ), server_prices AS (
            SELECT p.* FROM listed p WHERE p.category = 'server' AND (p.source = 'products/servers' OR (
                p.source = 'catalog'
                AND p.id = (SELECT MIN(q.id) FROM listed q WHERE q.account = p.account AND q.zone = p.zone
                    AND q.category = 'server' AND q.product = p.product AND q.source = 'catalog')
                AND NOT EXISTS (SELECT 1 FROM listed q WHERE q.account = p.account AND q.zone = p.zone
                    AND q.category = 'server' AND q.product = p.product AND q.source = 'products/servers')))
        ), sigma_prices AS (
            SELECT p.* FROM listed p JOIN account_currency a ON a.account = p.account AND a.currency = p.currency
            WHERE p.category = 'resource' AND p.level = 0
        )
        SELECT s.account, s.provider, s.zone, 'server' AS resource_type, s.id, s.name, s.status,
            s.commercial_type AS product, NULL AS size_bytes, 'EUR' AS currency,
            CASE WHEN s.provider_status = 'stopped' THEN 0
                 WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END AS monthly_cost,
            CASE WHEN s.provider_status = 'stopped' THEN 'powered off: compute is not billed'
                 WHEN s.commercial_type IS NULL THEN 'the server names no commercial type'
                 WHEN p.id IS NULL THEN 'no price for ' || s.commercial_type || ' in ' || s.zone END AS reason
        FROM servers s LEFT JOIN server_prices p ON p.account = s.account AND p.zone = s.zone AND p.product = s.commercial_type
        WHERE s.deleted_at IS NULL AND s.provider = 'scaleway'
        UNION ALL
        SELECT d.account, d.provider, d.zone, 'drive', d.id, d.name, d.status, d.storage_type, d.size_bytes, 'EUR',
            CASE WHEN p.id IS NOT NULL AND d.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * d.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN d.size_bytes IS NULL THEN 'the volume names no size'
                 WHEN p.id IS NULL THEN 'no price for ' || COALESCE(d.storage_type, 'an untyped') || ' volumes in ' || d.zone END
        FROM drives d LEFT JOIN listed p ON p.account = d.account AND p.zone = d.zone AND p.category = 'volume'
            AND p.product = d.storage_type
        WHERE d.deleted_at IS NULL AND d.provider = 'scaleway'
        UNION ALL
        SELECT n.account, n.provider, n.zone, 'snapshot', n.id, n.name, n.status, n.volume_type, n.size_bytes, 'EUR',
            CASE WHEN p.id IS NOT NULL AND n.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * n.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN n.size_bytes IS NULL THEN 'the snapshot names no size'
                 WHEN p.id IS NULL THEN 'no price for snapshots of ' || COALESCE(n.volume_type, 'untyped') || ' volumes in ' || n.zone END
        FROM snapshots n LEFT JOIN listed p ON p.account = n.account AND p.zone = n.zone AND p.category = 'snapshot'
            AND p.product = n.volume_type
        WHERE n.deleted_at IS NULL AND n.provider = 'scaleway'
        UNION ALL
        SELECT i.account, i.provider, i.zone, 'ip', i.id, i.address, i.status, i.product, NULL, 'EUR',
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN p.id IS NULL THEN 'no price for ' || i.product || ' IPs in ' || i.zone END
        FROM (SELECT ips.*, CASE WHEN ip_type IS NOT NULL THEN ip_type WHEN address LIKE '%:%' THEN 'routed_ipv6'
                  ELSE 'routed_ipv4' END AS product FROM ips WHERE deleted_at IS NULL AND provider = 'scaleway') i
            LEFT JOIN listed p ON p.account = i.account AND p.zone = i.zone AND p.category = 'ip' AND p.product = i.product
        UNION ALL
        SELECT s.account, s.provider, s.zone, 'server', s.id, s.name, s.status, 'cpu+mem', NULL, a.currency,
            CASE WHEN s.status = 'stopped' THEN 0
                 WHEN c.id IS NOT NULL AND m.id IS NOT NULL AND s.cpu_mhz IS NOT NULL AND s.mem_bytes IS NOT NULL
                 THEN CAST(c.price AS DOUBLE PRECISION) * s.cpu_mhz * c.month_seconds / c.multiplier
                    + CAST(m.price AS DOUBLE PRECISION) * s.mem_bytes * m.month_seconds / m.multiplier END,
            CASE WHEN s.status = 'stopped' THEN 'stopped: CPU and RAM are not billed'
                 WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN c.id IS NULL THEN 'no level-0 cpu price in ' || a.currency
                 WHEN m.id IS NULL THEN 'no level-0 mem price in ' || a.currency
                 WHEN s.cpu_mhz IS NULL OR s.mem_bytes IS NULL THEN 'the server names no CPU or RAM size' END
        FROM servers s LEFT JOIN account_currency a ON a.account = s.account
            LEFT JOIN sigma_prices c ON c.account = s.account AND c.product = 'cpu'
            LEFT JOIN sigma_prices m ON m.account = s.account AND m.product = 'mem'
        WHERE s.deleted_at IS NULL AND s.provider = 'cloudsigma'
        UNION ALL
        SELECT d.account, d.provider, d.zone, 'drive', d.id, d.name, d.status, d.storage_type, d.size_bytes, a.currency,
            CASE WHEN p.id IS NOT NULL AND d.size_bytes IS NOT NULL
                 THEN CAST(p.price AS DOUBLE PRECISION) * d.size_bytes * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN d.size_bytes IS NULL THEN 'the drive names no size'
                 WHEN p.id IS NULL THEN 'no level-0 ' || COALESCE(d.storage_type, 'storage') || ' price in ' || a.currency END
        FROM drives d LEFT JOIN account_currency a ON a.account = d.account
            LEFT JOIN sigma_prices p ON p.account = d.account AND p.product = d.storage_type
        WHERE d.deleted_at IS NULL AND d.provider = 'cloudsigma'
        UNION ALL
        SELECT i.account, i.provider, i.zone, 'ip', i.id, i.address, i.status, 'ip', NULL, a.currency,
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN p.id IS NULL THEN 'no level-0 ip price in ' || a.currency END
        FROM ips i LEFT JOIN account_currency a ON a.account = i.account
            LEFT JOIN sigma_prices p ON p.account = i.account AND p.product = 'ip'
        WHERE i.deleted_at IS NULL AND i.provider = 'cloudsigma'
        UNION ALL
        SELECT n.account, n.provider, n.zone, 'snapshot', n.id, n.name, n.status, NULL, n.size_bytes, a.currency, NULL,
            'CloudSigma''s price list has no snapshot price'
        FROM snapshots n LEFT JOIN account_currency a ON a.account = n.account
        WHERE n.deleted_at IS NULL AND n.provider = 'cloudsigma'
        UNION ALL
        SELECT v.account, v.provider, v.zone, 'network', v.id, v.name, NULL, 'vlan', NULL, a.currency,
            CASE WHEN p.id IS NOT NULL THEN CAST(p.price AS DOUBLE PRECISION) * p.month_seconds / p.multiplier END,
            CASE WHEN a.currency IS NULL THEN 'the account''s currency is not known (balance/ not synced)'
                 WHEN p.id IS NULL THEN 'no level-0 vlan price in ' || a.currency END
        FROM networks v LEFT JOIN account_currency a ON a.account = v.account
            LEFT JOIN sigma_prices p ON p.account = v.account AND p.product = 'vlan'
        WHERE v.deleted_at IS NULL AND v.provider = 'cloudsigma' AND v.network_type = 'vlan'
        """
}
