import Foundation

/// An email address as the portal sends to: `local@domain`, ASCII only, in the dot-atom form of RFC 5322 §3.4.1
/// (no quoted local parts, no comments, no address literals). Stricter than the RFC on purpose: what the front desk
/// types or the account holds must be an ordinary mailbox, and nothing in it can break out of a header or an SMTP
/// command (no CR, LF, space, `<`, `>`, `"`, `,`, `;`).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public let local: String
    public let domain: String

    public var description: String { "\(local)@\(domain)" }

    /// "m…@example.com": enough for the desk to recognise the address, shown where the whole one is not needed.
    public var masked: String { "\(local.prefix(1))…@\(domain)" }

    /// Characters RFC 5322 allows in an atom besides letters and digits.
    private static let atomSymbols = Set("!#$%&'*+-/=?^_`{|}~")

    public init(_ text: String) throws(MailError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, trimmed.utf8.count <= 254 else { throw .invalidAddress(Self.reason(trimmed)) }
        let local = String(parts[0]), domain = String(parts[1]).lowercased()
        guard !local.isEmpty, local.utf8.count <= 64, Self.isDotAtom(local) else {
            throw .invalidAddress("the part before @ is not an ordinary mailbox name")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(Self.isDomainLabel), labels.last!.contains(where: \.isLetter) else {
            throw .invalidAddress("'\(domain.prefix(40))' is not a domain name")
        }
        self.local = local
        self.domain = domain
    }

    private static func reason(_ text: String) -> String {
        text.isEmpty ? "no address given" : text.contains("@") ? "an address has exactly one @" : "an address needs an @ and a domain"
    }

    private static func isDotAtom(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || atomSymbols.contains($0)) }
        }
    }

    private static func isDomainLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
            && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}
