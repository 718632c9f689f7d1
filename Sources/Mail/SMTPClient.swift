// The Mail target: an SMTP client and a MIME message builder, on swift-nio alone. A target of its own rather than a
// part of Portal because nothing here knows about estimates, HTTP or the database, and its tests then build and run
// without the web application.
//
// Deployment model: the portal speaks plain SMTP (no TLS, no AUTH) to the practice's own relay, a local MTA such as
// Postfix listening on 127.0.0.1:25 or on the practice's private network. The relay queues, retries and delivers
// onward over TLS with the practice's credentials and DKIM; the portal never holds mail-provider secrets and never
// sends patient mail across the internet in the clear. "Sent" here means the relay accepted it (250 after DATA).

import Foundation
import NIOCore
import NIOPosix

/// Sends one message per connection through the relay: greeting, EHLO, MAIL FROM, RCPT TO, DATA with the message
/// dot-stuffed, QUIT (RFC 5321 §3–4). Every reply is checked against the code its step needs; a wrong code, a
/// closed connection or a step not answered within `timeout` ends the attempt with a `MailError` naming the step.
public struct SMTPClient: Sendable {
    public let relay: SMTPRelay
    /// For the connection and for each reply.
    public let timeout: Duration
    /// The name given in EHLO; the sender's domain unless told otherwise (the relay is ours and checks the address
    /// it listens on, not this name).
    public let heloName: String?

    public init(relay: SMTPRelay, timeout: Duration = .seconds(20), heloName: String? = nil) {
        self.relay = relay
        self.timeout = timeout
        self.heloName = heloName
    }

    /// Sends the message; returns when the relay has accepted it.
    public func send(_ message: MailMessage) async throws(MailError) {
        let timeAmount = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
                                                + Int64(timeout.components.attoseconds / 1_000_000_000))
        let channel: NIOAsyncChannel<String, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(timeAmount)
                .connect(host: relay.host, port: relay.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(maximumLength: 2_048)))
                        return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .cannotConnect(relay: relay.description, reason: Self.connectionReason(error))
        }
        let helo = heloName ?? message.from.domain
        do {
            try await channel.executeThenClose { inbound, outbound in
                var replies = ReplyReader(lines: inbound.makeAsyncIterator(), channel: channel.channel, timeout: timeAmount)
                func exchange(_ step: SMTPStep, _ command: String?, expecting codes: Set<Int>) async throws {
                    if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                    let reply = try await replies.reply(for: step)
                    guard codes.contains(reply.code) else {
                        // Ends the session politely (RFC 5321 §4.1.1.10) before giving up; its answer changes nothing.
                        try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                        _ = try? await replies.reply(for: .quit)
                        throw MailError.rejected(step: step, reply: reply)
                    }
                }
                try await exchange(.greeting, nil, expecting: [220])
                try await exchange(.ehlo, "EHLO \(helo)", expecting: [250])
                try await exchange(.mailFrom, "MAIL FROM:<\(message.from)>", expecting: [250])
                try await exchange(.rcptTo, "RCPT TO:<\(message.to)>", expecting: [250, 251])
                try await exchange(.data, "DATA", expecting: [354])
                try await outbound.write(ByteBuffer(bytes: Self.dotStuffed(message.rendered()) + Array(".\r\n".utf8)))
                try await exchange(.message, nil, expecting: [250])
                // The relay has taken the message: a QUIT that goes wrong no longer changes whether it was sent.
                try? await exchange(.quit, "QUIT", expecting: [221])
            }
        } catch let error as MailError {
            throw error
        } catch {
            throw .protocolFailure(step: .greeting, reason: String(describing: error))
        }
    }

    /// The message as DATA carries it (RFC 5321 §4.5.2): every line ending CRLF, whatever it ended with before, and a
    /// period at the start of a line doubled, so no line of the message reads as the end-of-data line.
    public static func dotStuffed(_ message: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.utf8.count + 64)
        var atLineStart = true, afterCR = false
        for byte in message.utf8 {
            switch byte {
            case UInt8(ascii: "\r"):
                out += [13, 10]
                atLineStart = true
                afterCR = true
                continue
            case UInt8(ascii: "\n"):
                if !afterCR { out += [13, 10] }
                atLineStart = true
            default:
                if atLineStart, byte == UInt8(ascii: ".") { out.append(byte) }
                out.append(byte)
                atLineStart = false
            }
            afterCR = false
        }
        if !atLineStart { out += [13, 10] }
        return out
    }

    private static func connectionReason(_ error: any Error) -> String {
        if error is ChannelError { return "no connection within the timeout" }
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return connectionReason(first.error)
        }
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED ? "connection refused" : "\(error)" }
        return String(describing: error)
    }
}

/// Reads whole replies, single- or multi-line ("250-…" lines, then "250 …"), each within the timeout: a timer
/// that fires before the reply is complete fails the inbound stream, which ends the read.
private struct ReplyReader {
    var lines: NIOAsyncChannelInboundStream<String>.AsyncIterator
    let channel: any Channel
    let timeout: TimeAmount

    private struct Timeout: Error {}

    mutating func reply(for step: SMTPStep) async throws(MailError) -> SMTPReply {
        let channel = channel
        let timer = channel.eventLoop.scheduleTask(in: timeout) { channel.pipeline.fireErrorCaught(Timeout()) }
        defer { timer.cancel() }
        var text: [String] = []
        while true {
            let next: String?
            do { next = try await lines.next() } catch is Timeout {
                throw .timedOut(step: step)
            } catch is SMTPLineDecoder.LineTooLong {
                throw .protocolFailure(step: step, reason: "a reply line is too long")
            } catch {
                throw .protocolFailure(step: step, reason: String(describing: error))
            }
            guard let line = next else { throw .protocolFailure(step: step, reason: "the connection closed") }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0...2].allSatisfy({ (48...57).contains($0) }), let code = Int(String(line.prefix(3))),
                  (200...599).contains(code), bytes.count == 3 || bytes[3] == 32 || bytes[3] == 45 else {
                throw .protocolFailure(step: step, reason: "'\(line.prefix(40))' is not an SMTP reply")
            }
            text.append(String(line.dropFirst(4)))
            if bytes.count == 3 || bytes[3] == 32 { return SMTPReply(code: code, text: text.joined(separator: "\n")) }
        }
    }
}
