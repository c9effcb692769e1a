import Foundation
@testable import StocktakeKit
import Testing

@Suite("The tape JSON parser and the canonical writer")
struct JSONDocumentTests {
    static let fixtures = ["cloudsigma-drives-detail", "cloudsigma-server-running", "scaleway-list-servers"]
        + (Recordings.enabled ? ["cloudsigma-servers-detail"] : [])

    static func canonical(_ text: String) throws -> String {
        CanonicalJSON.serialize(try WireValue(json: text), skipping: [], skippingInRuntime: [])
    }

    static func foundationObject(_ text: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test("Canonical text of the API documents means what the documents mean, keys sorted at every level", arguments: fixtures)
    func canonicalFixtures(name: String) throws {
        let text = try FixtureTransport.fixture(name)
        let canonical = try Self.canonical(text)
        // Given Foundation's own reading of both texts, When compared, Then they are the same value.
        #expect(try Self.foundationObject(canonical) == Self.foundationObject(text))
        #expect(try Self.canonical(canonical) == canonical)
        #expect(!canonical.contains("\n") && !canonical.hasPrefix("{ "))
        // Foundation writes the same object with keys in another order and other spacing.
        let reordered = try JSONSerialization.data(withJSONObject: Self.foundationObject(text), options: [.prettyPrinted])
        #expect(try Self.canonical(String(decoding: reordered, as: UTF8.self)) == canonical)
    }

    @Test("Escapes are decoded for reading and written back in one canonical form")
    func escapes() throws {
        let text = #"{"k\u0041": "line\nbreak \"q\" \u00e9 \ud83d\ude00 a\/b", "b": "plain é", "a": [1, 2.50, 3.0, -0.5e1, true, null]}"#
        let value = try WireValue(json: text)
        #expect(value.string("kA") == "line\nbreak \"q\" é 😀 a/b")
        #expect(value.string("b") == "plain é")
        #expect(try Self.canonical(text) == #"{"a":[1,2.5,3,-5,true,null],"b":"plain é","kA":"line\nbreak \"q\" é 😀 a/b"}"#)
    }

    @Test("Lenient reading: numbers as strings, strings as numbers, booleans in words, references as URIs")
    func lenientScalars() throws {
        let value = try WireValue(json: #"""
            {"n": "42", "f": 7.9, "s": 12, "b1": "yes", "b2": 0, "big": 1e300,
             "ref": "/api/2.0/drives/abc/", "obj": {"uuid": "u1"}, "list": [1, "x", {"id": "i"}, null]}
            """#)
        #expect(value.int("n") == 42 && value.int("f") == 7 && value.string("s") == "12")
        #expect(value.bool("b1") == true && value.bool("b2") == false && value.int("big") == nil)
        #expect(value.reference("ref") == "abc" && value.reference("obj") == "u1")
        #expect(value.elements("list").map(\.stringValue) == ["1", "x", nil, nil])
        #expect(value.objects("list").map { $0.string("id") } == ["i"])
        #expect(value.object("n") == nil && value["missing"] == nil && value.elements("n").isEmpty)
    }

    @Test("Secret keys are left out everywhere, volatile keys only inside runtime")
    func skipping() throws {
        let text = #"{"vnc_password": "s", "nics": [{"password": "p", "io": 1}], "runtime": {"io": {"x": 1}, "status": "up"}}"#
        let raw = CanonicalJSON.serialize(try WireValue(json: text), skipping: ["vnc_password", "password"],
                                          skippingInRuntime: ["io"])
        #expect(raw == #"{"nics":[{"io":1}],"runtime":{"status":"up"}}"#)
    }

    @Test("Text that is not one JSON value is refused with the byte where it went wrong",
          arguments: [("{\"a\": 1", 7), ("[1, 2] x", 7), ("{\"a\": \"tab\there\"}", 10), ("{\"a\" 1}", 5), ("nul", 0),
                      ("", 0), ("-", 1), ("{\"a\": [1,]}", 9)])
    func syntaxErrors(text: String, offset: Int) {
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: text) }
        do {
            _ = try JSONDocument(parsing: text)
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test("Nesting deeper than the cap is refused instead of exhausting the stack")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try JSONDocument(parsing: fine).nodes.count == 200)
    }
}
