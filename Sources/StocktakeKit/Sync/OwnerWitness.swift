/// What one account's listings say about whose resources they are, gathered
/// while its scopes are read, so that no scope applies a listing from another
/// owner (a credential of the wrong organisation or user).
///
/// The owners an account is known by are a set (one Scaleway key may list the
/// resources of more than one organization; a real recording does), kept as
/// their sorted names joined by commas. The verdicts do not depend on which
/// listing finishes first:
/// - With known owners, a listing that names only them applies at once; one that
///   names another owner fails. A listing that names no owner (an empty one, or
///   Block Storage volumes, which carry only a project) and would delete what the
///   scope holds waits until every listing of the account was read, and applies
///   only if none of them named another owner.
/// - With none known (a first sync, or `--accept-owner-change`), every listing
///   waits until all were read, and the owners they name together are learnt.
actor OwnerWitness {
    /// The owners the inventory knows for the account; nil before its first sync.
    let known: Set<String>?
    private var pending: Int
    /// Every owner the account's listings named (read to the end or not).
    private var named: Set<String> = []
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// `known` as stored: owner names joined by commas, or nil.
    init(known: String?, scopes: Int) {
        self.known = known.map { Set($0.split(separator: ",").map(String.init)) }
        pending = scopes
    }

    /// Owner names as the accounts table keeps them.
    static func stored(_ owners: Set<String>) -> String? {
        owners.isEmpty ? nil : owners.sorted().joined(separator: ",")
    }

    /// The verdict on a scope's listing.
    enum Verdict: Equatable {
        /// Apply; `owners` is what to remember for the account (nil: nothing new learnt).
        case apply(owners: String?)
        /// Owners other than the known ones: apply nothing.
        case otherOwner(String)
    }

    /// Records what a scope's listing named and judges it; `hadResources` says
    /// whether the scope holds live resources now (an empty listing would delete them).
    func judge(owners: Set<String>, hadResources: Bool) async -> Verdict {
        named.formUnion(owners)
        finishedReading()
        guard let known else {
            while pending > 0 { await nextListing() }
            return .apply(owners: Self.stored(named))
        }
        if !owners.isEmpty {
            let others = owners.subtracting(known)
            return others.isEmpty ? .apply(owners: nil) : .otherOwner(others.sorted().joined(separator: ", "))
        }
        guard hadResources else { return .apply(owners: nil) }
        while named.isSubset(of: known), pending > 0 { await nextListing() }
        let others = named.subtracting(known)
        return others.isEmpty ? .apply(owners: nil) : .otherOwner(others.sorted().joined(separator: ", "))
    }

    /// A scope that failed before it was judged still counts as read, and what its
    /// pages named still counts as evidence.
    func abandon(owners: Set<String>) {
        named.formUnion(owners)
        finishedReading()
    }

    private func nextListing() async {
        await withCheckedContinuation { waiters.append($0) }
    }

    private func finishedReading() {
        pending -= 1
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}
