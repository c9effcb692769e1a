/// Every listing the simulator serves, in fault rules' words, and which of them
/// feed the same table (an object can move between those).
public enum SimulatedListings {
    /// Scaleway's listings, each per zone.
    public static let scaleway = ["servers", "volumes", "block_volumes", "ips", "security_groups", "snapshots", "block_snapshots"]
    /// CloudSigma's listings, one location.
    public static let cloudSigma = ["servers", "drives", "ips", "snapshots", "vlans"]

    /// Listings whose objects name their owner (Scaleway `organization`, CloudSigma `owner`).
    public static func naming(owner provider: String) -> [String] {
        provider == "scaleway" ? ["servers", "volumes", "ips", "security_groups", "snapshots"] : ["servers", "drives", "ips"]
    }

    /// The Scaleway listing of the same zone that feeds the same table, if any (Instance vs Block Storage).
    public static func sibling(of resource: String) -> String? {
        switch resource {
        case "volumes": "block_volumes"
        case "block_volumes": "volumes"
        case "snapshots": "block_snapshots"
        case "block_snapshots": "snapshots"
        default: nil
        }
    }
}
