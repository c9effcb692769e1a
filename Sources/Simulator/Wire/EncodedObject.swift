import NIOCore

/// One API object serialized once, ready to be copied into any page.
///
/// `chunks` holds the bytes between volatile counters; a served copy writes
/// `chunks[0]`, counter 0, `chunks[1]`, counter 1, ... so that pages can be
/// assembled by copying without encoding anything again.
struct EncodedObject: Sendable {
    let id: String
    let chunks: [[UInt8]]
    let counters: [(base: UInt64, step: UInt64)]

    init(id: String, chunks: [[UInt8]], counters: [(base: UInt64, step: UInt64)]) {
        self.id = id
        self.chunks = chunks
        self.counters = counters
    }

    init(id: String, value: JSONValue) {
        var writer = JSONWriter()
        writer.write(value)
        self.init(id: id, chunks: writer.finishedChunks(), counters: writer.counters)
    }

    /// Upper bound of the bytes `write(into:readSequence:)` appends.
    var maximumSize: Int {
        chunks.reduce(0) { $0 + $1.count } + counters.count * 20
    }

    /// Appends the object to `buffer`, filling each counter for this read.
    func write(into buffer: inout ByteBuffer, readSequence: UInt64) {
        buffer.writeBytes(chunks[0])
        for index in counters.indices {
            let counter = counters[index]
            buffer.writeString(String(counter.base &+ readSequence &* counter.step))
            buffer.writeBytes(chunks[index + 1])
        }
    }

    /// Appends the object to `buffer`, filling each counter for this read.
    func write(into buffer: inout [UInt8], readSequence: UInt64) {
        buffer.append(contentsOf: chunks[0])
        for index in counters.indices {
            let counter = counters[index]
            let value = counter.base &+ readSequence &* counter.step
            JSONWriter.appendDecimal(value, to: &buffer)
            buffer.append(contentsOf: chunks[index + 1])
        }
    }
}
