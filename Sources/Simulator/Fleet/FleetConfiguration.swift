/// What fleet the simulator generates: sizes, seed and where it lives.
public struct FleetConfiguration: Sendable, Codable, Equatable {
    /// Every Scaleway zone the real API knows.
    public static let knownZones = [
        "fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1", "nl-ams-2", "nl-ams-3", "pl-waw-1", "pl-waw-2", "pl-waw-3",
    ]

    /// Seed of every random choice; the same configuration gives the same fleet.
    public var seed: UInt64
    /// Servers in all: half (rounded up) on Scaleway spread over `zones`, the rest on CloudSigma.
    public var servers: Int
    /// Drives and volumes in all: half (rounded up) Scaleway volumes (of those, half rounded
    /// down are Block Storage volumes, the rest Instance volumes), the rest CloudSigma drives.
    public var drives: Int
    /// Scaleway zones that hold resources; other known zones list empty.
    public var zones: [String]
    /// The CloudSigma location served under `/api/2.0/`.
    public var location: String

    public init(
        seed: UInt64 = 1, servers: Int = 60, drives: Int = 120, zones: [String] = ["fr-par-1", "nl-ams-1"],
        location: String = "zrh"
    ) {
        self.seed = seed
        self.servers = servers
        self.drives = drives
        self.zones = zones
        self.location = location
    }

    var scalewayServerCount: Int { servers - servers / 2 }
    var cloudSigmaServerCount: Int { servers / 2 }
    var scalewayVolumeCount: Int { drives - drives / 2 }
    var blockVolumeCount: Int { scalewayVolumeCount / 2 }
    var instanceVolumeCount: Int { scalewayVolumeCount - blockVolumeCount }
    var cloudSigmaDriveCount: Int { drives / 2 }

    /// Throws when a size is negative, a zone is unknown or listed twice, or there is no zone.
    public func validate() throws(SimulatorError) {
        guard servers >= 0, drives >= 0 else {
            throw .invalidConfiguration("--servers and --drives must be 0 or more (got \(servers) and \(drives))")
        }
        guard !zones.isEmpty else {
            throw .invalidConfiguration("--zones needs at least one Scaleway zone, for example fr-par-1")
        }
        for zone in zones where !Self.knownZones.contains(zone) {
            throw .invalidConfiguration(
                "unknown Scaleway zone '\(zone)'; known zones: \(Self.knownZones.joined(separator: ", "))")
        }
        guard Set(zones).count == zones.count else {
            throw .invalidConfiguration("--zones lists a zone twice: \(zones.joined(separator: ","))")
        }
        guard !location.isEmpty, location.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw .invalidConfiguration("--location must be a name like zrh (got '\(location)')")
        }
    }
}
