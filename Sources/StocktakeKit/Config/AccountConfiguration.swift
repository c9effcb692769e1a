/// One cloud account to inventory, with its credentials resolved.
public struct AccountConfiguration: Sendable, Equatable {
    public var name: String
    public var provider: Provider
    /// Scaleway: the API host (`https://api.scaleway.com`); CloudSigma: the API 2.0 root ending in `/api/2.0/`.
    public var apiURL: String
    /// Scaleway zones, or the one CloudSigma location.
    public var zones: [String]
    public var credentials: Credentials
    /// The listings the account syncs (`kinds:`); every kind the provider has by default.
    public var kinds: [ResourceKind]
    /// The account's own prices over Stocktake's table (`prices:`); Scaleway only.
    public var priceTable = PriceTable()

    /// The secret that authenticates an account. Never printed.
    public enum Credentials: Sendable, Equatable {
        case scaleway(secretKey: String)
        case cloudsigma(username: String, password: String)
    }

    public init(
        name: String, provider: Provider, apiURL: String, zones: [String], credentials: Credentials,
        kinds: [ResourceKind]? = nil
    ) {
        self.kinds = kinds ?? provider.resourceKinds
        self.name = name
        self.provider = provider
        self.apiURL = apiURL
        self.zones = zones
        self.credentials = credentials
    }

    /// Every scope a sync of this account reads: each kind per zone, per region or per location, as its listing is.
    public var scopes: [SyncScope] {
        let places = Dictionary(uniqueKeysWithValues: kinds.map { kind in
            (kind, (ListingDeclaration.of(kind, on: provider)?.scope ?? .zone).places(of: zones))
        })
        var scopes: [SyncScope] = []
        for zone in zones {
            for kind in kinds where places[kind]?.contains(zone) == true {
                scopes.append(SyncScope(account: name, provider: provider, zone: zone, kind: kind))
            }
        }
        // Regional listings after the zones', once per region.
        for kind in kinds {
            for region in places[kind] ?? [] where !zones.contains(region) {
                scopes.append(SyncScope(account: name, provider: provider, zone: region, kind: kind))
            }
        }
        return scopes
    }
}

/// How syncs behave; the `sync:` section of the configuration.
public struct SyncSettings: Sendable, Equatable {
    /// Requests in flight per account.
    public var concurrency = 8
    /// Objects per listing page (Scaleway allows at most 100).
    public var pageSize = 100
    /// The longest wait for one response.
    public var timeoutSeconds = 30
    public var maxRetries = 5
    /// The longest one scope (its listing read to the end, retries included) may take before it fails.
    public var scopeTimeoutSeconds = 900

    public init(
        concurrency: Int = 8, pageSize: Int = 100, timeoutSeconds: Int = 30, maxRetries: Int = 5,
        scopeTimeoutSeconds: Int = 900
    ) {
        self.scopeTimeoutSeconds = scopeTimeoutSeconds
        self.concurrency = concurrency
        self.pageSize = pageSize
        self.timeoutSeconds = timeoutSeconds
        self.maxRetries = maxRetries
    }
}

/// The whole configuration file.
public struct StocktakeConfiguration: Sendable, Equatable {
    public var accounts: [AccountConfiguration]
    public var sync: SyncSettings
    /// `database:`, a path to the SQLite file.
    public var database: String?
    /// `queries_dir:`, a directory of user queries.
    public var queriesDirectory: String?
    /// `retention:`, what each sync prunes once it has applied (nil: keep everything).
    public var retention: InventoryPruner.Window?
    /// The file it was read from.
    public var path: String

    public init(
        accounts: [AccountConfiguration], sync: SyncSettings = SyncSettings(), database: String? = nil,
        queriesDirectory: String? = nil, retention: InventoryPruner.Window? = nil, path: String = "(built in)"
    ) {
        self.accounts = accounts
        self.sync = sync
        self.database = database
        self.queriesDirectory = queriesDirectory
        self.retention = retention
        self.path = path
    }
}
