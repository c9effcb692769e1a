import HTTPTypes
import NIOCore

/// Assembles listing pages from pre-encoded objects.
enum PageBody {
    /// `{"servers": [...]}` with the paging headers.
    static func scaleway(_ page: FleetSimulator.Page, key: String, headers: HTTPFields) -> Reply {
        var fields = headers
        fields[.contentType] = "application/json"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.objects.reduce(32) { $0 + $1.maximumSize + 1 })
        buffer.writeString("{\"\(key)\":[")
        writeObjects(page, into: &buffer)
        buffer.writeString("]}")
        return Reply(.ok, body: buffer, headers: fields)
    }

    /// `{"volumes": [...], "total_count": N}`: Block Storage, the total in the body and no paging headers.
    static func scalewayCounted(_ page: FleetSimulator.Page, key: String) -> Reply {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.objects.reduce(48) { $0 + $1.maximumSize + 1 })
        buffer.writeString("{\"\(key)\":[")
        writeObjects(page, into: &buffer)
        buffer.writeString("],\"total_count\":\(page.total)}")
        return Reply(.ok, body: buffer, headers: [.contentType: "application/json"])
    }

    /// `{"meta": {"limit", "offset", "total_count"}, "objects": [...]}`.
    static func cloudSigma(_ page: FleetSimulator.Page, limit: Int, offset: Int) -> Reply {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.objects.reduce(96) { $0 + $1.maximumSize + 1 })
        buffer.writeString("{\"meta\":{\"limit\":\(limit),\"offset\":\(offset),\"total_count\":\(page.total)},\"objects\":[")
        writeObjects(page, into: &buffer)
        buffer.writeString("]}")
        return Reply(.ok, body: buffer, headers: [.contentType: "application/json; charset=utf-8"])
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
