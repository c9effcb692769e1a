/// How a listing's response holds its objects, when not as a list of objects that carry the
/// provider's id: the readers turn each shape into such a list, so that paging, staging and
/// apply see every listing alike.
enum ListingShape: Sendable, Equatable {
    /// A list under the envelope of objects that carry the provider's id key.
    case list
    /// A map under the envelope, keyed by name (Scaleway `products/servers`: `{"servers": {"DEV1-S": {...}}}`):
    /// each member becomes an object with `id` = the scope's zone, `/` and its name, and `name` = its name.
    case keyedByName
    /// A list under the envelope whose objects name themselves by `member` (CloudSigma prices' `id`,
    /// the Scaleway catalog's `sku`) instead of the provider's id key: it becomes their id, after the
    /// scope's zone and `/` when `zoned`. With `tag`, each object also gets what a map at the
    /// response's top says of it (CloudSigma's burst level in force per resource, `current`).
    case listIdentifiedBy(String, zoned: Bool, tag: RootTag? = nil)

    /// A member added to each object of a list from a map at the top of the response: the value the
    /// map `map` gives the object's `key` becomes its member `member`.
    struct RootTag: Sendable, Equatable {
        let map: String
        let key: String
        let member: String
    }
    /// The whole response is one object (CloudSigma `balance/`), read once as one object whose id is
    /// the listing's name. It has no paging and no total.
    case single

    /// The response's objects as a list of objects that carry `idKey`, or nil when this shape is
    /// `.list` (the envelope's list is used as it is). Throws when the response lacks the envelope.
    func objects(in root: WireValue, envelope: String, idKey: String, zone: String, listingName: String) throws(ShapeError) -> [WireValue]? {
        var texts: [String] = []
        switch self {
        case .list:
            return nil
        case .keyedByName:
            guard let map = root[envelope], map.isObject else { throw ShapeError(detail: "no `\(envelope)` map in the response") }
            for (name, value) in map.members {
                guard value.isObject else { throw ShapeError(detail: "`\(envelope).\(name)` is \(value.node.kind.phrase), not an object") }
                texts.append(Self.text(of: value, adding: [(idKey, zone + "/" + name), ("name", name)]))
            }
        case .listIdentifiedBy(let member, let zoned, let tag):
            guard let list = root[envelope], list.node.kind == .array else { throw ShapeError(detail: "no `\(envelope)` list in the response") }
            for (position, element) in list.elements.enumerated() {
                guard element.isObject, let id = element.string(member), !id.isEmpty else {
                    throw ShapeError(detail: "element \(position + 1) of `\(envelope)` has no `\(member)`; the listing cannot be trusted, so nothing was applied")
                }
                var added = [(idKey, zoned ? zone + "/" + id : id)]
                if let tag, let key = element.string(tag.key), let value = root[tag.map]?[key]?.stringValue {
                    added.append((tag.member, value))
                }
                texts.append(Self.text(of: element, adding: added))
            }
        case .single:
            guard root.isObject else { throw ShapeError(detail: "the response is \(root.node.kind.phrase), not an object") }
            texts.append(Self.text(of: root, adding: [(idKey, listingName)]))
        }
        do {
            return try WireValue(json: "[" + texts.joined(separator: ",") + "]").elements
        } catch {
            throw ShapeError(detail: "its objects could not be read again (\(error))")
        }
    }

    /// The object's JSON with `members` in front of its own (a reader of the object finds the first).
    private static func text(of object: WireValue, adding members: [(String, String)]) -> String {
        let own = RawSanitizer.raw(object)
        let added = members.map { JSONStringEscapes.quoted($0.0) + ":" + JSONStringEscapes.quoted($0.1) }.joined(separator: ",")
        return own == "{}" ? "{" + added + "}" : "{" + added + "," + own.dropFirst()
    }

    /// Why a response does not have the listing's shape.
    struct ShapeError: Error {
        let detail: String
    }
}
