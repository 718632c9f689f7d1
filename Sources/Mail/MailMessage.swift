import Foundation

/// One email as RFC 5322 and MIME (RFC 2045/2046) want it: a multipart/mixed message of a short plain-text body and
/// one attachment, the attachment (and a body that is not plain ASCII) base64 in 76-column lines, so no line is long
/// and no byte needs 8BITMIME. Header values
/// are checked when the message is made: a CR or LF in a subject or a name would start a header of its own.
public struct MailMessage: Sendable {
    public struct Attachment: Sendable {
        public var filename: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(filename: String, contentType: String, bytes: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let from: MailAddress
    public let fromName: String
    public let to: MailAddress
    public let subject: String
    public let body: String
    public let attachment: Attachment
    public let date: Date
    /// "<random@sender's domain>", unique per message (RFC 5322 §3.6.4); kept with the record of the sending.
    public let messageID: String
    /// Chosen once, so the message renders the same every time (the relay gets what `rendered()` showed).
    private let boundary: String

    public init(from: MailAddress, fromName: String, to: MailAddress, subject: String, body: String, attachment: Attachment,
                date: Date, messageID: String? = nil) throws(MailError) {
        try Self.check("From", fromName, allowEmpty: true)
        try Self.check("Subject", subject)
        try Self.check("attachment filename", attachment.filename)
        guard attachment.filename.allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\\" }) else {
            throw .invalidHeader(name: "attachment filename", reason: "must be plain ASCII without quotes")
        }
        guard attachment.contentType.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/.+-".contains($0)) }),
              attachment.contentType.contains("/") else {
            throw .invalidHeader(name: "Content-Type", reason: "is not a media type")
        }
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.attachment = attachment
        self.date = date
        self.messageID = messageID ?? "<\(Self.randomHex())@\(from.domain)>"
        boundary = "=_clearbill_\(Self.randomHex())"
    }

    private static func check(_ name: String, _ value: String, allowEmpty: Bool = false) throws(MailError) {
        if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw .invalidHeader(name: name, reason: "contains a line break")
        }
        if !allowEmpty, value.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalidHeader(name: name, reason: "is empty") }
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidHeader(name: name, reason: "contains a control character")
        }
    }

    /// The message as sent: CRLF line ends, ending in CRLF. The SMTP client dot-stuffs it on the way out.
    public func rendered() -> String {
        var headers = [
            "Date: \(Self.rfc5322Date(date))",
            Self.folded("From: \(fromName.isEmpty ? "" : Self.phrase(fromName) + " ")<\(from)>"),
            "To: <\(to)>",
            "Subject: \(Self.encodedWords(subject))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"",
        ]
        headers.append("")
        let text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // Plain ASCII in short lines goes as it is (readable, and what spam filters expect); anything else as base64.
        let plain = text.allSatisfy(\.isASCII) && text.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 76 }
        let parts = [
            "This is a MIME message; its text and its attachment are below.",
            "--\(boundary)",
            "Content-Type: text/plain; charset=\(plain ? "us-ascii" : "utf-8")",
            "Content-Transfer-Encoding: \(plain ? "7bit" : "base64")",
            "",
            plain ? text.replacingOccurrences(of: "\n", with: "\r\n") : Self.base64Lines(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
            "--\(boundary)",
            "Content-Type: \(attachment.contentType);\r\n name=\"\(attachment.filename)\"",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment;\r\n filename=\"\(attachment.filename)\"",
            "",
            Self.base64Lines(attachment.bytes),
            "--\(boundary)--",
        ]
        return (headers + parts).joined(separator: "\r\n") + "\r\n"
    }

    /// Base64 in lines of at most 76 characters (RFC 2045 §6.8), CRLF between them.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// The header with its last line folded before the address when that line would pass 78 characters (RFC 5322 §2.1.1).
    static func folded(_ header: String) -> String {
        let last = header.components(separatedBy: "\r\n").last ?? header
        guard last.utf8.count > 78, let angle = header.range(of: " <", options: .backwards) else { return header }
        return header.replacingCharacters(in: angle, with: "\r\n <")
    }

    /// A display name as a quoted string when it is ASCII, as RFC 2047 encoded words otherwise.
    static func phrase(_ text: String) -> String {
        guard text.allSatisfy(\.isASCII) else { return encodedWords(text) }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// ASCII as it is; anything else as RFC 2047 "B" encoded words of whole characters, each word within 75
    /// characters, folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var words: [[UInt8]] = [], chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(chunk)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    private static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }
}
