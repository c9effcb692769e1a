/// Records kept in listing order with lookup by id.
///
/// Deletions only remove the id from the index; `compact()` drops the stale
/// ids from the order in one pass, so a batch of deletions costs one sweep. An id
/// added again while its old place is still in the order (a CloudSigma IP's address
/// given back and reserved again) compacts first, so that it is listed once.
struct OrderedRecords<Record: Sendable>: Sendable {
    private(set) var byID: [String: Record] = [:]
    private var order: [String] = []
    private var staleIDs: Set<String> = []
    private var hasStaleIDs: Bool { !staleIDs.isEmpty }

    var count: Int { byID.count }
    var isEmpty: Bool { byID.isEmpty }

    /// The live ids in listing order.
    var ids: [String] {
        hasStaleIDs ? order.filter { byID[$0] != nil } : order
    }

    /// The live records in listing order.
    var records: [Record] {
        ids.compactMap { byID[$0] }
    }

    subscript(id: String) -> Record? {
        byID[id]
    }

    mutating func append(_ record: Record, id: String) {
        if staleIDs.contains(id) { compact() }
        byID[id] = record
        order.append(id)
    }

    /// Puts a new record at the head of the listing (shifts every offset by one).
    mutating func insertFirst(_ record: Record, id: String) {
        compact()
        byID[id] = record
        order.insert(id, at: 0)
    }

    /// Adds a new record at the tail of the listing, or at its head when `first`.
    mutating func add(_ record: Record, id: String, first: Bool) {
        if first {
            insertFirst(record, id: id)
        } else {
            append(record, id: id)
        }
    }

    mutating func update(_ id: String, _ body: (inout Record) -> Void) {
        guard var record = byID[id] else { return }
        body(&record)
        byID[id] = record
    }

    @discardableResult
    mutating func remove(_ id: String) -> Record? {
        guard let record = byID.removeValue(forKey: id) else { return nil }
        staleIDs.insert(id)
        return record
    }

    mutating func compact() {
        guard hasStaleIDs else { return }
        order = order.filter { byID[$0] != nil }
        staleIDs.removeAll()
    }
}
