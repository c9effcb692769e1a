import Foundation

/// Reads the times and ages users type: `2026-11-01`, `2026-11-01T09:00:00Z`,
/// `90m`, `12h`, `3d`, `2w`, and run numbers (`3` or `#3`).
public enum TimeExpression {
    /// Seconds in an age such as `45s`, `90m`, `12h`, `3d`, `2w`, or with the unit
    /// written out (`1min`, `24hours`, `2 days`, `1 week`); nil when it is not one.
    public static func age(_ text: String) -> Double? {
        let trimmed = text.lowercased().filter { !$0.isWhitespace }
        guard let unitStart = trimmed.firstIndex(where: \.isLetter) else { return nil }
        guard let value = Double(trimmed[..<unitStart]), value >= 0, value.isFinite else { return nil }
        guard let seconds = unitSeconds[String(trimmed[unitStart...])] else { return nil }
        return value * seconds
    }

    /// The forms of an age, for messages.
    public static let ageForms = "an age such as 90m, 12h, 3d, 2w (or 90min, 12hours, 3 days)"

    private static let unitSeconds: [String: Double] = {
        var table: [String: Double] = [:]
        let units: [(Double, [String])] = [
            (1, ["s", "sec", "secs", "second", "seconds"]),
            (60, ["m", "min", "mins", "minute", "minutes"]),
            (3600, ["h", "hr", "hrs", "hour", "hours"]),
            (86400, ["d", "day", "days"]),
            (604_800, ["w", "wk", "wks", "week", "weeks"]),
        ]
        for (seconds, names) in units {
            for name in names { table[name] = seconds }
        }
        return table
    }()

    /// A run number written as `3` or `#3`; nil otherwise.
    public static func run(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return Int64(trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed)
    }

    /// An ISO-8601 date or date-time (UTC when no zone is given); nil otherwise.
    public static func date(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.count == 10 { value += "T00:00:00" }
        if value.count == 16 { value += ":00" }
        let hasZone = value.hasSuffix("Z") || value.dropFirst(19).contains("+") || value.dropFirst(19).contains("-")
        if !hasZone { value += "Z" }
        if let date = try? Date(value, strategy: .iso8601) { return date }
        return try? Date(value, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// The stored form of a time: ISO-8601 UTC with milliseconds, e.g. `2026-11-24T00:37:30.351Z`.
    public static func stored(_ date: Date) -> String {
        InventoryDatabase.timestamp(date)
    }
}
