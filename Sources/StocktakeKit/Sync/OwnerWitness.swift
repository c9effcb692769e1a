/// What one account's listings say about whose resources they are, gathered
/// while its scopes are read, so that no scope applies a listing from another
/// owner (a credential of the wrong organisation or user).
///
/// A listing that names owners is judged on its own. An empty listing names
/// none: it waits until another listing of the account confirms the known
/// owner, names another, or every listing has been read without naming any.
actor OwnerWitness {
    /// The owner the inventory knows for the account; nil before its first sync.
    let known: String?
    private var pending: Int
    private var confirmed = false
    private var other: String?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(known: String?, scopes: Int) {
        self.known = known
        pending = scopes
    }

    /// The verdict on a scope's listing.
    enum Verdict: Equatable {
        /// Apply; `owner` is what to remember for the account (nil: nothing new learnt).
        case apply(owner: String?)
        /// Another owner than the known one: apply nothing.
        case otherOwner(String)
    }

    /// Records what a scope's listing named and judges it; `hadResources` says
    /// whether the scope holds live resources now (an empty listing would delete them).
    func judge(owners: Set<String>, hadResources: Bool) async -> Verdict {
        observe(owners)
        finishedReading()
        guard let known else { return .apply(owner: owners.count == 1 ? owners.first : nil) }
        if !owners.isEmpty {
            return owners == [known] ? .apply(owner: nil) : .otherOwner(owners.subtracting([known]).sorted().joined(separator: ", "))
        }
        guard hadResources else { return .apply(owner: nil) }
        while !confirmed, other == nil, pending > 0 {
            await withCheckedContinuation { waiters.append($0) }
        }
        if let other, !confirmed { return .otherOwner(other) }
        return .apply(owner: nil)
    }

    /// A scope that failed before it was judged still counts as read.
    func abandon() {
        finishedReading()
    }

    private func observe(_ owners: Set<String>) {
        guard let known, !owners.isEmpty else { return }
        if owners.contains(known) { confirmed = true } else { other = owners.sorted().first }
        wake()
    }

    private func finishedReading() {
        pending -= 1
        wake()
    }

    private func wake() {
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}
