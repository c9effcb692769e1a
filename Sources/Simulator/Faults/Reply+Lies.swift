import Foundation
import HTTPTypes
import NIOCore

extension Reply {
    /// This page with the one thing wrong that `rule.lie` names, everything else as served.
    ///
    /// Built with Foundation's JSON reader and writer, then, for the lies that
    /// are not valid JSON, a marker string is replaced by raw bytes.
    func lying(_ rule: FaultRule, provider: SimulatedProvider, resource: String) -> Reply {
        guard let lie = rule.lie,
              var root = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] else {
            return self
        }
        var reply = self
        let listKey: String
        let idKey: String
        let total: TotalPlace
        switch (provider, resource) {
        case (.scaleway, "block_volumes"): (listKey, idKey, total) = ("volumes", "id", .body)
        case (.scaleway, "block_snapshots"): (listKey, idKey, total) = ("snapshots", "id", .body)
        case (.scaleway, _): (listKey, idKey, total) = (resource, "id", .header)
        case (.cloudsigma, _): (listKey, idKey, total) = ("objects", "uuid", .meta)
        }
        func announce(_ value: NSNumber?, dropLink: Bool = false) {
            switch total {
            case .header:
                reply.headers[Self.totalCount] = value.map { $0.stringValue }
                if dropLink { reply.headers[Self.link] = nil }
            case .body: root["total_count"] = value
            case .meta: root["meta"] = Self.meta(root["meta"], total: value)
            }
        }
        var list = root[listKey] as? [Any] ?? []
        var raw: [UInt8]?
        switch lie {
        case .nullElement:
            list.insert(NSNull(), at: 0)
        case .nullElementNoTotal:
            list.insert(NSNull(), at: 0)
            announce(nil)
        case .idValue, .invalidUTF8ID, .rawName:
            guard var first = list.first as? [String: Any] else { return self }
            first[lie == .rawName ? "name" : idKey] = Self.marker
            list[0] = first
            raw = lie == .invalidUTF8ID ? [UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")] : Array((rule.value ?? "null").utf8)
        case .total:
            announce(NSNumber(value: rule.total ?? 0))
        case .noTotal:
            announce(nil)
        case .noTotalNoLink:
            announce(nil, dropLink: true)
        case .otherOwner:
            list = list.map { Self.owned($0, by: rule.value ?? "", provider: provider) }
        case .empty:
            list = []
            announce(0)
        case .extraObject:
            guard let extra = (rule.value?.data(using: .utf8)).flatMap({ try? JSONSerialization.jsonObject(with: $0) }) else { return self }
            if !list.isEmpty { list.insert(extra, at: 0) }
            announce(NSNumber(value: (currentTotal(root, reply) ?? list.count) + 1))
        case .withoutObject:
            list.removeAll { ($0 as? [String: Any])?[idKey] as? String == rule.value }
            announce(NSNumber(value: max(0, (currentTotal(root, reply) ?? 0) - 1)))
        }
        root[listKey] = list
        guard var bytes = try? Array(JSONSerialization.data(withJSONObject: root)) else { return self }
        if let raw {
            let marker = Array("\"\(Self.marker)\"".utf8)
            if let range = bytes.firstRange(of: marker) { bytes.replaceSubrange(range, with: raw) }
        }
        reply.body = ByteBuffer(bytes: bytes)
        reply.headers[.contentLength] = nil
        return reply
    }

    /// The total the page announces as served.
    private func currentTotal(_ root: [String: Any], _ reply: Reply) -> Int? {
        if let header = reply.headers[Self.totalCount], let total = Int(header) { return total }
        if let total = root["total_count"] as? Int { return total }
        return (root["meta"] as? [String: Any])?["total_count"] as? Int
    }

    /// `object` as another owner would list it.
    private static func owned(_ object: Any, by owner: String, provider: SimulatedProvider) -> Any {
        guard var object = object as? [String: Any] else { return object }
        switch provider {
        case .scaleway:
            if object["organization"] != nil { object["organization"] = owner }
        case .cloudsigma:
            if var reference = object["owner"] as? [String: Any] {
                reference["uuid"] = owner
                reference["resource_uri"] = "/api/2.0/user/\(owner)/"
                object["owner"] = reference
            }
        }
        return object
    }

    /// Where a listing announces its total: Scaleway Instance's header, Block Storage's body, CloudSigma's `meta`.
    private enum TotalPlace {
        case header, body, meta
    }

    private static let marker = "__stocktake_simulator_lie__"
    private static let totalCount = HTTPField.Name("X-Total-Count")!
    private static let link = HTTPField.Name("Link")!

    private static func meta(_ value: Any?, total: NSNumber?) -> [String: Any] {
        var meta = value as? [String: Any] ?? [:]
        meta["total_count"] = total
        return meta
    }
}
