import Foundation
import Mail
import MailTestSupport
import Testing

/// The message builder: its MIME structure read back, header values and addresses that are refused.
@Suite struct MailMessageTests {
    /// Bytes shaped like a PDF, with every byte value, so base64 and line breaking are tested on all of them.
    static let pdf = Array("%PDF-1.7\n".utf8) + (0..<4_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }

    static func message(subject: String = "Your Good Faith Estimate from Blue Ridge Dermatology", fromName: String = "Blue Ridge Dermatology",
                        body: String = "Hello,\n\nYour Good Faith Estimate is attached.\n\nCall us at 828-555-0100.\n") throws -> MailMessage {
        try MailMessage(from: MailAddress("billing@blueridge.example"), fromName: fromName, to: MailAddress("ana@example.com"),
                        subject: subject, body: body,
                        attachment: .init(filename: "good-faith-estimate-GFE-1.pdf", contentType: "application/pdf", bytes: pdf),
                        date: Date(timeIntervalSince1970: 1_796_083_200))
    }

    @Test func theMessageParsesBackToItsHeadersTextAndTheExactAttachment() throws {
        let message = try Self.message()
        let text = message.rendered()
        #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        let parsed = try ParsedMail(text)
        #expect(parsed.headers["date"] == "Tue, 01 Dec 2026 00:00:00 +0000")
        #expect(parsed.headers["from"] == "\"Blue Ridge Dermatology\" <billing@blueridge.example>")
        #expect(parsed.headers["content-type"]?.hasPrefix("multipart/mixed; boundary=\"=_clearbill_") == true)
        #expect(parsed.headers["to"] == "<ana@example.com>")
        #expect(parsed.headers["subject"] == "Your Good Faith Estimate from Blue Ridge Dermatology")
        #expect(parsed.headers["mime-version"] == "1.0")
        let id = try #require(parsed.headers["message-id"])
        #expect(id == message.messageID && id.hasPrefix("<") && id.hasSuffix("@blueridge.example>"))
        #expect(try Self.message().messageID != id, "each message has its own id")
        #expect(parsed.parts.count == 2)
        let body = parsed.parts[0], attachment = parsed.parts[1]
        #expect(body.headers["content-type"] == "text/plain; charset=us-ascii")
        #expect(String(decoding: body.content, as: UTF8.self) == "Hello,\r\n\r\nYour Good Faith Estimate is attached.\r\n\r\nCall us at 828-555-0100.\r\n")
        #expect(attachment.headers["content-type"] == "application/pdf; name=\"good-faith-estimate-GFE-1.pdf\"")
        #expect(attachment.headers["content-disposition"] == "attachment; filename=\"good-faith-estimate-GFE-1.pdf\"")
        #expect(attachment.headers["content-transfer-encoding"] == "base64")
        #expect(attachment.content == Self.pdf && attachment.content.starts(with: Array("%PDF".utf8)))
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "no line longer than RFC 5322's 78")
        let base64 = lines.filter { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) } }
        #expect(base64.count > 50 && base64.allSatisfy { $0.utf8.count <= 76 } && base64.filter { $0.utf8.count == 76 }.count == base64.count - 1,
                "the attachment in full 76-column lines but the last")
        #expect(text.utf8.allSatisfy { $0 < 128 }, "7-bit clean")
    }

    @Test func textThatIsNotASCIIIsEncodedAndDecodesBack() throws {
        let name = "Clínica Peña — Dermatología y Estética Avanzada de las Montañas Azules"
        let message = try Self.message(subject: "Su estimación de \(name)", fromName: name, body: "Hola, Señora Peña.\n")
        let text = message.rendered()
        #expect(text.utf8.allSatisfy { $0 < 128 })
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        let parsed = try ParsedMail(text)
        #expect(ParsedMail.decodedWords(try #require(parsed.headers["subject"])) == "Su estimación de \(name)")
        #expect(parsed.parts[0].headers["content-transfer-encoding"] == "base64")
        #expect(String(decoding: parsed.parts[0].content, as: UTF8.self) == "Hola, Señora Peña.\r\n")
    }

    @Test func aLineBreakInAHeaderValueIsRefused() throws {
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "contains a line break")) {
            try Self.message(subject: "Estimate\r\nBcc: everyone@example.net")
        }
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "contains a line break")) { try Self.message(subject: "a\nb") }
        #expect(throws: MailError.invalidHeader(name: "From", reason: "contains a line break")) { try Self.message(fromName: "Practice\rX-Evil: 1") }
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "is empty")) { try Self.message(subject: "  ") }
        #expect(throws: MailError.invalidHeader(name: "Subject", reason: "contains a control character")) { try Self.message(subject: "a\u{0}b") }
    }

    @Test(arguments: ["ana@example.com", "m.o'neil+gfe@mail.example.co.uk", "A_B@Sub-Domain.Example.ORG", " ana@example.com "])
    func ordinaryAddressesAreAccepted(_ text: String) throws {
        let address = try MailAddress(text)
        #expect(address.description == text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Sub-Domain.Example.ORG", with: "sub-domain.example.org"))
    }

    @Test(arguments: ["", "ana", "ana@", "@example.com", "ana@@example.com", "ana@example", "ana@exa mple.com", "a b@example.com",
                      "ana@example.com\r\nRCPT TO:<x@evil.example>", "ana@example.com>", "<ana@example.com>", "\"ana\"@example.com",
                      "ana..b@example.com", ".ana@example.com", "ana@-example.com", "ana@example.123", "añа@example.com",
                      "ana@example.com,bob@example.com", String(repeating: "a", count: 65) + "@example.com"])
    func anythingElseIsRefused(_ text: String) {
        #expect(throws: MailError.self) { try MailAddress(text) }
    }

    @Test func theMaskShowsTheFirstLetterAndTheDomain() throws {
        #expect(try MailAddress("maria@example.com").masked == "m…@example.com")
    }
}
