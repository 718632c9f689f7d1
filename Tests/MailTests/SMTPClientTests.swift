import Foundation
import Mail
import MailTestSupport
import Testing

/// The SMTP client against the loopback server: the conversation, dot-stuffing, and every step's failure.
@Suite struct SMTPClientTests {
    private func client(_ server: SMTPTestServer, timeout: Duration = .seconds(5)) -> SMTPClient {
        SMTPClient(relay: SMTPRelay(host: "127.0.0.1", port: server.port), timeout: timeout)
    }

    @Test func aMessageGoesThroughTheWholeConversation() async throws {
        let message = try MailMessageTests.message()
        try await SMTPTestServer.with { server in
            try await client(server).send(message)
            #expect(server.commands == ["EHLO blueridge.example", "MAIL FROM:<billing@blueridge.example>", "RCPT TO:<ana@example.com>",
                                        "DATA", "QUIT"])
            #expect(server.messages == [message.rendered()])
            let parsed = try ParsedMail(try #require(server.messages.first))
            #expect(parsed.parts.last?.content == MailMessageTests.pdf)
        }
    }

    @Test func linesStartingWithAPeriodAreStuffedAndArriveIntact() async throws {
        #expect(SMTPClient.dotStuffed(".a\r\nb\r\n.\r\n..c\nd.\re") == Array("..a\r\nb\r\n..\r\n...c\r\nd.\r\ne\r\n".utf8))
        let message = try MailMessageTests.message(body: "Hello\n.\n.hidden\n..two\nend.\n")
        try await SMTPTestServer.with { server in
            try await client(server).send(message)
            let received = try #require(server.messages.first)
            #expect(received == message.rendered(), "a lone '.' line in the text did not end the message early")
            #expect(String(decoding: try ParsedMail(received).parts[0].content, as: UTF8.self) == "Hello\r\n.\r\n.hidden\r\n..two\r\nend.\r\n")
        }
    }

    @Test(arguments: [(SMTPStep.greeting, 554), (.ehlo, 502), (.mailFrom, 553), (.rcptTo, 550), (.data, 451), (.message, 552)])
    func aRefusalAtEachStepNamesTheStepAndTheReply(_ step: SMTPStep, _ code: Int) async throws {
        let message = try MailMessageTests.message()
        try await SMTPTestServer.with(.rejecting(step, code: code)) { server in
            do throws(MailError) {
                try await client(server).send(message)
                Issue.record("sent despite a \(code) at \(step)")
            } catch {
                #expect(error == .rejected(step: step, reply: SMTPReply(code: code, text: "5.0.0 test refusal at \(step.rawValue)")))
                #expect(error.description.contains("refused") && error.description.contains(String(code)))
                #expect(!error.logSummary.contains("@"))
            }
            #expect(server.messages.isEmpty)
            #expect(server.commands.last == "QUIT", "the client says goodbye after a refusal")
        }
    }

    @Test(arguments: [SMTPStep.greeting, .ehlo, .rcptTo, .data, .message])
    func aRelayThatStopsAnsweringTimesOut(_ step: SMTPStep) async throws {
        let message = try MailMessageTests.message()
        try await SMTPTestServer.with(.silent(at: step)) { server in
            let started = ContinuousClock.now
            do throws(MailError) {
                try await client(server, timeout: .seconds(2)).send(message)
                Issue.record("sent to a silent relay")
            } catch {
                #expect(error == .timedOut(step: step))
            }
            #expect(ContinuousClock.now - started < .seconds(10), "given up on after about the timeout, not hung")
        }
    }

    @Test func noRelayListeningCannotConnect() async throws {
        let port = try await SMTPTestServer.with { $0.port }
        let message = try MailMessageTests.message()
        do throws(MailError) {
            try await SMTPClient(relay: SMTPRelay(host: "127.0.0.1", port: port), timeout: .seconds(2)).send(message)
            Issue.record("sent with no relay")
        } catch {
            guard case .cannotConnect(let relay, let reason) = error else { Issue.record("\(error)"); return }
            #expect(relay == "127.0.0.1:\(port)" && reason == "connection refused")
        }
    }

    @Test func aRefusalsDescriptionLeavesOutTheAddressTheRelayQuoted() {
        let error = MailError.rejected(step: .rcptTo, reply: SMTPReply(code: 550, text: "5.1.1 <ana@example.com>: Recipient address rejected"))
        #expect(error.description == "the mail relay refused the recipient (RCPT TO) (550 5.1.1 [address] Recipient address rejected)")
        #expect(error.logSummary == "rcptTo rejected 550")
    }

    @Test func relayAddressesParse() {
        #expect(SMTPRelay("127.0.0.1:25") == SMTPRelay(host: "127.0.0.1", port: 25))
        #expect(SMTPRelay("[::1]:2525") == SMTPRelay(host: "::1", port: 2525))
        #expect(SMTPRelay("[::1]:2525")?.description == "[::1]:2525")
        #expect(SMTPRelay("mail.internal:587")?.host == "mail.internal")
        for bad in ["", "localhost", "localhost:", ":25", "host:0", "host:65536", "host:x", "a b:25"] {
            #expect(SMTPRelay(bad) == nil, "\(bad)")
        }
    }
}
