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

    func server(_ object: WireValue) -> ServerRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.server(object)
        case .cloudsigma: return CloudSigmaMapping.server(object, tagNames: tagNames)
        }
    }

    func drive(_ object: WireValue) -> DriveRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.volume(object)
        case .cloudsigma: return CloudSigmaMapping.drive(object, tagNames: tagNames)
        }
    }

    /// A Block Storage volume; only Scaleway has them.
    func blockVolume(_ object: WireValue) -> DriveRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.blockVolume(object)
        case .cloudsigma: return nil
        }
    }

    /// An IP address: a Scaleway flexible IP, a CloudSigma IP.
    func ip(_ object: WireValue) -> IPRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.ip(object)
        case .cloudsigma: return CloudSigmaMapping.ip(object, tagNames: tagNames)
        }
    }

    /// A security group; only Scaleway has them.
    func securityGroup(_ object: WireValue) -> SecurityGroupRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.securityGroup(object)
        case .cloudsigma: return nil
        }
    }

    /// A snapshot: Scaleway's (Instance and Block Storage), CloudSigma's of drives.
    func snapshot(_ object: WireValue) -> SnapshotRow? {
        switch provider {
        case .scaleway: return ScalewayMapping.snapshot(object)
        case .cloudsigma: return CloudSigmaMapping.snapshot(object, tagNames: tagNames)
        }
    }

    /// A network: a CloudSigma VLAN.
    func network(_ object: WireValue) -> NetworkRow? {
        switch provider {
        case .scaleway: return nil
        case .cloudsigma: return CloudSigmaMapping.vlan(object, tagNames: tagNames)
        }
    }

    /// The volatile runtime column a server keeps even when nothing else changed.
    func runtime(of object: WireValue) -> String? {
        switch provider {
        case .scaleway: return nil
        case .cloudsigma: return RawSanitizer.runtime(object)
        }
    }

    func fingerprint(_ object: WireValue) -> Int64 {
        WireFingerprint.hash(object, seed: fingerprintSeed)
    }
}
