import Foundation
import ArgumentParser
import StocktakeKit

/// `stocktake history ID`: one resource's versions and changes, oldest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a resource's timeline: its versions and field changes, oldest first.",
        discussion: """
            ID is a resource's id, or a name any of its versions had (an IP's address): a name that several \
            resources had lists them, to pick one by id.

            Examples:
              stocktake history 2fa663e7-36db-44d8-84d1-591bc6922142
              stocktake history web-0042 --format json
              stocktake history 212.47.109.30 --account scw-prod
            """
    )

    @Argument(help: "The resource's id (uuid), or a name it had (an IP's address).")
    var id: String

    @Option(help: "Only this account (the same id in two accounts is two resources).")
    var account: String?

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try read.open()
        if let account { try reporting { try inventory.requireAccount(account) } }
        var result = try reporting { try inventory.history(id: id, account: account) }
        if result.rows.isEmpty {
            let named = try reporting { try inventory.resources(named: id, account: account) }
            let ids = named.rows.map { (ResultFormat.plain($0[0]), ResultFormat.plain($0[2])) }
            if ids.count > 1 {
                Diagnostics.error("'\(id)' names \(ids.count) resources; run `stocktake history ID` with one of these ids (and --account where two accounts share one):")
                try output.write(named)
                throw ExitCode(ExitCodes.failure)
            }
            if let (owner, found) = ids.first {
                Diagnostics.write("'\(id)' is \(ResultFormat.plain(named.rows[0][1])) \(found) in account '\(owner)'")
                result = try reporting { try inventory.history(id: found, account: owner) }
            }
        }
        guard !result.rows.isEmpty else {
            Diagnostics.error("no resource with the id or name '\(id)'\(account.map { " in account '\($0)'" } ?? "") has ever been synced")
            throw ExitCode(ExitCodes.failure)
        }
        try output.write(result)
    }
}

/// `stocktake changes`: the change log, filtered.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Show the field-level change log, oldest first.",
        discussion: """
            Examples:
              stocktake changes --since 1d
              stocktake changes --since 3 --until 5 --type server --account scw-prod
              stocktake changes --since 2026-11-01 --format csv --output november.csv
            """
    )

    @Option(help: "From this run (3), time (2026-11-01) or age (12h, 3d) on.")
    var since: String?

    @Option(help: "Up to this run, time or age.")
    var until: String?

    @Option(help: "Only this account.")
    var account: String?

    @Option(help: ArgumentHelp("Only this resource type, as the change log names it: \(ReadOnlyInventory.changeTypes.joined(separator: ", "))."))
    var type: String?

    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try reporting { try read.open() }
        try reporting {
            for bound in [since, until].compactMap({ $0 }) {
                if let run = TimeExpression.run(bound) {
                    try inventory.requireRun(run)
                } else if TimeExpression.age(bound) == nil, TimeExpression.date(bound) == nil {
                    throw QueryError.badTime(bound)
                }
            }
            if let account { try inventory.requireAccount(account) }
        }
        var conditions: [String] = []
        var arguments: [String: String] = [:]
        if let since {
            conditions.append(TimeExpression.run(since) != nil ? "run_id >= :since" : "changed_at >= stocktake_time(:since)")
            arguments["since"] = TimeExpression.run(since).map(String.init) ?? since
        }
        if let until {
            conditions.append(TimeExpression.run(until) != nil ? "run_id <= :until" : "changed_at <= stocktake_time(:until)")
            arguments["until"] = TimeExpression.run(until).map(String.init) ?? until
        }
        if let account {
            conditions.append("account = :account")
            arguments["account"] = account
        }
        if let type {
            let types = ReadOnlyInventory.changeTypes
            guard types.contains(type) else {
                throw ValidationError("unknown --type '\(type)'; use one of \(types.joined(separator: ", "))")
            }
            conditions.append("resource_type = :type")
            arguments["type"] = type
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        try output.stream(inventory, sql: """
            SELECT changed_at, run_id, account, resource_type, resource_id, child_key, kind, field, old_value, new_value
            FROM changes \(filter) ORDER BY id
            """, arguments: arguments)
    }
}

/// `stocktake schema`: every table, view and column with its meaning.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "List every table, view and column of the database with a one-line meaning.",
        discussion: """
            --datasette-metadata writes a Datasette metadata file instead: the same meanings as table and \
            column descriptions, and the named queries as canned queries.

            Examples:
              stocktake schema
              stocktake schema --format csv | grep '^servers,'
              stocktake schema --datasette-metadata --output metadata.json && datasette inventory.sqlite -m metadata.json
            """
    )

    @Flag(help: "Write a Datasette metadata file (JSON): descriptions and the named queries as canned queries.")
    var datasetteMetadata = false

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let inventory = try read.open()
        let schema = try reporting { try inventory.schema() }
        guard datasetteMetadata else { return try output.write(schema) }
        let name = URL(fileURLWithPath: inventory.path).deletingPathExtension().lastPathComponent
        let data = try DatasetteMetadata.render(schema: schema, queries: try library.load(read: read).all, database: name)
        try output.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
