import Foundation

/// Reads the times and ages users type: `2026-11-01`, `2026-11-01T09:00:00Z`,
/// `90m`, `12h`, `3d`, `2w`, and run numbers (`3` or `#3`).
public enum TimeExpression {
    /// Seconds in an age such as `45s`, `90m`, `12h`, `3d`, `2w`; nil when it is not one.
    public static func age(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let value = Double(trimmed.dropLast()), value >= 0 else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86400
        case "w": return value * 604_800
        default: return nil
        }
    }

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
