/// The simulator's record of one CloudSigma snapshot (`/api/2.0/snapshots/`): of a drive, which may be deleted since.
public struct CloudSigmaSnapshot: Codable, Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var driveUUID: String
    public var status: String
    public var allocatedSize: Int64
    /// As the API writes it: a space, not a `T`, between date and time.
    public var timestamp: String
}
