import Mail
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A loopback SMTP server for tests, on 127.0.0.1 and a kernel-chosen port. It records every command line and every
/// message (dot-stuffing undone, as a real server stores it), and plays the relay's part well or badly: answering
/// one step with a refusal, or never answering it.
public final class SMTPTestServer: Sendable {
    public enum Behaviour: Sendable {
        case accepting
        /// Answers this step with this code (and, for EHLO, a single line) and goes on answering the rest normally.
        case rejecting(SMTPStep, code: Int)
        /// Says nothing from this step on, until the client hangs up.
        case silent(at: SMTPStep)
    }

    public let port: Int
    public let behaviour: Behaviour
    private let channel: NIOAsyncChannel<NIOAsyncChannel<String, ByteBuffer>, Never>
    private let recorded = NIOLockedValueBox<(commands: [String], messages: [String])>(([], []))

    /// Every line the client sent outside DATA, in order, across connections.
    public var commands: [String] { recorded.withLockedValue { $0.commands } }
    /// Each message received and accepted with 250, as the client meant it (CRLF line ends, periods unstuffed).
    public var messages: [String] { recorded.withLockedValue { $0.messages } }

    private init(behaviour: Behaviour, channel: NIOAsyncChannel<NIOAsyncChannel<String, ByteBuffer>, Never>) {
        self.behaviour = behaviour
        self.channel = channel
        self.port = channel.channel.localAddress?.port ?? 0
    }

    /// Runs `body` with a server listening; stops it afterwards.
    public static func with<T: Sendable>(_ behaviour: Behaviour = .accepting, _ body: (SMTPTestServer) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(maximumLength: 100_000)))
                    return try NIOAsyncChannel<String, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = SMTPTestServer(behaviour: behaviour, channel: channel)
        let accepting = Task { await server.accept() }
        defer { accepting.cancel() }
        do {
            let result = try await body(server)
            try? await channel.channel.close()
            return result
        } catch {
            try? await channel.channel.close()
            throw error
        }
    }

    private func accept() async {
        try? await channel.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask { try? await self.converse(connection) }
                }
            }
        }
    }

    private func converse(_ connection: NIOAsyncChannel<String, ByteBuffer>) async throws {
        try await connection.executeThenClose { lines, outbound in
            var silent = false
            /// Answers `step` with `normal`, or with the refusal or silence the test asked for.
            func answer(_ step: SMTPStep, _ normal: String) async throws {
                if case .silent(let at) = behaviour, at == step { silent = true }
                guard !silent else { return }
                if case .rejecting(let refused, let code) = behaviour, refused == step {
                    try await outbound.write(ByteBuffer(string: "\(code) 5.0.0 test refusal at \(step.rawValue)\r\n"))
                } else {
                    try await outbound.write(ByteBuffer(string: normal))
                }
            }
            func refuses(_ step: SMTPStep) -> Bool {
                if case .rejecting(let refused, _) = behaviour { return refused == step }
                return false
            }
            try await answer(.greeting, "220 loopback ESMTP test\r\n")
            var data: [String]?
            for try await line in lines {
                if var message = data {
                    if line == "." {
                        data = nil
                        if !refuses(.message), !silent {
                            recorded.withLockedValue { $0.messages.append(message.map { $0 + "\r\n" }.joined()) }
                        }
                        try await answer(.message, "250 2.0.0 queued as TEST\r\n")
                    } else {
                        message.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
                        data = message
                    }
                    continue
                }
                recorded.withLockedValue { $0.commands.append(line) }
                let verb = line.prefix(4).uppercased()
                switch verb {
                case "EHLO": try await answer(.ehlo, "250-loopback greets you\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n")
                case "MAIL": try await answer(.mailFrom, "250 2.1.0 ok\r\n")
                case "RCPT": try await answer(.rcptTo, "250 2.1.5 ok\r\n")
                case "DATA":
                    try await answer(.data, "354 end data with <CR><LF>.<CR><LF>\r\n")
                    if !refuses(.data), !silent { data = [] }
                case "QUIT":
                    try await answer(.quit, "221 2.0.0 bye\r\n")
                    return
                default: try await outbound.write(ByteBuffer(string: "500 5.5.1 unknown command\r\n"))
                }
            }
        }
    }
}
