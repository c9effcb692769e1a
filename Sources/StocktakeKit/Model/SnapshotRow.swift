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

    var columnValues: [DatabaseCell] {
        [.text(name), .integer(sizeBytes), .text(status), .text(providerStatus), .text(volumeID), .text(volumeType),
         .text(createdAt), .text(modifiedAt)]
    }

    var children: [(table: ChildTableSpec, rows: [[DatabaseCell]])] {
        [(.snapshotTags, tags.map { [.text($0)] })]
    }
}
