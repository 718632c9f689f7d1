import Foundation

/// Where a document's bytes go. Cairo hands them over as pages are finished, so none of these holds the whole PDF.
public enum PDFOutput {
    /// A file, created or truncated, and closed by `PDFDocument.close()`.
    case file(path: String)
    /// An open handle the caller owns and closes.
    case fileHandle(FileHandle)
    /// A consumer of chunks (up to 64 KiB each, in order), e.g. a hasher plus an HTTP body writer. The buffer is
    /// valid only during the call. A thrown error stops the document; `close()` reports it.
    case stream((UnsafeRawBufferPointer) throws -> Void)
}

/// Collects Cairo's many small writes into 64 KiB chunks before they reach a file or a consumer.
final class OutputSink {
    private static let chunkSize = 64 * 1024

    private var buffer: [UInt8] = []
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private let closeOutput: () -> Void
    /// The first failure; after it, every write is refused so Cairo stops.
    private(set) var failure: String?

    init(_ output: PDFOutput) throws(PrintingError) {
        buffer.reserveCapacity(Self.chunkSize)
        switch output {
        case .file(let path):
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .cannotOpenOutput(path: path, reason: String(cString: strerror(errno)))
            }
            emit = { bytes in try Self.writeAll(bytes, to: descriptor, path: path) }
            closeOutput = { close(descriptor) }
        case .fileHandle(let handle):
            emit = { bytes in try handle.write(contentsOf: Data(bytes)) }
            closeOutput = {}
        case .stream(let consumer):
            emit = consumer
            closeOutput = {}
        }
    }

    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        if buffer.count + bytes.count > Self.chunkSize, !flush() { return false }
        if bytes.count >= Self.chunkSize {
            return deliver(bytes)
        }
        buffer.append(contentsOf: bytes)
        return true
    }

    func flush() -> Bool {
        guard failure == nil else { return false }
        guard !buffer.isEmpty else { return true }
        let ok = buffer.withUnsafeBytes { deliver($0) }
        buffer.removeAll(keepingCapacity: true)
        return ok
    }

    /// Flushes what is left and closes a file this sink opened; returns the first failure, if any.
    func finish() -> String? {
        _ = flush()
        closeOutput()
        return failure
    }

    private func deliver(_ bytes: UnsafeRawBufferPointer) -> Bool {
        do {
            try emit(bytes)
            return true
        } catch {
            failure = "\(error)"
            return false
        }
    }

    private struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: "\(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}
