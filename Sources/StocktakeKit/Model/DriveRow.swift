/// A CloudSigma drive or a Scaleway volume, normalized: one row of `drives` plus its tags.
public struct DriveRow: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var sizeBytes: Int64?
    /// disk or cdrom.
    public var media: String?
    public var storageType: String?
    /// mounted, unmounted or other.
    public var status: String
    public var providerStatus: String?
    public var allowMultimount: Bool?
    public var createdAt: String?
    public var modifiedAt: String?
    public var raw: String
    public var tags: [String]
}
