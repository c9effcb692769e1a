/// The simulator's record of one Scaleway Block Storage volume (`/block/v1/zones/{zone}/volumes`).
///
/// Its attachment is its `references`: the server that holds it (which lists
/// it in its `volumes` map as an `sbs_volume`), or a server no listing of the
/// account returns. As the real API does, the two sides do not always agree
/// word for word: a volume may be `in_use` with no reference, or `creating`
/// while attached, and the server's `sbs_volume` entry always says `available`.
public struct BlockVolume: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var zone: String
    public var project: String
    public var size: Int64
    /// `sbs_5k` or `sbs_15k`.
    public var type: String
    /// `available`, `in_use`, `creating`, `updating` or `error`.
    public var status: String
    /// The listed server it is attached to, or nil.
    public var serverID: String?
    /// A server outside the account's listings that the volume's reference names.
    public var foreignServerID: String? = nil
    public var parentSnapshotID: String?
    public var createdAt: String
    public var updatedAt: String
    public var lastDetachedAt: String?
    public var tags: [String]

    /// The server its reference names, listed or not.
    public var referencedServerID: String? {
        serverID ?? foreignServerID
    }

    /// Whether the volume's own side says it is attached: a reference, or `in_use`.
    public var claimsAttachment: Bool {
        referencedServerID != nil || status == "in_use"
    }
}
