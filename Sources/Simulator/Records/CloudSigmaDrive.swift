/// The simulator's record of one CloudSigma drive.
public struct CloudSigmaDrive: Codable, Sendable, Equatable {
    public var uuid: String
    public var name: String
    public var status: String
    public var size: Int64
    public var media: String
    public var storageType: String
    public var allowMultimount: Bool
    public var licenses: [String]
    /// Tag uuids, as the API references them.
    public var tags: [String]
    public var meta: [String: String]
    /// Servers the drive is attached to, in attachment order.
    public var mountedOn: [String]
    /// Servers outside the account's listing that `mounted_on` also names (another account's
    /// servers, or an API whose two sides disagree); the drive is `mounted` while there are any.
    public var foreignMounts: [String] = []

    /// `mounted` while any server, listed or not, holds the drive.
    var attachedStatus: String {
        mountedOn.isEmpty && foreignMounts.isEmpty ? "unmounted" : "mounted"
    }
}

/// A CloudSigma tag: tags are objects of their own that servers and drives reference.
public struct CloudSigmaTag: Codable, Sendable, Equatable {
    public var uuid: String
    public var name: String
}
