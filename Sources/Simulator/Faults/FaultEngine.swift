/// Decides which fault, if any, a request gets. Not thread-safe: lives inside
/// the simulator's locked state.
struct FaultEngine: Sendable {
    private var rules: [FaultRule] = []
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed, salts: 0xFA17)
    }

    var activeRules: [FaultRule] { rules }

    mutating func add(_ rule: FaultRule) {
        rules.append(rule)
    }

    mutating func clear() {
        rules.removeAll()
    }

    /// The first matching rule that fires for this request; counts are consumed.
    mutating func fault(for request: APIRequest) -> FaultRule? {
        for index in rules.indices where rules[index].matches(request) {
            if let after = rules[index].after, after > 0 {
                rules[index].after = after - 1
                continue
            }
            let rule = rules[index]
            if let fraction = rule.fraction, !random.chance(fraction) { continue }
            if let count = rule.count {
                if count <= 1 {
                    rules.remove(at: index)
                } else {
                    rules[index].count = count - 1
                }
            }
            return rule
        }
        return nil
    }
}
