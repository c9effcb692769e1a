/// A snapshot, normalized: one row of `snapshots` plus its tags.
public struct SnapshotRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var sizeBytes: Int64?
    /// available or other.
    public var status: String
    public var providerStatus: String?
    /// The volume or drive it was taken from, as the snapshot names it.
    public var volumeID: String?
    /// The source's volume type (Instance) or storage class (Block Storage).
    public var volumeType: String?
    public var createdAt: String?
    public var modifiedAt: String?
    public var raw: String
    public var tags: [String]
}

extension SnapshotRow: StagedRow {
    /// Snapshots carry no volatile runtime values.
    var runtime: String? { nil }

    static let columns: [RowColumn<SnapshotRow>] = [
        .text("name") { $0.name }, .integer("size_bytes") { $0.sizeBytes }, .text("status") { $0.status },
        .text("provider_status") { $0.providerStatus }, .text("volume_id") { $0.volumeID },
        .text("volume_type") { $0.volumeType }, .text("created_at") { $0.createdAt }, .text("modified_at") { $0.modifiedAt },
    ]

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.snapshotTags, tags.map { [.text($0)] })]
    }
}
