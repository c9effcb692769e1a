/// The two kinds of Scaleway snapshot: of Instance volumes and of Block Storage volumes, each
/// with its own listing, volumes and wording.
enum ScalewaySnapshotFamily: CaseIterable, Sendable {
    case instance
    case block

    /// One family drawn at random, one in two, as the fleet has always drawn it (a seed gives the same fleet).
    static func drawn(_ random: inout SeededGenerator) -> ScalewaySnapshotFamily {
        random.chance(0.5) ? .block : .instance
    }

    var listing: SimulatedListing {
        switch self {
        case .instance: return .instanceSnapshots
        case .block: return .blockSnapshots
        }
    }

    /// The state a snapshot being taken shows.
    var creatingState: String {
        switch self {
        case .instance: return "snapshotting"
        case .block: return "creating"
        }
    }

    /// The fleet's snapshots of this family, by zone.
    var snapshots: WritableKeyPath<Fleet, [String: OrderedRecords<ScalewaySnapshot>]> {
        switch self {
        case .instance: return \.instanceSnapshots
        case .block: return \.blockSnapshots
        }
    }

    /// The ids of the volumes of `zone` a snapshot of this family can be taken of.
    func volumeIDs(zone: String, in fleet: Fleet) -> [String] {
        switch self {
        case .instance: return fleet.scalewayVolumes[zone]?.ids ?? []
        case .block: return fleet.blockVolumes[zone]?.ids ?? []
        }
    }

    /// What a snapshot of volume `id` copies: its name, size, type and project.
    func source(_ id: String, zone: String, in fleet: Fleet) -> (name: String, size: Int64, type: String, project: String)? {
        switch self {
        case .instance: return fleet.scalewayVolumes[zone]?[id].map { ($0.name, $0.size, $0.volumeType, $0.project) }
        case .block: return fleet.blockVolumes[zone]?[id].map { ($0.name, $0.size, $0.type, $0.project) }
        }
    }
}
