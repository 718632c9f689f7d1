import Foundation

/// The OCR-A line at the foot of the remittance coupon, read by the bank's lockbox scanner: account number (8 digits),
/// statement number (11), amount due in cents (10), and a mod-10 (Luhn) check digit over those 29 — 30 digits, zero
/// filled, no spaces, so a misread digit or two swapped neighbours is caught before a payment is posted.
public struct ScanLine: Sendable, Equatable {
    public static let accountDigits = 8
    public static let statementDigits = 11
    public static let amountDigits = 10
    public static let length = accountDigits + statementDigits + amountDigits + 1

    public let accountNumber: String
    public let statementNumber: String
    public let amountDue: Money

    /// Shorter numbers are zero-filled on the left; longer ones, non-digits and negative amounts are refused.
    public init(accountNumber: String, statementNumber: String, amountDue: Money) throws(ScanLineError) {
        self.accountNumber = try Self.zeroFilled(accountNumber, to: Self.accountDigits, field: .accountNumber)
        self.statementNumber = try Self.zeroFilled(statementNumber, to: Self.statementDigits, field: .statementNumber)
        guard !amountDue.isNegative else { throw .negativeAmount(amountDue) }
        let cents = String(amountDue.cents)
        guard cents.count <= Self.amountDigits else { throw .tooLong(field: .amountDue, cents) }
        self.amountDue = amountDue
    }

    /// The 30 digits to print.
    public var text: String {
        let body = accountNumber + statementNumber + Self.pad(String(amountDue.cents), to: Self.amountDigits)
        return body + String(CheckDigit.luhn(body))
    }

    /// Reads back a scanned line. Whitespace around it (a scanner's line end) is ignored; anything else must be
    /// exactly 30 digits whose last is the check digit of the others.
    public static func parse(_ scanned: String) throws(ScanLineError) -> ScanLine {
        let text = scanned.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.allSatisfy(\.isASCIIDigit) else { throw .notDigits(text) }
        guard text.count == length else { throw .wrongLength(text.count) }
        let digits = Array(text)
        let body = String(digits.dropLast())
        let expected = CheckDigit.luhn(body)
        let found = digits.last!.wholeNumberValue!
        guard expected == found else { throw .checkDigitMismatch(expected: expected, found: found) }
        let account = String(digits[0..<accountDigits])
        let statement = String(digits[accountDigits..<(accountDigits + statementDigits)])
        let cents = Int64(String(digits[(accountDigits + statementDigits)..<(length - 1)]))!
        return try ScanLine(accountNumber: account, statementNumber: statement, amountDue: Money(cents: cents))
    }

    private static func zeroFilled(_ digits: String, to width: Int, field: ScanLineError.Field) throws(ScanLineError) -> String {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { throw .notDigits(digits) }
        guard digits.count <= width else { throw .tooLong(field: field, digits) }
        return pad(digits, to: width)
    }

    private static func pad(_ digits: String, to width: Int) -> String {
        String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

public enum ScanLineError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Field: String, Sendable {
        case accountNumber = "account number"
        case statementNumber = "statement number"
        case amountDue = "amount due in cents"
    }

    case notDigits(String)
    case tooLong(field: Field, String)
    case negativeAmount(Money)
    case wrongLength(Int)
    case checkDigitMismatch(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notDigits(let text): "scan line field '\(text)' must be digits only"
        case .tooLong(let field, let text): "\(field.rawValue) '\(text)' is too long for the scan line"
        case .negativeAmount(let amount): "a scan line cannot carry a negative amount (\(amount.formatted))"
        case .wrongLength(let count): "a scan line has \(ScanLine.length) digits, not \(count)"
        case .checkDigitMismatch(let expected, let found):
            "scan line check digit is \(found) but the digits before it give \(expected): misread or altered"
        }
    }
}
