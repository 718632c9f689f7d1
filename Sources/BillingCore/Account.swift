/// A guarantor account: the person who receives the statement and owes the patient share for everyone on it.
public struct Account: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var accountNumber: String
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate
    public var address: MailingAddress
    public var email: String
    public var phone: String
    public var preferredLanguage: Language

    public init(id: Int64, accountNumber: String, firstName: String, lastName: String, dateOfBirth: CalendarDate,
                address: MailingAddress, email: String, phone: String, preferredLanguage: Language) {
        self.id = id
        self.accountNumber = accountNumber
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.email = email
        self.phone = phone
        self.preferredLanguage = preferredLanguage
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

/// A person seen by the practice. The guarantor is usually a patient too; children are patients on a parent's account.
public struct Patient: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var accountID: Int64
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate
    /// "self", "child", "spouse", "other".
    public var relationship: String

    public init(id: Int64, accountID: Int64, firstName: String, lastName: String, dateOfBirth: CalendarDate, relationship: String) {
        self.id = id
        self.accountID = accountID
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.relationship = relationship
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

/// Account numbers are eight digits: a seven-digit serial and a Luhn check digit, so a mistyped number is caught
/// before it is looked up.
public enum AccountNumber {
    public static func make(serial: Int64) -> String {
        let body = String(format: "%07lld", 1_000_000 + serial % 9_000_000)
        return body + String(CheckDigit.luhn(body))
    }

    public static func isValid(_ text: String) -> Bool {
        text.count == 8 && text.allSatisfy(\.isASCIIDigit) && CheckDigit.luhn(String(text.dropLast())) == Int(String(text.last!))
    }
}

/// Mod-10 (Luhn) check digits: account numbers, statement numbers and the remittance scan line.
public enum CheckDigit {
    public static func luhn(_ digits: String) -> Int {
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            guard let digit = char.wholeNumberValue else { continue }
            if index % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }

    /// True when the last digit is the Luhn check digit of the others (how card numbers are recognised too).
    public static func passesLuhn(_ digits: String) -> Bool {
        guard digits.count >= 2, digits.allSatisfy(\.isASCIIDigit) else { return false }
        return luhn(String(digits.dropLast())) == digits.last!.wholeNumberValue
    }
}
