import HTTPTypes
import NIOCore

/// Assembles listing pages from pre-encoded objects.
enum PageBody {
    /// `{"servers": [...]}` with the paging headers.
    static func scaleway(_ page: FleetSimulator.Page, key: String, headers: HTTPFields) -> Reply {
        var fields = headers
        fields[.contentType] = "application/json"
        return listing(page, opening: "{\"\(key)\":[", closing: "]}", headers: fields)
    }

    /// `{"volumes": [...], "total_count": N}`: Block Storage, the total in the body and no paging headers.
    static func scalewayCounted(_ page: FleetSimulator.Page, key: String) -> Reply {
        listing(page, opening: "{\"\(key)\":[", closing: "],\"total_count\":\(page.total)}",
                headers: [.contentType: "application/json"])
    }

    /// `{"meta": {"limit", "offset", "total_count"}, "objects": [...]}`.
    static func cloudSigma(_ page: FleetSimulator.Page, limit: Int, offset: Int) -> Reply {
        listing(page, opening: "{\"meta\":{\"limit\":\(limit),\"offset\":\(offset),\"total_count\":\(page.total)},\"objects\":[",
                closing: "]}", headers: [.contentType: "application/json; charset=utf-8"])
    }

    /// The page's objects, comma-separated, between `opening` and `closing`.
    private static func listing(_ page: FleetSimulator.Page, opening: String, closing: String, headers: HTTPFields) -> Reply {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.objects.reduce(opening.utf8.count + closing.utf8.count) { $0 + $1.maximumSize + 1 })
        buffer.writeString(opening)
        writeObjects(page, into: &buffer)
        buffer.writeString(closing)
        return Reply(.ok, body: buffer, headers: headers)
    }

    /// One object, bare (CloudSigma) or wrapped as `{"server": {...}}` (Scaleway).
    static func single(_ object: EncodedObject, key: String?, readSequence: UInt64) -> Reply {
        var buffer = ByteBuffer()
        if let key { buffer.writeString("{\"\(key)\":") }
        object.write(into: &buffer, readSequence: readSequence)
        if key != nil { buffer.writeString("}") }
        return Reply(.ok, body: buffer, headers: [.contentType: "application/json"])
    }

    private static func writeObjects(_ page: FleetSimulator.Page, into buffer: inout ByteBuffer) {
        var first = true
        for object in page.objects {
            if !first { buffer.writeInteger(UInt8(ascii: ",")) }
            first = false
            object.write(into: &buffer, readSequence: page.readSequence)
        }
    }
}
