/// What a reliability run did and found. Every count of harm must be 0.
public struct ReliabilityTally: Codable, Sendable {
    /// Soak: faulted sync cycles, and the faults the simulator fired, by kind.
    public var cycles = 0
    public var faultsByKind: [String: Int] = [:]
    /// Kill: syncs killed with SIGKILL, and the scopes found whole (all before or all after) after each.
    public var kills = 0
    public var scopesChecked = 0
    public var scopesWhole = 0
    /// Mutation: lying listings served, by lie, and how many scopes they failed.
    public var mutations = 0
    public var mutationsByLie: [String: Int] = [:]
    public var scopesFailedByLies = 0
    /// Listing mix: disagreeing listings served, by kind, and the moves the syncs recorded.
    public var mixes = 0
    public var mixesByKind: [String: Int] = [:]
    public var movesRecorded = 0
    /// Readers: syncs started together with reader processes, and the readers run.
    public var readerCycles = 0
    public var readersRun = 0
    /// Syncs run in all (faulted, killed, settling).
    public var syncs = 0

    /// Harm: rows that differ from the truth after a settling sync (wrong, missing or extra).
    public var wrongRows = 0
    /// Harm: resources a sync marked deleted that still existed.
    public var wronglyDeleted = 0
    /// Harm: `PRAGMA integrity_check` not ok, or a scope left half applied, or a sync that did not end.
    public var integrityFailures = 0
    public var tornScopes = 0
    /// What went wrong, one line each (empty when nothing did).
    public var problems: [String] = []

    public init() {}

    /// Counts each of `scopes` whole when its rows in `now` are all of `before` or all of `after`
    /// (a killed sync applies a scope entirely or not at all), torn otherwise; `label` names the moment.
    mutating func checkWhole(
        _ scopes: [(account: String, zone: String, rows: KeyPath<ExpectedInventory, Set<String>>, listing: String?)],
        now: ExpectedInventory, before: ExpectedInventory, after: ExpectedInventory, label: String
    ) {
        for scope in scopes {
            scopesChecked += 1
            let rows = { (inventory: ExpectedInventory) in
                inventory.scope(scope.rows, account: scope.account, zone: scope.zone, listing: scope.listing)
            }
            if rows(now) == rows(before) || rows(now) == rows(after) {
                scopesWhole += 1
            } else {
                tornScopes += 1
                problems.append("\(label): scope \(scope.account) \(scope.zone) \(scope.listing ?? "") is neither before nor after")
            }
        }
    }

    /// True when nothing was lost, wrong or torn.
    public var isClean: Bool {
        wrongRows == 0 && wronglyDeleted == 0 && integrityFailures == 0 && tornScopes == 0 && problems.isEmpty
    }

    /// Adds another mode's tally to this one.
    public mutating func add(_ other: ReliabilityTally) {
        cycles += other.cycles
        faultsByKind.merge(other.faultsByKind, uniquingKeysWith: +)
        kills += other.kills
        scopesChecked += other.scopesChecked
        scopesWhole += other.scopesWhole
        mutations += other.mutations
        mutationsByLie.merge(other.mutationsByLie, uniquingKeysWith: +)
        scopesFailedByLies += other.scopesFailedByLies
        mixes += other.mixes
        mixesByKind.merge(other.mixesByKind, uniquingKeysWith: +)
        movesRecorded += other.movesRecorded
        readerCycles += other.readerCycles
        readersRun += other.readersRun
        syncs += other.syncs
        wrongRows += other.wrongRows
        wronglyDeleted += other.wronglyDeleted
        integrityFailures += other.integrityFailures
        tornScopes += other.tornScopes
        problems += other.problems
    }

    /// A few lines for people.
    public var summary: String {
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = [
            "soak: \(cycles) faulted cycles; faults fired: \(list(faultsByKind))",
            "kill: \(kills) syncs killed; scopes whole \(scopesWhole) of \(scopesChecked)",
            "mutation: \(mutations) lying listings (\(scopesFailedByLies) scopes refused them); lies: \(list(mutationsByLie))",
            "listing mix: \(mixes) disagreeing listings (\(movesRecorded) moves recorded); kinds: \(list(mixesByKind))",
            "readers: \(readerCycles) syncs started with readers, \(readersRun) reader runs",
            "harm: \(wrongRows) wrong, missing or extra rows; \(wronglyDeleted) wrongly deleted; \(tornScopes) torn scopes; \(integrityFailures) integrity failures (\(syncs) syncs)",
        ]
        lines += problems.prefix(20).map { "problem: \($0)" }
        return lines.joined(separator: "\n")
    }
}
