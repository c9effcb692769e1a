import Foundation
import PropertyBased
import Reliability
@testable import StocktakeKit
import Testing

/// The parser accepts exactly RFC 8259 JSON, so that nothing it keeps in `raw`
/// breaks SQLite's `json_extract`, and it is never more lenient than Foundation.
@Suite("JSON per RFC 8259, differentially against Foundation")
struct JSONStrictnessTests {
    @Test("Numbers, escapes and bytes that are not JSON are refused", arguments: [
        "1.2.3", "1-2", "01", "-01", "1.", ".5", "+1", "1e", "1e+", "0x10", "1.e3", "--1", "Infinity", "NaN",
        #""\x""#, #""\u12""#, #""\u12g4""#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""a\"#,
    ])
    func refusedText(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: text) }
    }

    @Test("Bytes that are not UTF-8 are refused inside strings", arguments: [
        [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xF0, 0x80, 0x80, 0x80],
    ] as [[UInt8]])
    func refusedBytes(bytes: [UInt8]) {
        let text = [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: text) }
    }

    @Test("Valid edge cases are accepted", arguments: [
        "-0", "0.5e-3", "1E+2", "-1.25e10", #""\u00e9\ud83d\ude00""#, "\"é😀\"", "[]", "{}", " [ 1 , { \"a\" : null } ] ",
    ])
    func acceptedText(text: String) throws {
        let document = try JSONDocument(parsing: text)
        #expect(!document.nodes.isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) is NSObject)
    }

    @Test("Every recorded real response that Foundation reads, the strict parser reads too",
          .enabled(if: Recordings.enabled, Recordings.skipReason))
    func recordedResponses() throws {
        let files = FileManager.default.enumerator(at: Recordings.root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        #expect(files.count > 100, "the recordings are there")
        var read = 0
        for file in files {
            let data = try Data(contentsOf: file)
            guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else { continue }
            #expect(throws: Never.self, "\(file.path)") { _ = try JSONDocument(parsing: Array(data)) }
            read += 1
        }
        #expect(read > 100)
    }

    @Test("Generated documents: accepted, and the canonical form means what Foundation reads")
    func generatedDocuments() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
            var generator = DocumentGenerator(seed: UInt64(seed))
            let value = generator.value(depth: 0)
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return }
            let text = String(decoding: data, as: UTF8.self)
            let parsed = try? WireValue(json: text)
            #expect(parsed != nil, "refused valid JSON: \(text)")
            guard let parsed else { return }
            let canonical = CanonicalJSON.serialize(parsed, skipping: [], skippingInRuntime: [])
            let original = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? NSObject
            let reread = try? JSONSerialization.jsonObject(with: Data(canonical.utf8), options: [.fragmentsAllowed]) as? NSObject
            #expect(original != nil && original == reread, "\(text) -> \(canonical)")
        }
    }

    @Test("Mutated documents: whatever the parser accepts, Foundation accepts too")
    func mutatedDocuments() async {
        await propertyCheck(count: 2000, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...4)) { seed, edits in
            var generator = DocumentGenerator(seed: UInt64(seed))
            let value = generator.value(depth: 0)
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) else { return }
            var bytes = Array(data)
            for _ in 0..<edits { generator.mutate(&bytes) }
            let document = try? JSONDocument(parsing: bytes)
            let foundation = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
            // The one difference allowed: RFC 8259 grammar lets a number's exponent overflow a Double
            // (SQLite reads it as infinity); Foundation refuses such a number.
            let overflows = document.map(Self.hasOverflowingNumber) ?? false
            if document != nil, !overflows {
                #expect(foundation, "accepted what Foundation refuses: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }
}

extension JSONStrictnessTests {
    static func hasOverflowingNumber(_ document: JSONDocument) -> Bool {
        document.nodes.indices.contains { index in
            [.integer, .decimal].contains(document.nodes[index].kind)
                && Double(document.text(at: index)).map { !$0.isFinite || ($0 == 0 && document.text(at: index).contains("e")) } ?? true
        }
    }
}

/// Random JSON-shaped values and byte edits, from a seed.
struct DocumentGenerator {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        random.next()
    }

    mutating func below(_ bound: Int) -> Int {
        random.below(bound)
    }

    mutating func value(depth: Int) -> Any {
        switch below(depth > 3 ? 5 : 7) {
        case 0: return NSNull()
        case 1: return below(2) == 0
        case 2: return Int64(bitPattern: next()) >> UInt64(below(63))
        case 3: return Double(Int64(bitPattern: next()) >> 20) / Double(1 << below(30))
        case 4: return string()
        case 5: return (0..<below(5)).map { _ in value(depth: depth + 1) }
        default:
            var object: [String: Any] = [:]
            for _ in 0..<below(5) { object[string()] = value(depth: depth + 1) }
            return object
        }
    }

    mutating func string() -> String {
        let pieces = ["a", "id", "é", "😀", "\"", "\\", "/", "\n", "\u{1}", " ", "uuid", "\u{2028}", "0"]
        return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
    }

    /// Deletes, inserts or replaces one byte, from an alphabet of JSON's own characters.
    mutating func mutate(_ bytes: inout [UInt8]) {
        let alphabet = Array("{}[]\":,.-+eE0123456789\\u ntfalsr".utf8) + [0xFF, 0xC3, 0xA9, 0x00]
        let position = bytes.isEmpty ? 0 : below(bytes.count)
        switch below(3) {
        case 0 where !bytes.isEmpty: bytes.remove(at: position)
        case 1: bytes.insert(alphabet[below(alphabet.count)], at: position)
        default:
            if bytes.isEmpty { bytes.append(alphabet[below(alphabet.count)]) } else { bytes[position] = alphabet[below(alphabet.count)] }
        }
    }
}
