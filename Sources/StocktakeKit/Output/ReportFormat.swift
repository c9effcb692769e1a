import Foundation

/// How the report shows values to a reader: money with its currency and thousands separators,
/// one date format with the age beside it, ids shortened (the full one on hover), headers in
/// words. Only the HTML and Markdown pages use it; JSON keeps every value as stored.
public enum ReportFormat {
    /// `1,792.66 EUR`.
    public static func money(_ amount: Double, currency: String) -> String {
        grouped(String(format: "%.2f", amount)) + " " + currency
    }

    /// Amounts in several currencies, each on its own: `1,792.66 EUR + 1,854.08 CHF`; `none` when empty.
    static func money(_ amounts: [InventoryReport.Money]) -> String {
        amounts.isEmpty ? "none" : amounts.map(\.text).joined(separator: " + ")
    }

    /// `12,345.6`: thousands separated by commas in the whole part of a plain decimal text.
    public static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let parts = digits.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "")
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// The header a reader sees for a column: words, not SQL names (`size_bytes` is `Size`).
    public static func header(_ column: String) -> String {
        if let word = headers[column] { return word }
        let words = column.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static let headers: [String: String] = [
        "id": "ID", "size_bytes": "Size", "mem_bytes": "Memory", "ip_type": "IP type", "provider_status": "Provider status",
        "storage_type": "Storage type", "unmounted_since": "Unmounted since", "created_at": "Created", "first_seen": "First seen",
        "volume_id": "Volume", "server_id": "Server", "server_name": "Server name", "monthly_cost": "Monthly cost",
        "changed_at": "When", "run_id": "Run", "resource_type": "Type", "child_key": "Of", "old_value": "Was", "new_value": "Now",
        "listing": "Listing", "stopped_since": "Stopped since", "deleted_at": "Deleted",
    ]

    /// A UUID as its first 8 characters and an ellipsis; anything else as it is.
    public static func shortID(_ id: String) -> String {
        id.count == 36 && id.filter({ $0 == "-" }).count == 4 ? String(id.prefix(8)) + "…" : id
    }

    /// A stored time, in any of the forms the providers and the sync write (`2026-11-26T19:48:25.411Z`,
    /// `2025-12-18T00:55:13.000000+00:00`, `2025-12-11 00:55:26+00:00`), or nil for anything else.
    public static func date(_ text: String) -> Date? {
        guard text.count >= 19, text.count <= 40, text.first?.isNumber == true, text.dropFirst(4).first == "-" else { return nil }
        var normalized = text.replacingOccurrences(of: " ", with: "T")
        if let dot = normalized.firstIndex(of: ".") {
            let fraction = normalized[normalized.index(after: dot)...].prefix { $0.isNumber }
            normalized.replaceSubrange(dot..<normalized.index(dot, offsetBy: fraction.count + 1), with: "")
        }
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime]
        return parser.date(from: normalized)
    }

    /// `2025-12-18 00:55 UTC`: the one way the report writes a time.
    public static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " UTC"
    }

    /// `2025-12-18`: a table cell's time, the minute on hover (`dateText`).
    public static func dayText(_ date: Date) -> String {
        String(dateText(date).prefix(10))
    }

    /// `3 days ago`, `5 hours ago`, `just now` (times after `now` read `in 2 days`).
    public static func age(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        let magnitude = abs(seconds)
        let (count, unit): (Int, String)
        switch magnitude {
        case ..<60: return "just now"
        case ..<3600: (count, unit) = (Int(magnitude / 60), "minute")
        case ..<86_400: (count, unit) = (Int(magnitude / 3600), "hour")
        case ..<(86_400 * 60): (count, unit) = (Int(magnitude / 86_400), "day")
        case ..<(86_400 * 730): (count, unit) = (Int(magnitude / (86_400 * 30.4)), "month")
        default: (count, unit) = (Int(magnitude / (86_400 * 365.25)), "year")
        }
        let phrase = "\(count) \(unit)\(count == 1 ? "" : "s")"
        return seconds >= 0 ? phrase + " ago" : "in " + phrase
    }

    /// Columns of money; a row's `currency` column says which currency.
    static let moneyColumns: Set<String> = ["monthly_cost", "waste_cost", "cheapest", "dearest", "cost_then", "cost_now", "difference"]

    /// Columns whose text may wrap (at spaces): free text. Every other cell stays on one line, so that
    /// `scw-demo` or a date never breaks at a hyphen.
    static let wrappingColumns: Set<String> = ["reason", "error", "problem", "old_value", "new_value", "title", "description"]

    /// A cell as the page shows it: (text, the full value on hover or nil, right-aligned). `currency` is the
    /// row's currency, for money columns.
    static func cell(_ value: String, column: String, now: Date, currency: String? = nil) -> (text: String, full: String?, number: Bool) {
        if ResultFormat.isSizeColumn(column) { return (Int64(value).map(ResultFormat.humanSize) ?? value, nil, true) }
        if moneyColumns.contains(column) {
            guard let amount = Double(value) else { return (value.isEmpty ? "unknown" : value, nil, true) }
            return (currency.map { money(amount, currency: $0) } ?? grouped(String(format: "%.2f", amount)), nil, true)
        }
        // Ids (and any other value that is a UUID: a NIC's, an old server_id) shortened, the whole on hover.
        let short = shortID(value)
        if short != value { return (short, value, false) }
        if let date = date(value) { return (dayText(date) + " · " + age(date, now: now), dateText(date), false) }
        if Int64(value) != nil, column != "name" { return (grouped(value), nil, true) }
        return (value, nil, false)
    }
}
