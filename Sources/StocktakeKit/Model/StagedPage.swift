/// One listing page sorted for staging: objects whose wire fingerprint equals
/// the stored one (nothing about them is mapped), and the mapped rows of the rest.
struct StagedPage<Row: Sendable>: Sendable {
    /// A mapped row and its object's wire fingerprint.
    var changed: [(row: Row, wireHash: Int64)] = []
    var unchanged: [UnchangedResource] = []
    /// Content hashes the inventory holds for the page's live resources.
    var storedContentHashes: [String: Int64] = [:]

    /// Sorts `objects` (with their `ids`): an object whose fingerprint equals the
    /// stored one is unchanged and is not mapped; the others are mapped with `map`.
    init(
        _ objects: [WireValue], ids: [String?], stored: [String: StoredHashes], mapping: ResourceMapping,
        map: (WireValue) -> Row?, runtime: (WireValue) -> String?
    ) {
        storedContentHashes = stored.mapValues(\.content)
        for (object, id) in zip(objects, ids) {
            guard let id else { continue }
            let wireHash = mapping.fingerprint(object)
            if let known = stored[id], known.wire == wireHash {
                unchanged.append(UnchangedResource(id: id, contentHash: known.content, wireHash: wireHash,
                                                   runtime: runtime(object)))
            } else if let row = map(object) {
                changed.append((row, wireHash))
            }
        }
    }

    init() {}
}

/// A resource whose object came back as it was: staged as id and hashes only.
struct UnchangedResource: Sendable {
    var id: String
    var contentHash: Int64
    var wireHash: Int64
    var runtime: String?
}

/// What the inventory holds to tell whether a resource changed.
struct StoredHashes: Sendable {
    var content: Int64
    /// NULL for rows written before fingerprints were kept.
    var wire: Int64?
}
