import Foundation

/// Where the configuration and the database are, by the documented precedence.
public struct StocktakePaths: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String = NSHomeDirectory()) {
        self.environment = environment
        self.homeDirectory = homeDirectory
    }

    /// `--config`, else `$STOCKTAKE_CONFIG`, else `$XDG_CONFIG_HOME/stocktake/config.yaml` (`~/.config/...`).
    public func configuration(explicit: String?) -> String {
        if let explicit { return explicit }
        if let path = environment["STOCKTAKE_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.config"
        return base + "/stocktake/config.yaml"
    }

    /// `--db`, else `$STOCKTAKE_DB`, else `database:` of the configuration, else
    /// `$XDG_DATA_HOME/stocktake/inventory.sqlite` (`~/.local/share/...`).
    public func database(explicit: String?, configured: String?) -> String {
        if let explicit { return explicit }
        if let path = environment["STOCKTAKE_DB"], !path.isEmpty { return path }
        if let configured { return configured }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.local/share"
        return base + "/stocktake/inventory.sqlite"
    }
}
