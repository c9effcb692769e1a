import Synchronization

/// Live counts of a running sync, per account: pages and objects read, scopes
/// applied and failed out of all. The engine adds to it as pages arrive; a
/// terminal display reads `line` a few times a second.
public final class SyncProgress: Sendable {
    struct Account: Sendable {
        var pages = 0
        var objects = 0
        var applied = 0
        var failed = 0
        var scopes = 0
    }

    private let accounts = Mutex<[(name: String, counts: Account)]>([])

    public init() {}

    func begin(account: String, scopes: Int) {
        update(account) { $0.scopes = scopes }
    }

    func pageRead(account: String, objects: Int) {
        update(account) {
            $0.pages += 1
            $0.objects += objects
        }
    }

    func scopeFinished(account: String, applied: Bool) {
        update(account) { if applied { $0.applied += 1 } else { $0.failed += 1 } }
    }

    /// `scw-prod: 41 pages, 3,920 objects, 9/14 scopes | cs-zrh: ...` (failures named when there are some).
    public var line: String {
        accounts.withLock { accounts in
            accounts.map { name, counts in
                let failed = counts.failed > 0 ? ", \(counts.failed) failed" : ""
                return "\(name): \(counts.pages) pages, \(counts.objects) objects, \(counts.applied + counts.failed)/\(counts.scopes) scopes\(failed)"
            }.joined(separator: " | ")
        }
    }

    private func update(_ account: String, _ change: (inout Account) -> Void) {
        accounts.withLock { accounts in
            if let index = accounts.firstIndex(where: { $0.name == account }) {
                change(&accounts[index].counts)
            } else {
                var counts = Account()
                change(&counts)
                accounts.append((account, counts))
            }
        }
    }
}
