import Simulator

extension SimulatedProvider {
    /// A zone to aim a fault of this provider at: one of `zones` for Scaleway (none when `anyZone`
    /// comes up), none for CloudSigma's one location.
    func zone(_ random: inout SplitMix64, zones: [String], anyZone: Double = 0) -> String? {
        switch self {
        case .scaleway: return random.chance(anyZone) ? nil : random.pick(zones)
        case .cloudsigma: return nil
        }
    }
}
