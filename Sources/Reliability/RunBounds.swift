/// How far one reliability run goes: at most `count` cycles (faulted syncs,
/// kills or lies) and `seconds`, drawing every random choice from `seed`.
public struct RunBounds: Sendable {
    public var count: Int
    public var seconds: Double
    public var seed: UInt64

    public init(count: Int, seconds: Double, seed: UInt64) {
        self.count = count
        self.seconds = seconds
        self.seed = seed
    }

    /// When the run must stop, counted from now.
    func deadline() -> ContinuousClock.Instant {
        .now + .milliseconds(Int(seconds * 1000))
    }
}
