import Synchronization

/// The owners a listing's pages named, gathered from the pages' concurrent tasks.
final class OwnerSet: Sendable {
    private let owners = Mutex<Set<String>>([])

    func insert(_ names: [String]) {
        guard !names.isEmpty else { return }
        owners.withLock { $0.formUnion(names) }
    }

    var all: Set<String> {
        owners.withLock { $0 }
    }

    var isEmpty: Bool {
        owners.withLock { $0.isEmpty }
    }
}
