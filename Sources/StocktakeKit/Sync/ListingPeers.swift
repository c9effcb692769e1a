import Synchronization

/// The ids each listing of one account's run returned, by the table its rows go
/// to, and whether it is still being read.
///
/// One object can sit in two listings of a run: a zone's listing that also
/// returns another zone's IP, or a volume (and its snapshots) that Scaleway
/// migrates from the Instance to the Block Storage listing with its id kept.
/// Before a listing deletes a row it no longer returns, or moves to itself a row
/// that another listing held, it asks its peers here, so that the verdict does
/// not depend on which listing is applied first: a row another listing of the
/// run holds is never deleted, and a row its own listing still holds is not moved.
/// While another listing of the table failed before it was read to the end (it may
/// hold the row), a row is not deleted either: the next sync decides. A listing
/// the credentials may not read at all (403) holds nothing, so it withholds nothing.
final class ListingPeers: Sendable {
    private struct Listing {
        let table: String
        let zone: String
        let name: String
        /// Hashes of the ids read so far (every attempt's: a re-read only adds).
        var ids: Set<Int> = []
        var reading = true
        /// Read to the end (whether or not it then applied).
        var complete = false
        /// Refused (403): it holds nothing these credentials can see.
        var forbidden = false
    }

    private struct State {
        var listings: [Listing]
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    /// One listing per scope, in the order of `scopes` (a scope's index names it).
    init(scopes: [SyncScope]) {
        state = Mutex(State(listings: scopes.map {
            Listing(table: ResourceTableSpec.forKind($0.kind).table, zone: $0.zone, name: $0.listingName)
        }))
    }

    /// Records ids a page of the scope's listing returned.
    func hold(_ ids: [String?], scope: Int) {
        state.withLock { state in
            for case let id? in ids { state.listings[scope].ids.insert(id.hashValue) }
        }
    }

    /// The scope's listing was read to the end (`complete`), or failed (refused with 403: `forbidden`):
    /// what it held is all it will hold. Calling it again changes nothing.
    func finishedReading(scope: Int, complete: Bool, forbidden: Bool = false) {
        let waiting = state.withLock { state in
            guard state.listings[scope].reading else { return [CheckedContinuation<Void, Never>]() }
            state.listings[scope].reading = false
            state.listings[scope].complete = complete
            state.listings[scope].forbidden = forbidden
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Waits until no other listing of the scope's table is being read.
    func waitForPeers(of scope: Int) async {
        while !state.withLock({ Self.settled(scope, in: $0) }) {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if Self.settled(scope, in: state) { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    private static func settled(_ scope: Int, in state: State) -> Bool {
        peers(of: scope, in: state).allSatisfy { !$0.reading }
    }

    /// What to do with the rows a scope's apply would delete or move into it.
    enum Decision: Equatable {
        /// A peer that may hold some of them is still being read.
        case waitForPeers
        /// Apply, leaving out `kept` (deletions a peer's listing holds: that one
        /// moves them), `withheld` (deletions a failed peer may hold) and
        /// `contested` (moves whose own listing still holds them).
        case proceed(kept: Set<String>, withheld: Set<String>, contested: Set<String>)
    }

    /// Decides on `deletions` (rows of the scope's own listing it did not return)
    /// and `moves` (rows it returned that another listing held: id, that one's zone and name).
    func decide(scope: Int, deletions: [String], moves: [(id: String, zone: String, listing: String)]) -> Decision {
        state.withLock { state in
            let peers = Self.peers(of: scope, in: state)
            var kept: Set<String> = []
            var withheld: Set<String> = []
            var contested: Set<String> = []
            let unknown = peers.contains { !$0.complete && !$0.forbidden }
            for id in deletions {
                let hash = id.hashValue
                if peers.contains(where: { $0.ids.contains(hash) }) {
                    kept.insert(id)
                } else if peers.contains(where: \.reading) {
                    return .waitForPeers
                } else if unknown {
                    withheld.insert(id)
                }
            }
            for move in moves {
                guard let home = peers.first(where: { $0.zone == move.zone && $0.name == move.listing }) else { continue }
                if home.ids.contains(move.id.hashValue) {
                    contested.insert(move.id)
                } else if home.reading {
                    return .waitForPeers
                }
            }
            return .proceed(kept: kept, withheld: withheld, contested: contested)
        }
    }

    private static func peers(of scope: Int, in state: State) -> [Listing] {
        let own = state.listings[scope]
        return state.listings.indices.filter { $0 != scope && state.listings[$0].table == own.table }.map { state.listings[$0] }
    }
}
