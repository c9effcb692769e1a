/// Maps the providers' state words to Stocktake's: running, stopped, starting,
/// stopping, paused, unavailable or other.
enum StatusNormalizer {
    static func server(_ providerStatus: String?) -> String {
        switch providerStatus?.lowercased() {
        case "running": return "running"
        case "stopped", "stopped in place": return "stopped"
        case "starting": return "starting"
        case "stopping": return "stopping"
        case "paused": return "paused"
        case "unavailable", "locked": return "unavailable"
        default: return "other"
        }
    }

    static func drive(_ providerStatus: String?) -> String {
        switch providerStatus?.lowercased() {
        case "mounted": return "mounted"
        case "unmounted": return "unmounted"
        default: return "other"
        }
    }
}
