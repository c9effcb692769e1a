import Foundation
import Yams

/// Reads the YAML configuration: checks every key, expands `${VAR}` from the
/// environment, and resolves credentials through the documented fallbacks.
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]
    public var homeDirectory: String

    static let scalewayZones = [
        "fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1", "nl-ams-2", "nl-ams-3", "pl-waw-1", "pl-waw-2", "pl-waw-3",
    ]
    static let topKeys = ["accounts", "sync", "database", "queries_dir", "retention"]
    static let syncKeys = ["concurrency", "page_size", "timeout_seconds", "max_retries", "scope_timeout_seconds"]
    static let scalewayKeys = ["name", "provider", "api_url", "zones", "secret_key", "profile", "kinds", "prices"]
    static let cloudSigmaKeys = ["name", "provider", "api_url", "location", "username", "password", "kinds"]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, homeDirectory: String? = nil) {
        self.environment = environment
        self.homeDirectory = homeDirectory ?? StocktakePaths.home(environment)
    }

    /// Loads and checks the file at `path`.
    public func load(path: String) throws -> StocktakeConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, "cannot read the configuration file; create it (see README, Configuration) or pass --config PATH")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses configuration text; `path` only names it in errors.
    public func parse(_ text: String, path: String) throws -> StocktakeConfiguration {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigurationError(file: path, "the configuration is empty; it needs at least an `accounts:` list")
            }
            root = node
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(file: path, line: Self.line(of: error), "not valid YAML: \(Self.summary(of: error))")
        }
        let reader = NodeReader(path: path, environment: environment)
        let top = try reader.mapping(root, context: "the top level", allowed: Self.topKeys)
        guard let accountsNode = top["accounts"] else {
            throw ConfigurationError(file: path, line: root.mark?.line, "no `accounts:` list; add at least one account")
        }
        var accounts: [AccountConfiguration] = []
        let accountNodes = try reader.sequence(accountsNode, context: "accounts")
        guard !accountNodes.isEmpty else {
            throw ConfigurationError(file: path, line: accountsNode.mark?.line, "`accounts:` is empty; add at least one account (see README, Configuration)")
        }
        for node in accountNodes {
            let account = try account(node, reader: reader)
            if accounts.contains(where: { $0.name == account.name }) {
                throw ConfigurationError(file: path, line: node.mark?.line, "the account name '\(account.name)' is used twice; names must be unique")
            }
            accounts.append(account)
        }
        return StocktakeConfiguration(
            accounts: accounts, sync: try syncSettings(top["sync"], reader: reader),
            database: try top["database"].map { try databaseLocation($0, reader: reader) },
            queriesDirectory: try top["queries_dir"].map { try resolvedPath($0, context: "queries_dir", reader: reader) },
            retention: try top["retention"].map { try retention($0, reader: reader) },
            path: path)
    }

    /// `retention: {keep: 90d}` or `retention: {keep_runs: 2000}`: what each sync prunes afterwards.
    private func retention(_ node: Node, reader: NodeReader) throws -> InventoryPruner.Window {
        let fields = try reader.mapping(node, context: "retention", allowed: ["keep", "keep_runs"])
        switch (fields["keep"], fields["keep_runs"]) {
        case (let keep?, nil):
            let text = try reader.string(keep, context: "retention.keep")
            guard let seconds = TimeExpression.age(text), seconds >= 3600 else {
                throw reader.error(keep, "retention.keep '\(text)' is not an age of an hour or more, such as 90d or 12w")
            }
            return .age(seconds)
        case (nil, let runs?):
            return .runs(try reader.integer(runs, context: "retention.keep_runs", range: 1...100_000_000))
        default:
            throw reader.error(node, "`retention:` takes one of `keep: AGE` (e.g. 90d) or `keep_runs: N`")
        }
    }

    /// A path from the file: `~` expanded, a relative one taken from the configuration file's folder
    /// (cron runs from another directory than an interactive shell).
    /// `database:`: a PostgreSQL URL as written (checked here, so a mistake names the line), else a path.
    private func databaseLocation(_ node: Node, reader: NodeReader) throws -> String {
        let text = try reader.string(node, context: "database")
        guard PostgresLocation.isURL(text) else { return try resolvedPath(node, context: "database", reader: reader) }
        do {
            _ = try PostgresLocation(url: text)
        } catch {
            throw reader.error(node, error.description)
        }
        return text
    }

    private func resolvedPath(_ node: Node, context: String, reader: NodeReader) throws -> String {
        let text = try reader.string(node, context: context)
        guard !text.isEmpty else { throw reader.error(node, "`\(context):` is empty; give a path or leave the key out") }
        let folder = URL(fileURLWithPath: reader.path).deletingLastPathComponent().path
        return StocktakePaths.resolve(text, home: homeDirectory, relativeTo: folder)
    }

    /// An `api_url`: an http(s) URL with a host and no user name or password in it (credentials have their own keys).
    private func apiURL(_ node: Node, account: String, reader: NodeReader) throws -> String {
        let text = try reader.string(node, context: "api_url")
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = components.host, !host.isEmpty else {
            throw reader.error(node, "account '\(account)': api_url is not an http(s) URL with a host (e.g. https://api.scaleway.com)")
        }
        guard components.user == nil, components.password == nil else {
            throw reader.error(node, "account '\(account)': api_url must not carry a user name or password; put credentials in secret_key, or username and password")
        }
        return text
    }

    private func syncSettings(_ node: Node?, reader: NodeReader) throws -> SyncSettings {
        var settings = SyncSettings()
        guard let node else { return settings }
        let fields = try reader.mapping(node, context: "sync", allowed: Self.syncKeys)
        func number(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let value = fields[key] else { return nil }
            return try reader.integer(value, context: "sync.\(key)", range: range)
        }
        settings.concurrency = try number("concurrency", 1...64) ?? settings.concurrency
        settings.pageSize = try number("page_size", 1...100) ?? settings.pageSize
        settings.timeoutSeconds = try number("timeout_seconds", 1...3600) ?? settings.timeoutSeconds
        settings.maxRetries = try number("max_retries", 0...20) ?? settings.maxRetries
        settings.scopeTimeoutSeconds = try number("scope_timeout_seconds", 1...86_400) ?? settings.scopeTimeoutSeconds
        return settings
    }

    private func account(_ node: Node, reader: NodeReader) throws -> AccountConfiguration {
        let loose = try reader.mapping(node, context: "an account", allowed: nil)
        guard let nameNode = loose["name"] else {
            throw ConfigurationError(file: reader.path, line: node.mark?.line, "an account has no `name:`; every account needs a unique name")
        }
        let name = try reader.string(nameNode, context: "name")
        guard let providerNode = loose["provider"] else {
            throw ConfigurationError(file: reader.path, line: node.mark?.line, "account '\(name)' has no `provider:`; use scaleway or cloudsigma")
        }
        let providerName = try reader.string(providerNode, context: "provider")
        guard let provider = Provider(rawValue: providerName.lowercased()) else {
            throw ConfigurationError(file: reader.path, line: providerNode.mark?.line,
                                     "account '\(name)': unknown provider '\(providerName)'; use scaleway or cloudsigma")
        }
        let allowed: [String]
        switch provider {
        case .scaleway: allowed = Self.scalewayKeys
        case .cloudsigma: allowed = Self.cloudSigmaKeys
        }
        let fields = try reader.mapping(node, context: "account '\(name)'", allowed: allowed)
        var account: AccountConfiguration
        switch provider {
        case .scaleway: account = try scaleway(name: name, fields: fields, node: node, reader: reader)
        case .cloudsigma: account = try cloudSigma(name: name, fields: fields, node: node, reader: reader)
        }
        if let kindsNode = fields["kinds"] {
            account.kinds = try kinds(kindsNode, account: name, provider: provider, reader: reader)
        }
        if let pricesNode = fields["prices"] {
            account.priceTable = PriceTable(overrides: try prices(pricesNode, account: name, reader: reader))
        }
        return account
    }

    /// `prices: {volume/sbs_5k: 0.00012}`: the account's own prices over Stocktake's table, each a
    /// non-negative number in the table entry's unit (euros per GB-hour, per hour).
    private func prices(_ node: Node, account: String, reader: NodeReader) throws -> [String: String] {
        var prices: [String: String] = [:]
        let known = PriceTable.keys
        guard let mapping = node.mapping else {
            throw reader.error(node, "account '\(account)': `prices:` must map a price's name to euros per unit, e.g. volume/sbs_5k: 0.000118")
        }
        for (keyNode, valueNode) in mapping {
            let key = try reader.string(keyNode, context: "prices")
            guard known.contains(key) else {
                throw reader.error(keyNode, "account '\(account)': unknown price '\(key)' in `prices:`; Stocktake's table has: \(known.joined(separator: ", "))")
            }
            let text = try reader.string(valueNode, context: "prices: \(key)")
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
                  text.allSatisfy({ $0.isNumber || $0 == "." }) else {
                throw reader.error(valueNode, "account '\(account)': `prices: \(key)` must be a number of euros per unit, 0 or more, like 0.000118 (got '\(text)')")
            }
            prices[key] = text
        }
        return prices
    }

    /// `kinds: [servers, volumes]`: the listings to sync, in the provider's words.
    private func kinds(_ node: Node, account: String, provider: Provider, reader: NodeReader) throws -> [ResourceKind] {
        let known = provider.resourceKinds.map { $0.listingName(for: provider) }
        var kinds: [ResourceKind] = []
        for kindNode in try reader.sequence(node, context: "kinds") {
            let name = try reader.string(kindNode, context: "kinds")
            guard let kind = ResourceKind.named(name, for: provider) else {
                throw reader.error(kindNode, "account '\(account)': unknown kind '\(name)'; \(provider.displayName) accounts sync: \(known.joined(separator: ", "))")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        guard !kinds.isEmpty else { throw reader.error(node, "account '\(account)': `kinds:` is empty; leave it out to sync \(known.joined(separator: ", "))") }
        return kinds
    }

    private func scaleway(
        name: String, fields: [String: Node], node: Node, reader: NodeReader
    ) throws -> AccountConfiguration {
        let apiURL = try fields["api_url"].map { try self.apiURL($0, account: name, reader: reader) } ?? "https://api.scaleway.com"
        var zones = Self.scalewayZones
        if let zonesNode = fields["zones"] {
            zones = []
            for zoneNode in try reader.sequence(zonesNode, context: "zones") {
                let zone = try reader.string(zoneNode, context: "zones")
                guard Self.scalewayZones.contains(zone) else {
                    throw ConfigurationError(file: reader.path, line: zoneNode.mark?.line,
                                             "account '\(name)': unknown Scaleway zone '\(zone)'; known zones: \(Self.scalewayZones.joined(separator: ", "))")
                }
                if !zones.contains(zone) { zones.append(zone) }
            }
            guard !zones.isEmpty else {
                throw ConfigurationError(file: reader.path, line: zonesNode.mark?.line, "account '\(name)': `zones:` is empty")
            }
        }
        // An account's own setting wins over the environment: with two accounts of two profiles,
        // SCW_SECRET_KEY would otherwise make both sync the same organisation.
        let files = CredentialFiles(environment: environment, homeDirectory: homeDirectory)
        let profile = try fields["profile"].map { try reader.string($0, context: "profile") }
        let secret: String?
        if let keyNode = fields["secret_key"] {
            secret = try reader.string(keyNode, context: "secret_key")
        } else if let profile {
            guard let key = files.scalewaySecretKey(profile: profile) else {
                throw ConfigurationError(file: reader.path, line: fields["profile"]?.mark?.line,
                                         "account '\(name)': the scw CLI profile '\(profile)' has no secret_key in \(files.scalewayConfigPath); check the profile name")
            }
            secret = key
        } else {
            secret = environment["SCW_SECRET_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? files.scalewaySecretKey(profile: nil)
        }
        guard let secret, !secret.isEmpty else {
            throw ConfigurationError(file: reader.path, line: node.mark?.line,
                                     "account '\(name)' has no Scaleway secret key: set `secret_key:` (e.g. ${SCW_SECRET_KEY}), the SCW_SECRET_KEY variable, or a profile in the scw CLI's config.yaml")
        }
        return AccountConfiguration(name: name, provider: .scaleway, apiURL: Self.trimmedSlash(apiURL), zones: zones,
                                    credentials: .scaleway(secretKey: secret))
    }

    private func cloudSigma(
        name: String, fields: [String: Node], node: Node, reader: NodeReader
    ) throws -> AccountConfiguration {
        let files = CredentialFiles(environment: environment, homeDirectory: homeDirectory)
        let location = try fields["location"].map { try reader.string($0, context: "location") }
        var apiURL = try fields["api_url"].map { try self.apiURL($0, account: name, reader: reader) }
        if apiURL == nil, let location {
            guard location.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw ConfigurationError(file: reader.path, line: fields["location"]?.mark?.line,
                                         "account '\(name)': location '\(location)' is not a name like zrh; give api_url for other hosts")
            }
            apiURL = "https://\(location).cloudsigma.com/api/2.0/"
        }
        guard let apiURL, let url = URL(string: apiURL), let host = url.host else {
            throw ConfigurationError(file: reader.path, line: node.mark?.line,
                                     "account '\(name)' needs `location:` (e.g. zrh) or `api_url:` (e.g. https://zrh.cloudsigma.com/api/2.0/)")
        }
        let zone = location ?? (host.hasSuffix(".cloudsigma.com") ? String(host.split(separator: ".")[0]) : host)
        let fileCredentials = files.cloudSigma()
        let username = try fields["username"].map { try reader.string($0, context: "username") }
            ?? environment["CLOUDSIGMA_USERNAME"] ?? fileCredentials.username
        let password = try fields["password"].map { try reader.string($0, context: "password") }
            ?? environment["CLOUDSIGMA_PASSWORD"] ?? fileCredentials.password
        guard let username, !username.isEmpty, let password, !password.isEmpty else {
            throw ConfigurationError(file: reader.path, line: node.mark?.line,
                                     "account '\(name)' has no CloudSigma credentials: set `username:` and `password:` (e.g. ${CLOUDSIGMA_PASSWORD}), the CLOUDSIGMA_USERNAME and CLOUDSIGMA_PASSWORD variables, or ~/.cloudsigma.conf")
        }
        let root = apiURL.hasSuffix("/") ? apiURL : apiURL + "/"
        return AccountConfiguration(name: name, provider: .cloudsigma, apiURL: root, zones: [zone],
                                    credentials: .cloudsigma(username: username, password: password))
    }

    static func trimmedSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }

    static func line(of error: any Error) -> Int? {
        guard let yaml = error as? YamlError else { return nil }
        switch yaml {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func summary(of error: any Error) -> String {
        guard let yaml = error as? YamlError else { return "\(error)" }
        switch yaml {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
        default: return "\(yaml)"
        }
    }
}
