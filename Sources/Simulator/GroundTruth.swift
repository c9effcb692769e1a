/// Everything the simulator holds right now, and every change it has made.
///
/// Tests compare what a client built against this. Listing order is the
/// order the API returns.
public struct GroundTruth: Codable, Sendable, Equatable {
    public var epoch: Int
    public var location: String
    public var zones: [String]
    public var scalewayServers: [ScalewayServer]
    public var scalewayVolumes: [ScalewayVolume]
    /// Scaleway Block Storage volumes, zone by zone in listing order.
    public var blockVolumes: [BlockVolume]
    public var cloudSigmaServers: [CloudSigmaServer]
    public var cloudSigmaDrives: [CloudSigmaDrive]
    public var cloudSigmaTags: [CloudSigmaTag]
    /// Every change since epoch 0, oldest first.
    public var changes: [FleetChange]

    init(_ fleet: Fleet) {
        epoch = fleet.epoch
        location = fleet.location
        zones = fleet.zones
        scalewayServers = fleet.zones.flatMap { fleet.scalewayServers[$0]?.records ?? [] }
        scalewayVolumes = fleet.zones.flatMap { fleet.scalewayVolumes[$0]?.records ?? [] }
        blockVolumes = fleet.zones.flatMap { fleet.blockVolumes[$0]?.records ?? [] }
        cloudSigmaServers = fleet.sigmaServers.records
        cloudSigmaDrives = fleet.sigmaDrives.records
        cloudSigmaTags = fleet.sigmaTags
        changes = fleet.changeLog
    }

    /// The changes one epoch made.
    public func changes(inEpoch epoch: Int) -> [FleetChange] {
        changes.filter { $0.epoch == epoch }
    }
}
