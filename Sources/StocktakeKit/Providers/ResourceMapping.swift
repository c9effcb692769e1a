/// What every listing of one account shares on the way to rows: which field is the id, whose the
/// objects are, the CloudSigma tag names, and the seed of the objects' wire fingerprints. Each
/// kind's own mapping is in its declaration (`KindDeclaration`).
struct ResourceMapping: Sendable {
    let provider: Provider
    /// CloudSigma tag uuid to name, from the account's `tags/` listing.
    let tagNames: [String: String]
    let fingerprintSeed: UInt64

    init(provider: Provider, tagNames: [String: String] = [:]) {
        self.provider = provider
        self.tagNames = tagNames
        let providerSalt: UInt64
        switch provider {
        case .scaleway: providerSalt = 0x5C
        case .cloudsigma: providerSalt = 0xC5
        }
        fingerprintSeed = WireFingerprint.seed(tagNames) &+ providerSalt
    }

    func id(of object: WireValue) -> String? {
        object.string(provider.idKey)
    }

    /// Whose resource the object is: Scaleway's `organization` (one key may see
    /// several projects of it), CloudSigma's `owner` user. Block Storage volumes
    /// name only their `project_id`: they name no owner, and their listing is
    /// judged by the account's other listings, as an empty one is.
    func owner(of object: WireValue) -> String? {
        switch provider {
        case .scaleway: return object.string("organization")
        case .cloudsigma: return object.reference("owner")
        }
    }

    func fingerprint(_ object: WireValue) -> Int64 {
        WireFingerprint.hash(object, seed: fingerprintSeed)
    }
}
