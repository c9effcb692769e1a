import Foundation
import GRDB
import Logging
@testable import StocktakeKit
import Testing

/// The price lists as the providers really sent them (`../shared/recordings/pricing/`, read in place):
/// every era maps, a recorded inventory is priced end to end, and the formula reproduces CloudSigma's ledger.
@Suite("Price lists from recorded responses")
struct PriceRecordingTests {
    static let folder = Recordings.root.appendingPathComponent("pricing")

    /// The recorded files under `pricing/` whose name contains `part`, as paths below `pricing/`.
    static func files(_ part: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.contains(part) && $0.hasSuffix(".json") }.sorted()
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Recordings.text("pricing/" + path).utf8)) as? [String: Any])
    }

    static func objects(_ path: String, shape: ListingShape, envelope: String, idKey: String, zone: String) throws -> [WireValue] {
        let root = try WireValue(json: try Recordings.text("pricing/" + path))
        return try #require(try shape.objects(in: root, envelope: envelope, idKey: idKey, zone: zone, listingName: "test"))
    }

    @Test("Every recorded products/servers body, 2019 to 2026, maps type for type; a null hourly_price stays unknown",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func serverTypes() throws {
        let files = try Self.files("instance-products-servers.").filter { !$0.contains("availability") }
        #expect(files.count >= 40)
        var nulls = 0
        for file in files {
            let servers = try #require(try Self.json(file)["servers"] as? [String: [String: Any]])
            let rows = try Self.objects(file, shape: .keyedByName, envelope: "servers", idKey: "id", zone: "z").compactMap(PriceMapping.serverType)
            #expect(rows.count == servers.count, "\(file)")
            for row in rows {
                let listed = try #require(servers[row.product], "\(file): \(row.product)")
                #expect(row.id == "z/\(row.product)" && row.unit == "hour" && row.multiplier == 3600 && row.currency == "EUR")
                if let hourly = listed["hourly_price"] as? Double {
                    #expect(row.price.flatMap(Double.init) == hourly, "\(file): \(row.product)")
                } else {
                    #expect(row.price == nil, "\(file): \(row.product)")
                    nulls += 1
                }
            }
        }
        #expect(nulls == 3, "the nl-ams-2 bodies of 2026-03-31 have three types without a price")
    }

    @Test("Every recorded catalog product maps to its price per hour or per minute",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func catalog() throws {
        let files = try Self.files("product-catalog.")
        #expect(files.count >= 10)
        var minutes = 0
        for file in files {
            let products = try #require(try Self.json(file)["products"] as? [[String: Any]])
            let rows = try Self.objects(file, shape: .listIdentifiedBy("sku", zoned: true), envelope: "products", idKey: "id", zone: "z")
                .compactMap(PriceMapping.catalogProduct)
            #expect(rows.count == products.count, "\(file)")
            for (row, product) in zip(rows, products) {
                let retail = try #require((product["price"] as? [String: Any])?["retail_price"] as? [String: Any])
                let expected = Double(retail["units"] as? Int ?? 0) + Double(retail["nanos"] as? Int ?? 0) / 1e9
                #expect(abs((row.price.flatMap(Double.init) ?? -1) - expected) < 1e-12, "\(file): \(row.id)")
                let unit = (product["unit_of_measure"] as? [String: Any])?["unit"] as? String
                #expect(row.multiplier == (unit == "minute" ? 60 : 3600), "\(file): \(row.id)")
                if unit == "minute" { minutes += 1 }
            }
        }
        #expect(minutes > 0, "GPU types are priced per minute")
    }

    @Test("Every recorded CloudSigma price list and balance maps: each price with its level, currency and multiplier",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func cloudSigmaLists() throws {
        let files = try Self.files("pricing").filter { $0.contains("cloudsigma") && !$0.contains("schema") }
        #expect(files.count >= 8)
        for file in files {
            let objects = try #require(try Self.json(file)["objects"] as? [[String: Any]])
            let rows = try Self.objects(file, shape: .listIdentifiedBy("id", zoned: false), envelope: "objects", idKey: "uuid", zone: "zrh")
                .compactMap(PriceMapping.cloudSigmaPrice)
            #expect(rows.count == objects.count && !rows.isEmpty, "\(file)")
            #expect(rows.allSatisfy { $0.price.flatMap(Double.init) != nil && $0.multiplier > 0 && $0.currency != nil }, "\(file)")
        }
        for file in try Self.files("balance").filter({ !$0.contains("schema") }) {
            let root = try WireValue(json: try Recordings.text("pricing/" + file))
            let objects = try #require(try ListingShape.single.objects(in: root, envelope: "", idKey: "uuid", zone: "zrh", listingName: "balance"))
            let row = try #require(objects.first.flatMap(PriceMapping.accountCurrency), "\(file)")
            #expect(["CHF", "EUR", "USD"].contains(row.currency ?? "") && row.raw == "{\"currency\":\"\(row.currency ?? "")\"}", "\(file)")
        }
    }

    @Test("Every recorded CloudSigma currentusage maps resource for resource, burst above what is subscribed",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func currentUsage() throws {
        let files = try Self.files("currentusage").filter { !$0.contains("schema") }
        #expect(files.count >= 7)
        for file in files {
            let usage = try #require(try Self.json(file)["usage"] as? [String: [String: Any]])
            let root = try WireValue(json: try Recordings.text("pricing/" + file))
            let rows = try #require(try ListingShape.keyedByName.objects(in: root, envelope: "usage", idKey: "uuid", zone: "zrh", listingName: "usage"))
                .compactMap(PriceMapping.usage)
            #expect(rows.count == usage.count && !rows.isEmpty, "\(file)")
            for row in rows {
                let recorded = try #require(usage[row.resource])
                func number(_ key: String) -> Int64? { (recorded[key] as? NSNumber)?.int64Value ?? (recorded[key] as? String).flatMap { Int64($0) } }
                #expect(row.id == "zrh/\(row.resource)" && row.subscribed == number("subscribed") && row.used == number("using")
                        && row.burst == number("burst"), "\(file): \(row.resource)")
            }
        }
        // jclouds' body: the burst is what is used above the subscription.
        let jclouds = try #require(try Self.json("jclouds-cloudsigma2/currentusage.json")["usage"] as? [String: [String: Any]])
        let dssd = try #require(jclouds["dssd"])
        #expect((dssd["burst"] as? NSNumber)?.int64Value == 57_783_091_200 && (dssd["using"] as? NSNumber)?.int64Value == 89_995_345_920)
    }

    @Test("Every recorded CloudSigma subscription list maps subscription for subscription; what is left of one makes no version",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func subscriptions() throws {
        let root = Recordings.root
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path)
            .filter { $0.contains("subscriptions") && !$0.contains("schema") && $0.hasSuffix(".json") && ($0.hasPrefix("pricing/") || $0.hasPrefix("new-kinds/")) }
        #expect(files.count >= 7)
        for file in files {
            let text = try Recordings.text(file)
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])["objects"] as? [[String: Any]]
            let parsed = try WireValue(json: text)
            let rows = (parsed["objects"]?.elements ?? []).compactMap(PriceMapping.subscription)
            #expect(rows.count == objects?.count && !rows.isEmpty, "\(file)")
            for (row, object) in zip(rows, objects ?? []) {
                #expect(row.id == object["uuid"] as? String && row.resource == object["resource"] as? String, "\(file)")
                #expect(row.amount == (object["amount"] as? String).flatMap { Int64($0) } ?? (object["amount"] as? NSNumber)?.int64Value, "\(file)")
                #expect(row.endTime == object["end_time"] as? String && !row.raw.contains("\"remaining\""), "\(file)")
            }
        }
    }

    static func sync(_ account: AccountConfiguration, routes: [(String, String, [(String, String)])], pageSize: Int) async throws -> (SyncReport, String, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stocktake-prices-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("prices.sqlite").path
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let configuration = StocktakeConfiguration(accounts: [account], sync: SyncSettings(concurrency: 2, pageSize: pageSize))
        let report = try await SyncEngine(configuration: configuration, database: try InventoryDatabase(path: path),
                                          transport: FixtureTransport(routes: routes), logger: logger).run(acceptOwnerChange: true)
        return (report, path, directory)
    }

    @Test("A recorded zone's two price lists, paged, price servers end to end: the catalog where hourly_price is null, 0 when powered off",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func scalewayEndToEnd() async throws {
        let servers = """
            {"servers": [
              {"id": "11111111-1111-4111-8111-111111111111", "name": "big", "state": "running", "commercial_type": "POP2-48C-192G", "zone": "nl-ams-2"},
              {"id": "22222222-2222-4222-8222-222222222222", "name": "basic", "state": "running", "commercial_type": "BASIC3-X16C-32G", "zone": "nl-ams-2"},
              {"id": "33333333-3333-4333-8333-333333333333", "name": "off", "state": "stopped", "commercial_type": "BASIC3-X16C-32G", "zone": "nl-ams-2"},
              {"id": "44444444-4444-4444-8444-444444444444", "name": "odd", "state": "running", "commercial_type": "NOSUCH-1", "zone": "nl-ams-2"}
            ]}
            """
        let page1 = try Recordings.text("pricing/scaleway-cli/instance-products-servers.nl-ams-2.2026-03-31.p1-of-2.json")
        let page2 = try Recordings.text("pricing/scaleway-cli/instance-products-servers.nl-ams-2.2026-03-31.p2-of-2.json")
        let catalog = try Recordings.text("pricing/scaleway-cli/product-catalog.instance.nl-ams-2.2026-03-31.json")
        let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["nl-ams-2"],
                                           credentials: .scaleway(secretKey: "k"), kinds: [.servers, .serverTypes, .catalog])
        let (report, path, directory) = try await Self.sync(account, routes: [
            ("products/servers?page=1&", page1, [("X-Total-Count", "70")]),
            ("products/servers?page=2&", page2, [("X-Total-Count", "70")]),
            ("public-catalog/products", catalog, []),
            ("/instance/v1/zones/nl-ams-2/servers", servers, [("X-Total-Count", "4")]),
        ], pageSize: 50)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let result = try ReadOnlyInventory(path: path).execute("SELECT name, monthly_cost, reason FROM current_costs ORDER BY name")
        let costs = Dictionary(uniqueKeysWithValues: result.rows.map { (ResultFormat.plain($0[0]), (Double.fromDatabaseValue($0[1]), String.fromDatabaseValue($0[2]))) })
        let catalogPrice = try #require(try Self.json("scaleway-cli/product-catalog.instance.nl-ams-2.2026-03-31.json")["products"] as? [[String: Any]])
            .first { (($0["properties"] as? [String: Any])?["instance"] as? [String: Any])?["offer_id"] as? String == "POP2-48C-192G" }
        let retail = try #require((catalogPrice?["price"] as? [String: Any])?["retail_price"] as? [String: Any])
        let hourly = Double(retail["units"] as? Int ?? 0) + Double(retail["nanos"] as? Int ?? 0) / 1e9
        #expect(abs((costs["big"]?.0 ?? -1) - hourly * 730) < 1e-9, "\(String(describing: costs["big"]))")
        let basic = try #require((try Self.json("scaleway-cli/instance-products-servers.nl-ams-2.2026-03-31.p1-of-2.json")["servers"] as? [String: [String: Any]])?["BASIC3-X16C-32G"]?["hourly_price"] as? Double)
        #expect(abs((costs["basic"]?.0 ?? -1) - basic * 730) < 1e-9)
        #expect(costs["off"]?.0 == 0 && costs["off"]?.1 == "powered off: compute is not billed")
        #expect(costs["odd"]?.0 == nil && costs["odd"]?.1 == "no price for NOSUCH-1 in nl-ams-2")
    }

    @Test("Where a recorded zone's two lists price a type differently, price-mismatch says so with both prices",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func mismatch() async throws {
        let pages = try (1...3).map { try Recordings.text("pricing/scaleway-cli/instance-products-servers.fr-par-1.2026-07-01.p\($0)-of-3.json") }
        let account = AccountConfiguration(name: "scw", provider: .scaleway, apiURL: "https://api.example", zones: ["fr-par-1"],
                                           credentials: .scaleway(secretKey: "k"), kinds: [.serverTypes, .catalog])
        let (report, path, directory) = try await Self.sync(account, routes: [
            ("products/servers?page=1&", pages[0], [("X-Total-Count", "107")]),
            ("products/servers?page=2&", pages[1], [("X-Total-Count", "107")]),
            ("products/servers?page=3&", pages[2], [("X-Total-Count", "107")]),
            ("public-catalog/products", try Recordings.text("pricing/scaleway-cli/product-catalog.instance.fr-par-1.2026-07-01.json"), []),
        ], pageSize: 50)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let inventory = try ReadOnlyInventory(path: path)
        #expect(try inventory.execute("SELECT COUNT(*) FROM prices WHERE source = 'products/servers'").rows.first.map { ResultFormat.plain($0[0]) } == "107")
        let result = try inventory.execute(try QueryLibrary().query("price-mismatch").sql)
        let rows = result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0.map(ResultFormat.plain))) }
        #expect(rows.count == 1, "\(rows)")
        #expect(rows.first?["server_type"] == "STANDARD2-A32C-128G" && rows.first?["products_servers_price"] == "1.1978")
        #expect(abs((Double(rows.first?["catalog_hourly_price"] ?? "") ?? 0) - 1.0078) < 1e-9)
        #expect(rows.first?["monthly_difference"] == "138.7")
    }

    @Test("CloudSigma's recorded burst ledger rows are reproduced to their 20th decimal by the synced price and the formula",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func ledger() async throws {
        let account = AccountConfiguration(name: "cs", provider: .cloudsigma, apiURL: "https://zrh.example/api/2.0/", zones: ["zrh"],
                                           credentials: .cloudsigma(username: "u", password: "p"), kinds: [.pricing, .balance])
        let (report, path, directory) = try await Self.sync(account, routes: [
            ("/tags/", #"{"meta": {"limit": 0, "offset": 0, "total_count": 0}, "objects": []}"#, []),
            ("/pricing/", try Recordings.text("pricing/libcloud-cloudsigma/pricing.json"), []),
            ("/balance/", try Recordings.text("pricing/libcloud-cloudsigma/balance.json"), []),
        ], pageSize: 1000)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(report.exitCode == 0, "\(report.scopes.compactMap(\.error))")
        let stored = try ReadOnlyInventory(path: path).execute("""
            SELECT price, multiplier FROM prices WHERE category = 'resource' AND product = 'dssd' AND level = 1 AND currency = 'USD'
            """)
        let price = ResultFormat.plain(try #require(stored.rows.first)[0])
        let multiplier = try #require(Int64.fromDatabaseValue(stored.rows[0][1]))
        let currency = try ReadOnlyInventory(path: path).execute("SELECT currency FROM prices WHERE category = 'account'")
        #expect(currency.rows.map { ResultFormat.plain($0[0]) } == ["USD"])
        var checked = 0
        for file in ["cloudsigma-docs/ledger-list.2014-06-05.json", "jclouds-cloudsigma2/ledger.json", "jclouds-cloudsigma2/ledger-last-page.json"] {
            for row in try #require(try Self.json(file)["objects"] as? [[String: Any]]) {
                guard let reason = row["reason"] as? String, reason.contains(" of dssd ") else { continue }
                var amount = row["resource_amount"] as? String
                var seconds = (row["interval"] as? Int).map(String.init)
                if amount == nil, let match = reason.firstMatch(of: /Burst: (\d+) of dssd for (\d+) seconds/) {
                    amount = String(match.1)
                    seconds = String(match.2)
                }
                let units = try #require(amount.flatMap { Decimal(string: $0) })
                let interval = try #require(seconds.flatMap { Decimal(string: $0) })
                let charge = try #require(PriceFormula.charge(price: price, amount: units, seconds: interval, multiplier: multiplier))
                let written = try #require(row["amount"] as? String)
                let places = written.split(separator: ".").last?.count ?? 0
                #expect("\(PriceFormula.rounded(charge, places: places))" == written.replacing(/0+$/, with: ""), "\(file): \(reason)")
                checked += 1
            }
        }
        #expect(checked == 9)
    }
}
