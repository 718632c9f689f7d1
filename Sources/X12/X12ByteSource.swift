import Foundation

/// Where segment bytes come from, one chunk at a time, so that a large file is never held whole.
public protocol X12ByteSource {
    /// The next chunk, or nil at the end. Never returns an empty chunk before the end.
    mutating func nextChunk() throws(X12Error) -> [UInt8]?
}

/// Bytes already in memory, handed out in chunks like a file so both take the same path through the reader.
public struct InMemoryByteSource: X12ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() throws(X12Error) -> [UInt8]? {
        guard offset < bytes.count else { return nil }
        let end = min(bytes.count, offset + chunkSize)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// A file read in chunks of 64 KiB by default.
public struct FileByteSource: X12ByteSource {
    private let handle: FileHandle
    private let path: String
    private let chunkSize: Int

    public init(path: String, chunkSize: Int = 64 * 1024) throws(X12Error) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw X12Error(segmentNumber: 0, segmentID: "", reason: "cannot open \(path)")
        }
        self.handle = handle
        self.path = path
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func nextChunk() throws(X12Error) -> [UInt8]? {
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw X12Error(segmentNumber: 0, segmentID: "", reason: "cannot read \(path): \(error.localizedDescription)")
        }
        guard let data, !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}
