/// The simulator's record of one Scaleway snapshot: of an Instance volume (`/instance/v1/.../snapshots`)
/// or of a Block Storage volume (`/block/v1/.../snapshots`). The volume may be deleted since: the
/// snapshot stays and still names it, as on the real API.
public struct ScalewaySnapshot: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var zone: String
    public var organization: String
    public var project: String
    public var size: Int64
    public var volumeID: String
    public var volumeName: String
    /// The volume's type: l_ssd, b_ssd (Instance) or sbs_5k, sbs_15k (Block Storage).
    public var volumeType: String
    /// `available`, or `snapshotting` / `creating` for a few.
    public var state: String
    public var createdAt: String
    public var tags: [String]
}
