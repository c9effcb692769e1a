import GRDB

/// What one account's waste costs a month, in its currency, from the rows of `waste-cost`: the
/// priced rows' sum and how many rows have no price (their cost is unknown, so the sum is a floor).
public struct WasteTotal: Sendable, Equatable {
    public var account: String
    public var currency: String
    public var monthly: Double
    public var rows: Int
    public var unpriced: Int

    /// Whether the waste may cost more than `limit`: the priced sum is over it, or some rows could not
    /// be priced (an unknown cost is never taken for 0).
    public func exceeds(_ limit: Double) -> Bool {
        monthly > limit || unpriced > 0
    }

    /// Totals per account and currency of a `waste-cost` result, in account order.
    public static func totals(of result: ResultTable) -> [WasteTotal] {
        guard let account = result.columns.firstIndex(of: "account"), let currency = result.columns.firstIndex(of: "currency"),
              let cost = result.columns.firstIndex(of: "monthly_cost") else { return [] }
        var totals: [String: WasteTotal] = [:]
        for row in result.rows {
            let name = ResultFormat.plain(row[account]), money = ResultFormat.plain(row[currency])
            let key = name + "\u{1F}" + money
            var total = totals[key] ?? WasteTotal(account: name, currency: money, monthly: 0, rows: 0, unpriced: 0)
            total.rows += 1
            if let value = Double.fromDatabaseValue(row[cost]) { total.monthly += value } else { total.unpriced += 1 }
            totals[key] = total
        }
        return totals.values.sorted { ($0.account, $0.currency) < ($1.account, $1.currency) }
    }

    /// `scw-prod wastes 243.50 EUR a month, more than 50.00 (3 rows have no price: at least that much)`.
    public func sentence(limit: Double) -> String {
        let money = String(format: "%.2f", monthly)
        var line = "\(account) wastes \(money) \(currency) a month"
        if monthly > limit { line += ", more than \(String(format: "%.2f", limit))" }
        if unpriced > 0 {
            line += " (\(unpriced) of \(rows) row\(rows == 1 ? "" : "s") \(unpriced == 1 ? "has" : "have") no price: at least that much)"
        }
        return line
    }
}
