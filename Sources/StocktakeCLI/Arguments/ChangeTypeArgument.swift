import ArgumentParser
import StocktakeKit

/// A `resource_type` of the change log (`server`, `drive_tag`, ...), from the table declarations.
struct ChangeTypeArgument: ExpressibleByArgument, Sendable {
    let name: String

    init?(argument: String) {
        guard ReadOnlyInventory.changeTypes.contains(argument) else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { ReadOnlyInventory.changeTypes }
}
