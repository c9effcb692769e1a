/// How one account's objects become rows: which field is the id, the
/// provider's mapping, the runtime values an unchanged server still carries,
/// and the seed of its objects' wire fingerprints.
struct ResourceMapping: Sendable {
    let provider: Provider
    /// CloudSigma tag uuid to name, from the account's `tags/` listing.
    let tagNames: [String: String]
    let fingerprintSeed: UInt64

    init(provider: Provider, tagNames: [String: String] = [:]) {
        self.provider = provider
        self.tagNames = tagNames
        fingerprintSeed = WireFingerprint.seed(tagNames) &+ (provider == .scaleway ? 0x5C : 0xC5)
    }

    func id(of object: WireValue) -> String? {
        provider == .scaleway ? object.string("id") : object.string("uuid")
    }

    /// Whose resource the object is: Scaleway's `organization` (one key may see
    /// several projects of it), CloudSigma's `owner` user.
    func owner(of object: WireValue) -> String? {
        switch provider {
        case .scaleway: return object.string("organization")
        case .cloudsigma: return object.reference("owner")
        }
    }

    func server(_ object: WireValue) -> ServerRow? {
        provider == .scaleway ? ScalewayMapping.server(object) : CloudSigmaMapping.server(object, tagNames: tagNames)
    }

    func drive(_ object: WireValue) -> DriveRow? {
        provider == .scaleway ? ScalewayMapping.volume(object) : CloudSigmaMapping.drive(object, tagNames: tagNames)
    }

    /// The volatile runtime column a server keeps even when nothing else changed.
    func runtime(of object: WireValue) -> String? {
        provider == .cloudsigma ? RawSanitizer.runtime(object) : nil
    }

    func fingerprint(_ object: WireValue) -> Int64 {
        WireFingerprint.hash(object, seed: fingerprintSeed)
    }
}
