/// Why a message was not built or not sent. A refusal by the relay names the step and what the relay answered, so
/// the desk can say "the relay refused the recipient (550)" rather than "email failed".
public enum MailError: Error, Equatable, CustomStringConvertible {
    case invalidAddress(String)
    /// A header value that would have broken the message: a CR or LF (header injection), or an empty one.
    case invalidHeader(name: String, reason: String)
    /// No TCP connection to the relay: refused, unreachable, or not within the timeout.
    case cannotConnect(relay: String, reason: String)
    /// The relay answered a step with a code other than the one that step needs.
    case rejected(step: SMTPStep, reply: SMTPReply)
    /// The relay did not answer a step within the timeout.
    case timedOut(step: SMTPStep)
    /// The relay closed the connection, or answered something that is not an SMTP reply, during a step.
    case protocolFailure(step: SMTPStep, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let reason): "not an email address: \(reason)"
        case .invalidHeader(let name, let reason): "the \(name) header \(reason)"
        case .cannotConnect(let relay, let reason): "cannot reach the mail relay \(relay): \(reason)"
        case .rejected(let step, let reply): "the mail relay refused \(step.description) (\(reply.code) \(Self.withoutAddresses(reply.text).prefix(120)))"
        case .timedOut(let step): "the mail relay did not answer \(step.description) in time"
        case .protocolFailure(let step, let reason): "the mail relay broke off \(step.description): \(reason)"
        }
    }

    /// A relay's reply often quotes the recipient ("<ana@example.com>: Recipient address rejected"); error messages
    /// carry no PHI, so any word with an @ is left out.
    private static func withoutAddresses(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).map { $0.contains("@") ? "[address]" : String($0) }.joined(separator: " ")
    }

    /// The step and code only, for logs: a relay's reply text can quote the recipient's address.
    public var logSummary: String {
        switch self {
        case .invalidAddress: "invalid address"
        case .invalidHeader(let name, _): "invalid \(name) header"
        case .cannotConnect: "cannot connect"
        case .rejected(let step, let reply): "\(step.rawValue) rejected \(reply.code)"
        case .timedOut(let step): "\(step.rawValue) timed out"
        case .protocolFailure(let step, _): "\(step.rawValue) protocol failure"
        }
    }
}

/// The steps of one SMTP transaction (RFC 5321 §3), in order.
public enum SMTPStep: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case greeting, ehlo, mailFrom, rcptTo, data, message, quit

    public var description: String {
        switch self {
        case .greeting: "the connection (greeting)"
        case .ehlo: "EHLO"
        case .mailFrom: "the sender (MAIL FROM)"
        case .rcptTo: "the recipient (RCPT TO)"
        case .data: "DATA"
        case .message: "the message"
        case .quit: "QUIT"
        }
    }
}

/// One SMTP reply: its three-digit code and its text (the lines of a multi-line reply joined by newlines).
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let text: String

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
    }
}
