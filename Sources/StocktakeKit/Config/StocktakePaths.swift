import Foundation

/// Where the configuration and the database are, by the documented precedence.
public struct StocktakePaths: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory ?? Self.home(environment)
    }

    /// `$HOME` when it is set (cron and sudo set it), else the account's home directory.
    public static func home(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// `path` with a leading `~` expanded to `home`, and, when relative, resolved against `base`.
    public static func resolve(_ path: String, home: String, relativeTo base: String) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") { expanded = home + expanded.dropFirst() }
        guard !expanded.hasPrefix("/") else { return expanded }
        return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(expanded).standardizedFileURL.path
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
