import ArgumentParser
import StocktakeKit

/// `stocktake prices`: which prices are in force and where each came from (the `prices` query).
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Show the prices in force (or as of a run), what a unit costs a month and where each price came from.",
        discussion: """
            Scaleway's server types come from products/servers (the catalog prices the types whose hourly_price \
            is null); volumes, snapshots and IPs from Stocktake's own table (no Scaleway listing prices them), \
            which `prices:` in an account's configuration overrides; CloudSigma's from pricing/, level 0 in the \
            account's currency (--all: every burst level and currency). The same as `stocktake query prices`.

            Examples:
              stocktake prices
              stocktake prices --as-of 3 --format csv
              stocktake prices --all --format json
            """
    )

    @Flag(help: "List every CloudSigma burst level and currency too.")
    var all = false

    @OptionGroup var asOf: AsOfOptions

    @OptionGroup var library: LibraryOptions
    @OptionGroup var read: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let library = try self.library.load(read: read)
        let (inventory, query, arguments) = try reporting {
            let query = try library.query("prices")
            let inventory = try read.open(asOf: asOf.text)
            return (inventory, query, try query.arguments([("all", all ? "1" : "0")]))
        }
        try output.stream(inventory, sql: inventory.sql(of: query), arguments: arguments)
    }
}
