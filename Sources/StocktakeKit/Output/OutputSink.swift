import Foundation

/// Where a result's bytes go: standard output, a file that appears (by
/// rename) only once it was written completely, or memory. Bytes are buffered and
/// written in large blocks, so a million-row result never sits in memory.
public final class OutputSink {
    private static let blockSize = 1 << 18
    /// The buffered bytes: memory of its own, not an array, so that appending a cell is a copy and
    /// a count, without the exclusivity checks of mutating an array a class holds (a third of an
    /// export's time went to those).
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let descriptor: Int32
    private let temporaryPath: String?
    private let finalPath: String?
    /// Whether the sink opened its descriptor (and so closes it).
    private let ownsDescriptor: Bool
    private var finished = false

    private init(descriptor: Int32, temporaryPath: String?, finalPath: String?, ownsDescriptor: Bool = true) {
        self.descriptor = descriptor
        self.ownsDescriptor = ownsDescriptor
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
        capacity = Self.blockSize + 4096
        storage = .allocate(capacity: capacity)
    }

    /// Standard output.
    public static func standardOutput() -> OutputSink {
        OutputSink(descriptor: STDOUT_FILENO, temporaryPath: nil, finalPath: nil, ownsDescriptor: false)
    }

    /// Keeps what is written in memory, for `text`.
    static func memory() -> OutputSink {
        OutputSink(descriptor: -1, temporaryPath: nil, finalPath: nil, ownsDescriptor: false)
    }

    /// What a memory sink holds.
    var text: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }

    /// Discards what is written (`/dev/null`): for measuring a query without its output.
    public static func discarding() -> OutputSink {
        OutputSink(descriptor: open("/dev/null", O_WRONLY | O_CLOEXEC), temporaryPath: nil, finalPath: nil)
    }

    /// A file at `path`, written beside it under a temporary name and renamed by `finish()`.
    /// A path that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written
    /// in place: renaming over it would replace the device with a file.
    public static func file(_ path: String) throws -> OutputSink {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw QueryError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            return OutputSink(descriptor: descriptor, temporaryPath: nil, finalPath: nil)
        }
        let temporary = "\(path).\(getpid()).partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw QueryError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        return OutputSink(descriptor: descriptor, temporaryPath: temporary, finalPath: path)
    }

    deinit {
        storage.deallocate()
        guard !finished else { return }
        if ownsDescriptor, descriptor >= 0 { close(descriptor) }
        if let temporaryPath { unlink(temporaryPath) }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        storage[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Room for at least `needed` bytes (a memory sink grows without bound; the others write
    /// out a block after each row, so one cell larger than a block is all they ever add).
    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: count)
        storage.deallocate()
        storage = moved
        capacity = larger
    }

    /// Appends the UTF-8 bytes of `text`.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Called after each row: writes out a full block.
    func rowEnded() throws {
        if descriptor >= 0, count >= Self.blockSize { try flushBuffer() }
    }

    private func flushBuffer() throws {
        var offset = 0
        while offset < count {
            let written = write(descriptor, storage + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw QueryError.cannotWrite(path: finalPath ?? "standard output", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        count = 0
    }

    /// Writes what is buffered; a file is closed and moved to its name.
    public func finish() throws {
        try flushBuffer()
        guard !finished else { return }
        finished = true
        if ownsDescriptor { close(descriptor) }
        guard let temporaryPath, let finalPath else { return }
        guard rename(temporaryPath, finalPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw QueryError.cannotWrite(path: finalPath, reason: reason)
        }
    }
}
