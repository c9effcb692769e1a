import Foundation
import GRDB
import Simulator
@testable import StocktakeKit
import Testing

/// The monthly cost of every resource, as `current_costs` computes it from the synced price lists,
/// against the same rules applied here to the simulator's ground truth and price book.
@Suite("What it costs: current_costs against the ground truth")
struct CostTests {
    /// (currency, monthly cost or nil when a price is missing) of every resource, keyed `account|type|id`.
    typealias Costs = [String: (currency: String, cost: Double?)]

    /// The rules of the README's "What it costs", stated again over the simulator's records.
    static func expected(_ truth: GroundTruth) -> Costs {
        let book = SimulatedPriceBook(epoch: truth.epoch)
        var costs: Costs = [:]
        func table(_ category: String, _ product: String, zone: String) -> Double? {
            guard let entry = PriceTable.scalewayEntries.first(where: { $0.category == category && $0.product == product }) else { return nil }
            let price = zone == "fr-par-3" ? entry.priceInPAR3 ?? entry.price : entry.price
            return Double(price).map { $0 * Double(PriceTable.scalewayMonthSeconds) / Double(entry.multiplier) }
        }
        for server in truth.scalewayServers {
            let hourly = book.scalewayHourlyMicros(server.commercialType, zone: server.zone).map { Double($0) / 1e6 }
            costs["scw|server|\(server.id)"] = ("EUR", server.state == "stopped" ? 0 : hourly.map { $0 * 730 })
        }
        for volume in truth.scalewayVolumes {
            costs["scw|drive|\(volume.id)"] = ("EUR", table("volume", volume.volumeType, zone: volume.zone).map { $0 * Double(volume.size) })
        }
        for volume in truth.blockVolumes {
            costs["scw|drive|\(volume.id)"] = ("EUR", table("volume", volume.type, zone: volume.zone).map { $0 * Double(volume.size) })
        }
        for snapshot in truth.instanceSnapshots + truth.blockSnapshots {
            costs["scw|snapshot|\(snapshot.id)"] = ("EUR", table("snapshot", snapshot.volumeType, zone: snapshot.zone).map { $0 * Double(snapshot.size) })
        }
        for ip in truth.scalewayIPs {
            costs["scw|ip|\(ip.id)"] = ("EUR", table("ip", ip.type, zone: ip.zone))
        }
        let currency = SimulatedPriceBook.cloudSigmaCurrency
        func sigma(_ resource: String, amount: Double) -> Double? {
            guard let price = book.cloudSigmaPrice(resource, level: 0, currency: currency),
                  let multiplier = SimulatedPriceBook.cloudSigmaMultiplier(resource) else { return nil }
            return Double(price) / 1e8 * amount * Double(PriceTable.cloudSigmaMonthSeconds) / Double(multiplier)
        }
        for server in truth.cloudSigmaServers {
            let running = sigma("cpu", amount: Double(server.cpu)).flatMap { cpu in sigma("mem", amount: Double(server.mem)).map { cpu + $0 } }
            costs["cs|server|\(server.uuid)"] = (currency, server.status == "stopped" ? 0 : running)
        }
        for drive in truth.cloudSigmaDrives {
            costs["cs|drive|\(drive.uuid)"] = (currency, sigma(drive.storageType, amount: Double(drive.size)))
        }
        for ip in truth.cloudSigmaIPs { costs["cs|ip|\(ip.uuid)"] = (currency, sigma("ip", amount: 1)) }
        for vlan in truth.cloudSigmaVLANs { costs["cs|network|\(vlan.uuid)"] = (currency, sigma("vlan", amount: 1)) }
        for snapshot in truth.cloudSigmaSnapshots { costs["cs|snapshot|\(snapshot.uuid)"] = (currency, nil) }
        return costs
    }

    /// What `current_costs` holds in `inventory`, with every NULL cost's reason.
    static func stored(_ inventory: ReadOnlyInventory) throws -> (costs: Costs, reasons: [String: String]) {
        let result = try inventory.execute("SELECT account, resource_type, id, currency, monthly_cost, reason FROM current_costs")
        var costs: Costs = [:]
        var reasons: [String: String] = [:]
        for row in result.rows {
            let key = "\(ResultFormat.plain(row[0]))|\(ResultFormat.plain(row[1]))|\(ResultFormat.plain(row[2]))"
            #expect(costs[key] == nil, "\(key) is priced twice")
            costs[key] = (ResultFormat.plain(row[3]), Double.fromDatabaseValue(row[4]))
            if let reason = String.fromDatabaseValue(row[5]) { reasons[key] = reason }
        }
        return (costs, reasons)
    }

    static func compare(_ stored: (costs: Costs, reasons: [String: String]), _ expected: Costs, _ label: String) {
        #expect(Set(stored.costs.keys) == Set(expected.keys), "\(label): resources priced")
        var wrong: [String] = []
        for (key, want) in expected {
            guard let got = stored.costs[key] else { continue }
            let same: Bool
            switch (got.cost, want.cost) {
            case (nil, nil): same = !(stored.reasons[key] ?? "").isEmpty
            case let (a?, b?): same = abs(a - b) <= 1e-9 * max(1, abs(b))
            default: same = false
            }
            if !same || got.currency != want.currency { wrong.append("\(key): \(String(describing: got)) != \(String(describing: want))") }
        }
        #expect(wrong.isEmpty, "\(label): \(wrong.count) wrong, e.g. \(wrong.prefix(3))")
    }

    @Test("waste-cost holds every row of the waste queries once, at its current_costs price; cost-by-account sums current_costs per currency")
    func wasteAndTotals() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            try harness.simulator.advanceEpoch(churn: 0.08)
            try await harness.sync()
            let inventory = try ReadOnlyInventory(path: harness.databasePath)
            let library = try QueryLibrary()
            func rows(_ name: String, _ arguments: [String: String] = [:]) throws -> [[String: String]] {
                let result = try inventory.execute(try library.query(name).sql, arguments: arguments)
                return result.rows.map { row in
                    Dictionary(uniqueKeysWithValues: zip(result.columns, row.map(ResultFormat.plain)))
                }
            }
            let waste = try rows("waste-cost", ["days": "0"])
            func ids(_ kind: String) -> [String] { waste.filter { $0["waste"] == kind }.compactMap { $0["id"] } }
            #expect(Set(ids("unmounted drive")) == Set(try rows("unmounted-drives").compactMap { $0["id"] }))
            #expect(Set(ids("unattached IP")) == Set(try rows("unattached-ips").compactMap { $0["id"] }))
            let orphans = Set(try rows("orphan-snapshots").compactMap { $0["id"] })
            #expect(Set(ids("orphan snapshot")) == orphans)
            #expect(Set(ids("old snapshot")) == Set(try rows("old-snapshots", ["days": "0"]).compactMap { $0["id"] }).subtracting(orphans))
            #expect(Set(ids("drive of a stopped server")) == Set(try rows("drives-on-stopped-servers").compactMap { $0["id"] }))
            #expect(!ids("unmounted drive").isEmpty && !ids("drive of a stopped server").isEmpty)
            // Each resource once, at the cost current_costs gives it.
            let keys = waste.map { "\($0["account"] ?? "")|\($0["resource_type"] ?? "")|\($0["id"] ?? "")" }
            #expect(Set(keys).count == keys.count)
            let (costs, _) = try Self.stored(inventory)
            // CloudSigma subscriptions' unused part: subscription-usage's, resource by resource.
            let unused = Dictionary(uniqueKeysWithValues: try rows("subscription-usage").map { ("\($0["account"] ?? "")|\($0["zone"] ?? "")/\($0["resource"] ?? "")", $0["unused_cost"]) })
            let subscriptions = waste.filter { $0["waste"] == "subscribed, unused" }
            #expect(!subscriptions.isEmpty)
            for row in subscriptions {
                #expect(unused["\(row["account"] ?? "")|\(row["id"] ?? "")"] == row["monthly_cost"], "\(row)")
            }
            for row in waste where row["waste"] != "subscribed, unused" {
                let key = "\(row["account"] ?? "")|\(row["resource_type"] ?? "")|\(row["id"] ?? "")"
                let cost = try #require(costs[key])
                #expect(Double(row["monthly_cost"] ?? "") == cost.cost.map { ($0 * 100).rounded() / 100 }, "\(key)")
                #expect(row["currency"] == cost.currency)
            }
            // Per account and currency: the sum of the priced resources, the count of the unpriced.
            for total in try rows("cost-by-account") {
                let mine = costs.filter { $0.key.hasPrefix((total["account"] ?? "") + "|") && $0.value.currency == total["currency"] }
                let sum = mine.values.compactMap(\.cost).reduce(0, +)
                #expect(abs((Double(total["monthly_cost"] ?? "") ?? -1) - sum) < 0.006, "\(total)")
                #expect(Int(total["unpriced"] ?? "") == mine.values.filter { $0.cost == nil }.count)
                #expect(Int(total["resources"] ?? "") == mine.count)
            }
        }
    }

    @Test("CloudSigma usage equals what the fleet subscribes, uses and bursts; subscription-usage prices it at level 0 and at the level in force")
    func usage() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            try harness.simulator.advanceEpoch(churn: 0.1)
            try await harness.sync()
            let truth = harness.simulator.groundTruth()
            let running = truth.cloudSigmaServers.filter { $0.status == "running" }
            let used: [String: Int64] = [
                "cpu": running.map { Int64($0.cpu) }.reduce(0, +), "mem": running.map(\.mem).reduce(0, +),
                "dssd": truth.cloudSigmaDrives.filter { $0.storageType == "dssd" }.map(\.size).reduce(0, +),
                "ip": Int64(truth.cloudSigmaIPs.count), "vlan": Int64(truth.cloudSigmaVLANs.count),
            ]
            let result = try ReadOnlyInventory(path: harness.databasePath).execute(try QueryLibrary().query("subscription-usage").sql)
            let rows = result.rows.map { Dictionary(uniqueKeysWithValues: zip(result.columns, $0.map(ResultFormat.plain))) }
            #expect(Set(rows.compactMap { $0["resource"] }) == Set(used.keys))
            let book = SimulatedPriceBook(epoch: truth.epoch)
            for row in rows {
                let resource = try #require(row["resource"]), subscribed = try #require(Int64(row["subscribed"] ?? ""))
                let amount = try #require(used[resource])
                #expect(Int64(row["used"] ?? "") == amount && Int64(row["burst"] ?? "") == max(0, amount - subscribed), "\(resource)")
                let multiplier = Double(try #require(SimulatedPriceBook.cloudSigmaMultiplier(resource)))
                func monthly(_ level: Int, _ units: Int64) -> Double {
                    Double(book.cloudSigmaPrice(resource, level: level, currency: "CHF") ?? 0) / 1e8 * Double(units) * 2_592_000 / multiplier
                }
                #expect(abs((Double(row["unused_cost"] ?? "") ?? -1) - (monthly(0, max(0, subscribed - amount)) * 100).rounded() / 100) < 1e-9, "\(resource)")
                #expect(abs((Double(row["burst_cost"] ?? "") ?? -1) - (monthly(1, max(0, amount - subscribed)) * 100).rounded() / 100) < 1e-9, "\(resource)")
                #expect(row["burst_level"] == "1" && row["currency"] == "CHF")
            }
        }
    }

    @Test("CloudSigma subscriptions are synced as listed; subscriptions-ending lists the one that ends within the days asked and does not renew")
    func subscriptions() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            let inventory = try ReadOnlyInventory(path: harness.databasePath)
            let stored = try inventory.execute("SELECT resource, amount, auto_renew FROM current_subscriptions ORDER BY resource").rows
                .map { $0.map(ResultFormat.plain).joined(separator: "|") }
            #expect(stored == SimulatedPriceBook.cloudSigmaSubscriptions.sorted { $0.resource < $1.resource }
                .map { "\($0.resource)|\($0.amount)|\($0.resource == "vlan" ? 0 : 1)" })
            let query = try QueryLibrary().query("subscriptions-ending")
            let soon = try inventory.execute(query.sql, arguments: ["days": "30"]).rows
            #expect(soon.count == 1 && soon.first.map { ResultFormat.plain($0[4]) } == "vlan")
            #expect(try inventory.execute(query.sql, arguments: ["days": "10"]).rows.isEmpty)
            // A second sync with nothing changed makes no version of them.
            try await harness.sync()
            let versions = try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM subscriptions_history") }
            #expect(versions == SimulatedPriceBook.cloudSigmaSubscriptions.count)
        }
    }

    @Test("prices: in the configuration reprices the account at the next sync, as a change of the price, with its source")
    func configuredPrices() async throws {
        try await SyncHarness.with { harness in
            try await harness.sync()
            var configuration = harness.configuration
            configuration.accounts[0].priceTable = PriceTable(overrides: ["volume/sbs_5k": "0.0002"])
            let report = try await harness.sync(configuration: configuration)
            #expect(report.exitCode == 0)
            let rows = try harness.read { db in
                try String.fetchAll(db, sql: "SELECT price || '|' || source FROM prices WHERE category = 'volume' AND product = 'sbs_5k' AND deleted_at IS NULL")
            }
            #expect(!rows.isEmpty && rows.allSatisfy { $0 == "0.0002|configuration: prices: volume/sbs_5k" }, "\(rows)")
            let changed = try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM changes WHERE run_id = 2 AND resource_type = 'price' AND field = 'price' AND new_value = '0.0002'") }
            #expect(changed == harness.configuration.accounts[0].zones.count)
            let truth = harness.simulator.groundTruth()
            let volume = try #require(truth.blockVolumes.first { $0.type == "sbs_5k" })
            let (costs, _) = try Self.stored(try ReadOnlyInventory(path: harness.databasePath))
            let cost = try #require(costs["scw|drive|\(volume.id)"]?.cost)
            #expect(abs(cost - 0.0002 * 730 * Double(volume.size) / 1e9) < 1e-9)
            // As of run 1 the documented price still holds.
            let (before, _) = try Self.stored(try ReadOnlyInventory(path: harness.databasePath, asOf: "1"))
            #expect(abs((before["scw|drive|\(volume.id)"]?.cost ?? 0) - 0.000118 * 730 * Double(volume.size) / 1e9) < 1e-9)
        }
    }

    @Test("Every resource's monthly cost equals the ground truth's, now and as of every run, across price changes")
    func groundTruth() async throws {
        try await SyncHarness.with { harness in
            var truths: [Int64: GroundTruth] = [:]
            let first = try await harness.sync()
            truths[first.run] = harness.simulator.groundTruth()
            for _ in 1...4 {
                try harness.simulator.advanceEpoch(churn: 0.05)
                let report = try await harness.sync()
                #expect(report.exitCode == 0)
                truths[report.run] = harness.simulator.groundTruth()
            }
            // Prices changed (every second epoch) and the change log says so.
            let priceChanges = try harness.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM changes WHERE resource_type = 'price' AND field = 'price'") }
            #expect((priceChanges ?? 0) > 0)
            for (run, truth) in truths.sorted(by: { $0.key < $1.key }) {
                let inventory = try ReadOnlyInventory(path: harness.databasePath, asOf: "\(run)")
                Self.compare(try Self.stored(inventory), Self.expected(truth), "as of run \(run)")
            }
            // cost-changes-since #k as of run k: exactly the resources whose cost differs between runs k-1 and k.
            let runs = truths.keys.sorted()
            for (before, after) in zip(runs, runs.dropFirst()) {
                let inventory = try ReadOnlyInventory(path: harness.databasePath, asOf: "\(after)")
                let query = try QueryLibrary().query("cost-changes-since")
                let rows = try inventory.execute(query.sql, arguments: ["since": "#\(after)"])
                let listed = Set(rows.rows.map { "\(ResultFormat.plain($0[0]))|\(ResultFormat.plain($0[3]))|\(ResultFormat.plain($0[4]))" })
                let then = Self.expected(try #require(truths[before])), now = Self.expected(try #require(truths[after]))
                let differing = Set(now.keys.filter { key in
                    guard let old = then[key], let new = now[key] else { return true }
                    switch (old.cost, new.cost) {
                    case (nil, nil): return false
                    case let (a?, b?): return abs(a - b) > 0.000001
                    default: return true
                    }
                }).union(then.keys.filter { now[$0] == nil })
                #expect(listed == differing, "run \(after): \(listed.symmetricDifference(differing).prefix(4))")
            }
            let latest = try #require(truths.keys.max().flatMap { truths[$0] })
            Self.compare(try Self.stored(try ReadOnlyInventory(path: harness.databasePath)), Self.expected(latest), "now")
            // The null hourly_price took the catalog's; the unpriced drives say why, never 0.
            let (_, reasons) = try Self.stored(try ReadOnlyInventory(path: harness.databasePath))
            #expect(latest.cloudSigmaDrives.contains { $0.storageType == "magnetic" })
            #expect(reasons.values.contains("no level-0 magnetic price in CHF"))
            #expect(latest.scalewayServers.contains { $0.commercialType == SimulatedPriceBook.typeWithoutListedPrice && $0.state != "stopped" })
        }
    }
}
