extension InventoryReport {
    /// The report as `report --format json` writes it: every figure under snake_case keys, written
    /// through the package's output layer (`JSONText`), indented.
    public var json: JSONText {
        .object([
            ("generated_at", .string(generatedAt)),
            ("run", .optional(run) { .integer($0) }),
            ("as_of", .bool(asOf)),
            ("since", .string(since)),
            ("since_time", .optional(sinceTime) { .string($0) }),
            ("since_words", .string(sinceWords)),
            ("account_filter", .array(accountFilter.map { .string($0) })),
            ("accounts", .array(accounts.map(\.json))),
            ("waste", .array(waste.map(\.json))),
            ("change_counts", .array(changeCounts.map(\.json))),
            ("changes", changes.json),
            ("trends", .array(trends.map(\.json))),
            ("freshness", .array(freshness.map(\.json))),
            ("cost_by_type", costByType.json),
            ("account_trends", .array(accountTrends.map { .object([("account", .string($0.account)), ("points", .array($0.points.map(\.json)))]) })),
            ("cost_trends", .array(costTrends.map(\.json))),
        ])
    }
}

extension InventoryReport.Money {
    var json: JSONText {
        .object([("currency", .string(currency)), ("amount", .number(amount))])
    }
}

extension InventoryReport.CostPoint {
    var json: JSONText {
        .object([
            ("run", .integer(run)), ("time", .string(time)), ("account", .string(account)), ("currency", .string(currency)),
            ("monthly_cost", .number(monthlyCost)), ("unpriced", .integer(Int64(unpriced))),
        ])
    }
}

extension InventoryReport.Account {
    var json: JSONText {
        .object([
            ("account", .string(account)), ("provider", .string(provider)), ("servers", .integer(Int64(servers))),
            ("servers_by_status", .object(serversByStatus.sorted { $0.key < $1.key }.map { ($0.key, .integer(Int64($0.value))) })),
            ("drives", .integer(Int64(drives))), ("storage_bytes", .integer(storageBytes)),
            ("storage_bytes_by_type", .object(storageBytesByType.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
            ("unmounted_bytes", .integer(unmountedBytes)), ("ips", .integer(Int64(ips))), ("snapshots", .integer(Int64(snapshots))),
            ("monthly_cost", .array(monthlyCost.map(\.json))), ("unpriced_resources", .integer(Int64(unpricedResources))),
            ("waste_cost", .array(wasteCost.map(\.json))), ("unpriced_waste", .integer(Int64(unpricedWaste))),
        ])
    }
}

extension InventoryReport.Section {
    var json: JSONText {
        .object([
            ("query", .string(query)), ("title", .string(title)), ("count", .integer(Int64(count))),
            ("bytes", .optional(bytes) { .integer($0) }), ("columns", .array(columns.map { .string($0) })),
            ("rows", .array(rows.map { .array($0.map { .string($0) }) })),
            ("cost", .array(cost.map(\.json))), ("unpriced", .integer(Int64(unpriced))),
        ])
    }
}

extension InventoryReport.ChangeCount {
    var json: JSONText {
        .object([("category", .string(category)), ("resource_type", .string(resourceType)), ("count", .integer(Int64(count)))])
    }
}

extension InventoryReport.TrendPoint {
    var json: JSONText {
        .object([
            ("run", .integer(run)), ("time", .string(time)), ("servers", .integer(Int64(servers))),
            ("drives", .integer(Int64(drives))), ("storage_bytes", .integer(storageBytes)),
            ("unmounted_bytes", .integer(unmountedBytes)),
        ])
    }
}

extension InventoryReport.Freshness {
    var json: JSONText {
        .object([
            ("account", .string(account)), ("zone", .string(zone)), ("kind", .string(kind)),
            ("last_complete", .optional(lastComplete) { .string($0) }), ("age_seconds", .optional(ageSeconds) { .number($0) }),
            ("failing", .bool(failing)), ("last_error", .optional(lastError) { .string($0) }),
        ])
    }
}
