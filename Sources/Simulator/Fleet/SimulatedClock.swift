/// Deterministic timestamps: the simulated world starts on 2026-01-05 08:00 UTC
/// and each epoch is one day later. Nothing reads the wall clock.
enum SimulatedClock {
    static let startSeconds: Int64 = 1_767_600_000  // 2026-01-05T08:00:00Z

    /// Seconds since 1970 at `offset` seconds into `epoch`.
    static func seconds(epoch: Int, offset: Int64) -> Int64 {
        startSeconds + Int64(epoch) * 86_400 + offset
    }

    /// Scaleway style: `2026-01-05T08:00:00.123456+00:00`.
    static func scalewayTimestamp(_ seconds: Int64, micros: Int) -> String {
        let fraction = String(micros % 1_000_000)
        return iso(seconds) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "+00:00"
    }

    /// Scaleway Block Storage style: `2026-01-05T08:00:00.123456Z`.
    static func blockTimestamp(_ seconds: Int64, micros: Int = 0) -> String {
        let fraction = String(micros % 1_000_000)
        return iso(seconds) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }

    /// CloudSigma style: `2026-01-05T08:00:00+00:00`.
    static func cloudSigmaTimestamp(_ seconds: Int64) -> String {
        iso(seconds) + "+00:00"
    }

    private static func iso(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(Int(year), 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    /// Howard Hinnant's days-to-civil algorithm.
    private static func civil(fromDays days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
