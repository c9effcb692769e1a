/// A few object keys compared as UTF-8 bytes against a parsed document's keys,
/// without making a String per key.
struct ByteKeySet: Sendable {
    let strings: Set<String>
    private let keys: [[UInt8]]

    init(_ strings: Set<String>) {
        self.strings = strings
        keys = strings.map { Array($0.utf8) }
    }

    func contains<Bytes: Collection<UInt8>>(_ key: Bytes) -> Bool {
        keys.contains { $0.count == key.count && $0.elementsEqual(key) }
    }
}
