import Foundation
@testable import StocktakeKit
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    static let environment = ["SCW_KEY": "scw-secret", "CS_PASS": "cs-secret"]

    func parse(_ text: String, environment: [String: String] = Self.environment, home: String = "/nonexistent") throws -> StocktakeConfiguration {
        try ConfigurationLoader(environment: environment, homeDirectory: home).parse(text, path: "config.yaml")
    }

    func error(_ text: String, environment: [String: String] = Self.environment, home: String = "/nonexistent") -> ConfigurationError? {
        do {
            _ = try parse(text, environment: environment, home: home)
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            return ConfigurationError(file: "?", "unexpected \(error)")
        }
    }

    @Test("The documented shape parses; ${VAR} expands; defaults apply")
    func documentedShape() throws {
        let configuration = try parse("""
            accounts:
              - name: scw-prod
                provider: scaleway
                zones: [fr-par-1, nl-ams-1]
                secret_key: ${SCW_KEY}
              - name: cs-zrh
                provider: cloudsigma
                location: zrh
                username: ops@example.com
                password: ${CS_PASS}
            sync:
              concurrency: 3
              page_size: 50
            database: /tmp/x.sqlite
            """)
        #expect(configuration.accounts.map(\.name) == ["scw-prod", "cs-zrh"])
        #expect(configuration.accounts[0].apiURL == "https://api.scaleway.com")
        #expect(configuration.accounts[0].credentials == .scaleway(secretKey: "scw-secret"))
        #expect(configuration.accounts[1].apiURL == "https://zrh.cloudsigma.com/api/2.0/")
        #expect(configuration.accounts[1].zones == ["zrh"])
        #expect(configuration.accounts[1].credentials == .cloudsigma(username: "ops@example.com", password: "cs-secret"))
        #expect(configuration.sync == SyncSettings(concurrency: 3, pageSize: 50, timeoutSeconds: 30, maxRetries: 5))
        #expect(configuration.database == "/tmp/x.sqlite")
        // Zonal listings once per zone, regional ones once per region, nothing twice.
        let scopes = configuration.accounts[0].scopes
        #expect(Set(scopes.map { "\($0.zone) \($0.listingName)" }).count == scopes.count)
        for kind in Provider.scaleway.resourceKinds {
            let zones = scopes.filter { $0.kind == kind }.map(\.zone)
            let regional = kind == .privateNetworks
            #expect(zones == (regional ? ["fr-par", "nl-ams"] : ["fr-par-1", "nl-ams-1"]), "\(kind)")
        }
    }

    @Test("Mistakes name the file, the line and the problem", arguments: [
        ("accounts:\n  - name: a\n    provider: scaleway\n    zone: fr-par-1\n    secret_key: k\n", 4, "unknown key 'zone'"),
        ("accounts:\n  - provider: scaleway\n    secret_key: k\n", 2, "has no `name:`"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n  - name: a\n    provider: scaleway\n    secret_key: k\n", 5, "used twice"),
        ("accounts:\n  - name: a\n    provider: aws\n", 3, "unknown provider 'aws'"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    zones: [fr-par-1, xx-yyy-9]\n", 5, "unknown Scaleway zone 'xx-yyy-9'"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: ${NOT_SET_ANYWHERE}\n", 4, "NOT_SET_ANYWHERE is not set"),
        ("accounts:\n  - name: a\n    provider: cloudsigma\n    location: zrh\n", 2, "no CloudSigma credentials"),
        ("sync:\n  concurrency: 0\naccounts: [{name: a, provider: scaleway, secret_key: k}]\n", 2, "from 1 to 64"),
        ("accounts:\n  - name: a\n  provider: [\n", 3, "not valid YAML"),
        ("accounts: []\nextra: 1\n", 2, "unknown key 'extra'"),
        ("accounts: []\n", 1, "`accounts:` is empty"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    api_url: https://u:p@api.example.com\n", 5,
         "must not carry a user name or password"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    api_url: not a url\n", 5, "not an http(s) URL"),
        ("accounts:\n  - name: a\n    provider: cloudsigma\n    username: u\n    password: p\n    api_url: ftp://x/api/2.0/\n", 6,
         "not an http(s) URL"),
        ("database: ''\naccounts: [{name: a, provider: scaleway, secret_key: k}]\n", 1, "`database:` is empty"),
        ("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    kinds: [servers, drives]\n", 5,
         "unknown kind 'drives'; Scaleway accounts sync: servers, volumes"),
        ("accounts:\n  - name: a\n    provider: cloudsigma\n    location: zrh\n    username: u\n    password: p\n    kinds: []\n", 7,
         "`kinds:` is empty"),
        ("accounts: [{name: a, provider: scaleway, secret_key: k}]\nretention:\n  keep: 5m\n", 3, "not an age of an hour or more"),
        ("accounts: [{name: a, provider: scaleway, secret_key: k}]\nretention:\n  keep: 90d\n  keep_runs: 9\n", 3,
         "takes one of `keep: AGE`"),
        ("accounts: [{name: a, provider: scaleway, secret_key: k}]\nretention:\n  keep_runs: 0\n", 3, "retention.keep_runs"),
    ])
    func mistakes(text: String, line: Int, message: String) {
        let error = self.error(text)
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("config.yaml:\(line): ") == true)
    }

    @Test("retention: keep an age or a number of runs; none by default")
    func retention() throws {
        let account = "accounts: [{name: a, provider: scaleway, secret_key: k}]\n"
        #expect(try parse(account).retention == nil)
        #expect(try parse(account + "retention: {keep: 90d}\n").retention == .age(90 * 86400))
        #expect(try parse(account + "retention:\n  keep_runs: 2000\n").retention == .runs(2000))
    }

    @Test("Credentials fall back to the environment, then to the official tools' files")
    func fallbacks() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config/scw"), withIntermediateDirectories: true)
        try """
            secret_key: top-level-key
            active_profile: work
            profiles:
              work:
                secret_key: work-key
              other:
                secret_key: other-key
            """.write(to: home.appendingPathComponent(".config/scw/config.yaml"), atomically: true, encoding: .utf8)
        try "[default]\napi_endpoint = https://zrh.cloudsigma.com/api/2.0/\nusername = file@example.com\npassword = 'file-pass'\n"
            .write(to: home.appendingPathComponent(".cloudsigma.conf"), atomically: true, encoding: .utf8)
        let text = """
            accounts:
              - {name: a, provider: scaleway, zones: [fr-par-1]}
              - {name: b, provider: scaleway, zones: [fr-par-1], profile: other}
              - {name: c, provider: cloudsigma, location: zrh}
            """
        let fromFiles = try parse(text, environment: [:], home: home.path)
        #expect(fromFiles.accounts[0].credentials == .scaleway(secretKey: "work-key"))
        #expect(fromFiles.accounts[1].credentials == .scaleway(secretKey: "other-key"))
        #expect(fromFiles.accounts[2].credentials == .cloudsigma(username: "file@example.com", password: "file-pass"))

        let fromEnvironment = try parse(text, environment: [
            "SCW_SECRET_KEY": "env-key", "CLOUDSIGMA_USERNAME": "env@example.com", "CLOUDSIGMA_PASSWORD": "env-pass",
        ], home: home.path)
        #expect(fromEnvironment.accounts[0].credentials == .scaleway(secretKey: "env-key"))
        #expect(fromEnvironment.accounts[2].credentials == .cloudsigma(username: "env@example.com", password: "env-pass"))
        // An account's own profile wins over SCW_SECRET_KEY: otherwise two accounts of two profiles
        // would both list the organisation of the environment's key.
        #expect(fromEnvironment.accounts[1].credentials == .scaleway(secretKey: "other-key"))
        let explicit = try parse("accounts:\n  - {name: a, provider: scaleway, secret_key: own-key}\n",
                                 environment: ["SCW_SECRET_KEY": "env-key"], home: home.path)
        #expect(explicit.accounts[0].credentials == .scaleway(secretKey: "own-key"))
        let missingProfile = self.error("accounts:\n  - {name: a, provider: scaleway, profile: nosuch}\n", home: home.path)
        #expect(missingProfile?.message.contains("profile 'nosuch' has no secret_key") == true)
    }

    @Test("kinds: names the listings an account syncs, in its provider's words; by default all of them")
    func kinds() throws {
        let configuration = try parse("""
            accounts:
              - {name: a, provider: scaleway, secret_key: k, zones: [fr-par-1], kinds: [volumes]}
              - {name: b, provider: cloudsigma, location: zrh, username: u, password: p, kinds: [Drives, servers]}
              - {name: c, provider: scaleway, secret_key: k, zones: [fr-par-1]}
              - {name: d, provider: scaleway, secret_key: k, zones: [fr-par-1], kinds: [block_volumes, servers]}
            """)
        #expect(configuration.accounts[0].scopes.map(\.listingName) == ["volumes"])
        #expect(configuration.accounts[1].kinds == [.drives, .servers])
        #expect(configuration.accounts[2].scopes.map(\.listingName) == ["servers", "volumes", "block_volumes", "ips", "security_groups", "snapshots", "block_snapshots", "server_types", "catalog", "price_table", "private_networks"])
        #expect(configuration.accounts[2].scopes.map(\.zone) == Array(repeating: "fr-par-1", count: 10) + ["fr-par"],
                "private networks are listed per region")
        #expect(configuration.accounts[3].kinds == [.blockVolumes, .servers])
        let cloudSigmaBlock = error("accounts:\n  - {name: b, provider: cloudsigma, location: zrh, username: u, password: p, kinds: [block_volumes]}\n")
        #expect(cloudSigmaBlock?.message.contains("unknown kind 'block_volumes'; CloudSigma accounts sync: servers, drives, ips, snapshots, vlans, pricing, balance, usage, subscriptions") == true)
    }

    @Test("prices: sets a Scaleway account's own prices over the bundled table; unknown names and non-numbers are refused with their line")
    func prices() throws {
        let configuration = try parse("""
            accounts:
              - name: a
                provider: scaleway
                secret_key: k
                prices: {volume/sbs_5k: 0.0002, ip/routed_ipv4: "0.005"}
            """)
        #expect(configuration.accounts[0].priceTable.overrides == ["volume/sbs_5k": "0.0002", "ip/routed_ipv4": "0.005"])
        let unknown = error("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    prices: {volume/gold: 1}\n")
        #expect(unknown?.line == 5 && unknown?.message.contains("unknown price 'volume/gold'") == true, "\(String(describing: unknown))")
        #expect(unknown?.message.contains("volume/sbs_5k") == true)
        let negative = error("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    prices: {volume/sbs_5k: -1}\n")
        #expect(negative?.message.contains("must be a number of euros per unit, 0 or more") == true, "\(String(describing: negative))")
        let words = error("accounts:\n  - name: a\n    provider: scaleway\n    secret_key: k\n    prices: {volume/sbs_5k: cheap}\n")
        #expect(words?.message.contains("(got 'cheap')") == true)
        let sigma = error("accounts:\n  - {name: b, provider: cloudsigma, location: zrh, username: u, password: p, prices: {ip/nat: 1}}\n")
        #expect(sigma?.message.contains("unknown key 'prices'") == true)
    }

    @Test("database: may be a PostgreSQL URL: kept as written, checked where it is, its password never in the message")
    func databaseURL() throws {
        let account = "accounts: [{name: a, provider: scaleway, secret_key: k}]\n"
        let url = try parse(account + "database: postgresql://ops@db.example/inventory\n")
        #expect(url.database == "postgresql://ops@db.example/inventory")
        let bad = error(account + "database: postgresql://ops:hunter2@db.example/inventory?sslmode=sometimes\n")
        #expect(bad?.description.contains("config.yaml:2") == true && bad?.message.contains("sslmode") == true, "\(bad?.description ?? "")")
        #expect(bad?.message.contains("hunter2") == false)
    }

    @Test("HOME is honoured, `~` expands, and a relative database: is taken from the configuration's folder")
    func homeAndRelativePaths() throws {
        let loader = ConfigurationLoader(environment: ["HOME": "/home/cron", "K": "k"])
        #expect(loader.homeDirectory == "/home/cron")
        #expect(StocktakePaths(environment: ["HOME": "/home/cron"]).database(explicit: nil, configured: nil)
                == "/home/cron/.local/share/stocktake/inventory.sqlite")
        let account = "accounts: [{name: a, provider: scaleway, secret_key: k}]\n"
        let tilde = try loader.parse("database: ~/inv/db.sqlite\nqueries_dir: ~/q\n" + account, path: "/etc/stocktake/config.yaml")
        #expect(tilde.database == "/home/cron/inv/db.sqlite")
        #expect(tilde.queriesDirectory == "/home/cron/q")
        let relative = try loader.parse("database: data/inv.sqlite\n" + account, path: "/etc/stocktake/config.yaml")
        #expect(relative.database == "/etc/stocktake/data/inv.sqlite")
        let absolute = try loader.parse("database: /var/lib/stocktake/inv.sqlite\n" + account, path: "/etc/stocktake/config.yaml")
        #expect(absolute.database == "/var/lib/stocktake/inv.sqlite")
    }

    @Test("Paths: flag, then environment, then configuration, then XDG defaults")
    func paths() {
        let paths = StocktakePaths(environment: ["XDG_DATA_HOME": "/data", "XDG_CONFIG_HOME": "/conf"], homeDirectory: "/home/u")
        #expect(paths.configuration(explicit: nil) == "/conf/stocktake/config.yaml")
        #expect(paths.configuration(explicit: "/x.yaml") == "/x.yaml")
        #expect(paths.database(explicit: nil, configured: nil) == "/data/stocktake/inventory.sqlite")
        #expect(paths.database(explicit: nil, configured: "/c.sqlite") == "/c.sqlite")
        let bare = StocktakePaths(environment: ["STOCKTAKE_DB": "/e.sqlite"], homeDirectory: "/home/u")
        #expect(bare.database(explicit: nil, configured: "/c.sqlite") == "/e.sqlite")
        #expect(bare.configuration(explicit: nil) == "/home/u/.config/stocktake/config.yaml")
        #expect(StocktakePaths(environment: [:], homeDirectory: "/home/u").database(explicit: nil, configured: nil)
                == "/home/u/.local/share/stocktake/inventory.sqlite")
    }
}
