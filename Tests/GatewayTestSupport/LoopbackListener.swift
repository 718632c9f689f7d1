import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A TCP socket listening on 127.0.0.1 (a kernel-chosen port), for what localstripe cannot play:
/// a server that never answers, and a webhook endpoint that localstripe posts to.
public final class LoopbackListener: @unchecked Sendable {
    public struct Delivery: Sendable {
        public let headers: [String: String]  // names lower-cased
        public let body: [UInt8]
    }

    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LocalStripeError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw LocalStripeError("cannot listen on 127.0.0.1: errno \(errno)")
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }

    /// Accepts HTTP requests, answers each `200 OK`, and returns the first one `wanted` accepts.
    /// Gives up after `timeout` or 50 requests, whichever comes first.
    public func receive(timeout: Duration, wanted: @escaping @Sendable (Delivery) -> Bool) async -> Delivery? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: self.receiveBlocking(timeout: timeout, wanted: wanted))
            }
        }
    }

    private func receiveBlocking(timeout: Duration, wanted: (Delivery) -> Bool) -> Delivery? {
        let deadline = ContinuousClock.now + timeout
        for _ in 0..<50 {
            guard wait(for: descriptor, until: deadline) else { return nil }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { continue }
            defer { close(connection) }
            guard let delivery = readRequest(connection, until: deadline) else { continue }
            let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
            _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if wanted(delivery) { return delivery }
        }
        return nil
    }

    private func readRequest(_ connection: Int32, until deadline: ContinuousClock.Instant) -> Delivery? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var headerEnd: Int?
        var expectedLength: Int?
        while received.count < 1 << 20 {
            if let headerEnd, let expectedLength, received.count >= headerEnd + expectedLength { break }
            guard wait(for: connection, until: deadline) else { return nil }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: received) {
                headerEnd = end + 4
                let head = String(decoding: received[0..<end], as: UTF8.self)
                expectedLength = Self.headers(head)["content-length"].flatMap { Int($0) } ?? 0
            }
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: received[0..<(headerEnd - 4)], as: UTF8.self)
        return Delivery(headers: Self.headers(head), body: Array(received[headerEnd...]))
    }

    private func wait(for fd: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
        return poll(&entry, 1, max(milliseconds, 1)) > 0
    }

    private static func headers(_ head: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in head.split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
