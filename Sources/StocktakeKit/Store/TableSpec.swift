/// A table of resources (`servers`, `drives`) as the sync writes it: its
/// versioned columns and the child tables whose rows belong to one resource.
struct ResourceTableSpec: Sendable {
    let table: String
    /// The `resource_type` its changes carry: server or drive.
    let changeType: String
    /// Columns that make a version and get field-level changes, as the row type declares them.
    let declaredColumns: [ColumnDeclaration]
    /// Their names, in order.
    var columns: [String] { declaredColumns.map(\.name) }
    /// Whether the table keeps a `runtime` column of volatile values.
    let hasRuntime: Bool
    let children: [ChildTableSpec]
    /// Columns a version shows in `stocktake history`, besides `valid_to_run`.
    let summaryColumns: [String]

    /// The table a scope's rows are staged in (in its stage file), one per scope.
    func stageTable(_ stage: Int64) -> String { "stage_\(table)_\(stage)" }

    static let servers = ResourceTableSpec(
        table: "servers", changeType: "server", declaredColumns: ServerRow.columns.map(\.declaration), hasRuntime: true,
        children: [.serverDrives, .serverNICs, .serverTags], summaryColumns: ["name", "status", "zone"])

    static let drives = ResourceTableSpec(
        table: "drives", changeType: "drive", declaredColumns: DriveRow.columns.map(\.declaration), hasRuntime: false,
        children: [.driveTags], summaryColumns: ["name", "status", "size_bytes"])

    static let ips = ResourceTableSpec(
        table: "ips", changeType: "ip", declaredColumns: IPRow.columns.map(\.declaration), hasRuntime: false,
        children: [.ipTags], summaryColumns: ["address", "status", "server_id"])

    static let securityGroups = ResourceTableSpec(
        table: "security_groups", changeType: "security_group", declaredColumns: SecurityGroupRow.columns.map(\.declaration),
        hasRuntime: false, children: [.securityGroupServers, .securityGroupTags], summaryColumns: ["name", "zone"])

    static let snapshots = ResourceTableSpec(
        table: "snapshots", changeType: "snapshot", declaredColumns: SnapshotRow.columns.map(\.declaration), hasRuntime: false,
        children: [.snapshotTags], summaryColumns: ["name", "status", "volume_id"])

    static let networks = ResourceTableSpec(
        table: "networks", changeType: "network", declaredColumns: NetworkRow.columns.map(\.declaration), hasRuntime: false,
        children: [.networkServers, .networkTags], summaryColumns: ["name", "network_type"])

    static let prices = ResourceTableSpec(
        table: "prices", changeType: "price", declaredColumns: PriceRow.columns.map(\.declaration), hasRuntime: false,
        children: [], summaryColumns: ["category", "product", "price"])

    static let usage = ResourceTableSpec(
        table: "usage", changeType: "usage", declaredColumns: UsageRow.columns.map(\.declaration), hasRuntime: false,
        children: [], summaryColumns: ["resource", "used", "subscribed"])

    static let subscriptions = ResourceTableSpec(
        table: "subscriptions", changeType: "subscription", declaredColumns: SubscriptionRow.columns.map(\.declaration),
        hasRuntime: false, children: [], summaryColumns: ["resource", "amount", "end_time"])

    /// The tables of what the providers charge (prices, CloudSigma's usage and subscriptions): their
    /// changes are the cost queries' to show, not the resource change lists'.
    static let billing: [ResourceTableSpec] = [.prices, .usage, .subscriptions]

    /// `resource_type NOT IN ('price', ...)`: a change of a resource, not of what the providers charge.
    static var resourceChangesOnly: String {
        "resource_type NOT IN (\(billing.map { "'\($0.changeType)'" }.joined(separator: ", ")))"
    }

    /// Every resource table, each once (several kinds may share one), in the order reports list them.
    static var all: [ResourceTableSpec] {
        var specs: [ResourceTableSpec] = []
        for spec in ResourceKind.allCases.map(forKind) where !specs.contains(where: { $0.table == spec.table }) {
            specs.append(spec)
        }
        return specs
    }

    /// Every table a resource or its children are kept in, each once, with the columns that key its
    /// rows and whether it holds resources (with `deleted_at`) or their children.
    static var allTables: [(table: String, key: String, isResource: Bool)] {
        all.map { ($0.table, "account, id", true) } + allChildren.map { ($0.table, $0.key, false) }
    }

    /// One spec per child table, in the kinds' order (server and drive tags share `tags`).
    static var allChildren: [ChildTableSpec] {
        var specs: [ChildTableSpec] = []
        for child in all.flatMap(\.children) where !specs.contains(where: { $0.table == child.table }) {
            specs.append(child)
        }
        return specs
    }

    /// Every `resource_type` the change log can carry, resources first, then their children.
    static var changeTypes: [String] {
        all.map(\.changeType) + all.flatMap(\.children).map(\.changeType)
    }

    static func forKind(_ kind: ResourceKind) -> ResourceTableSpec {
        kind.declaration.table
    }
}

/// A table of rows that belong to one resource: attachments, NICs, tags.
struct ChildTableSpec: Sendable {
    let table: String
    /// The `resource_type` its changes carry.
    let changeType: String
    /// The column naming the owning resource.
    let parentColumn: String
    /// The column that tells rows of one resource apart.
    let keyColumn: String
    /// The columns besides the key, as the child row type declares them.
    let declaredAttributes: [ColumnDeclaration]
    var attributes: [String] { declaredAttributes.map(\.name) }
    /// A column fixed to one value for this resource type (tags of servers vs drives).
    let discriminator: (column: String, value: String)?

    /// The table a scope's child rows are staged in (in its stage file), one per scope.
    func stageTable(_ stage: Int64) -> String { "stage_\(table)_\(stage)" }

    /// The columns that key a row: the account, the owning resource (and its type), the child.
    var key: String {
        (["account"] + [discriminator?.column].compactMap { $0 } + [parentColumn, keyColumn]).joined(separator: ", ")
    }

    /// `AND t.resource_type = 'server'` or nothing.
    func discriminatorFilter(_ alias: String) -> String {
        discriminator.map { " AND \(alias).\($0.column) = '\($0.value)'" } ?? ""
    }

    static let serverDrives = ChildTableSpec(
        table: "server_drives", changeType: "server_drive", parentColumn: "server_id", keyColumn: "drive_id",
        declaredAttributes: ServerDriveRow.attributes.map(\.declaration), discriminator: nil)

    static let serverNICs = ChildTableSpec(
        table: "server_nics", changeType: "server_nic", parentColumn: "server_id", keyColumn: "nic_id",
        declaredAttributes: ServerNICRow.attributes.map(\.declaration), discriminator: nil)

    static let serverTags = ChildTableSpec(
        table: "tags", changeType: "server_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "server"))

    static let ipTags = ChildTableSpec(
        table: "tags", changeType: "ip_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "ip"))

    static let securityGroupServers = ChildTableSpec(
        table: "security_group_servers", changeType: "security_group_server", parentColumn: "security_group_id",
        keyColumn: "server_id", declaredAttributes: [], discriminator: nil)

    static let securityGroupTags = ChildTableSpec(
        table: "tags", changeType: "security_group_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "security_group"))

    static let snapshotTags = ChildTableSpec(
        table: "tags", changeType: "snapshot_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "snapshot"))

    static let networkServers = ChildTableSpec(
        table: "network_servers", changeType: "network_server", parentColumn: "network_id", keyColumn: "server_id",
        declaredAttributes: [], discriminator: nil)

    static let networkTags = ChildTableSpec(
        table: "tags", changeType: "network_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "network"))

    static let driveTags = ChildTableSpec(
        table: "tags", changeType: "drive_tag", parentColumn: "resource_id", keyColumn: "tag", declaredAttributes: [],
        discriminator: ("resource_type", "drive"))
}
