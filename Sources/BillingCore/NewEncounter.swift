/// A visit to be charged, as the claims module (or the desk, for self-pay services) sends it.
public struct NewEncounter: Sendable, Equatable, Codable {
    public var accountID: Int64
    public var patientID: Int64
    public var providerID: Int64
    public var locationID: Int64
    public var dateOfService: CalendarDate
    public var placeOfService: String
    public var claimNumber: String?
    public var lines: [NewServiceLine]

    public init(accountID: Int64, patientID: Int64, providerID: Int64, locationID: Int64, dateOfService: CalendarDate,
                placeOfService: String, claimNumber: String?, lines: [NewServiceLine]) {
        self.accountID = accountID
        self.patientID = patientID
        self.providerID = providerID
        self.locationID = locationID
        self.dateOfService = dateOfService
        self.placeOfService = placeOfService
        self.claimNumber = claimNumber
        self.lines = lines
    }

    /// Everything wrong with this visit, with field paths; empty when it may be charged.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if !BillingCodeFormat.isPlaceOfService(placeOfService) {
            errors.append(FieldError("placeOfService", "must be a two-digit CMS place-of-service code such as 11"))
        }
        if let claim = claimNumber, !BillingCodeFormat.isClaimNumber(claim) {
            errors.append(FieldError("claimNumber", "must be 1 to 38 letters, digits or - . _"))
        }
        if lines.isEmpty { errors.append(FieldError("lines", "at least one service line is required")) }
        if lines.count > 50 { errors.append(FieldError("lines", "at most 50 service lines per visit")) }
        for (index, line) in lines.enumerated() {
            errors += line.problems().map { FieldError("lines[\(index)].\($0.field)", $0.reason) }
        }
        if !lines.isEmpty, !lines.contains(where: { $0.charge.isPositive }) {
            errors.append(FieldError("lines", "at least one line must have a charge above zero"))
        }
        if claimNumber == nil, lines.contains(where: { !$0.selfPay }) {
            errors.append(FieldError("claimNumber", "is required when a line is billed to insurance"))
        }
        return errors
    }

    /// The charge transaction: each line's charge owed by insurance, or by the patient for self-pay lines.
    public static func chargePostings(_ lines: [(serviceLineID: Int64, charge: Money, selfPay: Bool)]) -> [Posting] {
        lines.filter { $0.charge.isPositive }.flatMap { line in
            [line.selfPay ? Posting(.patientDue, line.charge, line: line.serviceLineID, reason: .selfPay)
                          : Posting(.insuranceDue, line.charge, line: line.serviceLineID),
             Posting(.revenue, line.charge.negated, line: line.serviceLineID)]
        }
    }
}

public struct NewServiceLine: Sendable, Equatable, Codable {
    public var code: String
    public var modifiers: [String]
    public var diagnosisCodes: [String]
    public var units: Int
    public var charge: Money
    public var selfPay: Bool
    public var lineControlNumber: String?

    public init(code: String, modifiers: [String] = [], diagnosisCodes: [String] = [], units: Int = 1, charge: Money,
                selfPay: Bool = false, lineControlNumber: String? = nil) {
        self.code = code
        self.modifiers = modifiers
        self.diagnosisCodes = diagnosisCodes
        self.units = units
        self.charge = charge
        self.selfPay = selfPay
        self.lineControlNumber = lineControlNumber
    }

    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        if !BillingCodeFormat.isProcedureCode(code) {
            errors.append(FieldError("code", "'\(code.prefix(20))' is not a CPT, HCPCS or practice code"))
        }
        if modifiers.count > 4 { errors.append(FieldError("modifiers", "at most four modifiers")) }
        for (index, modifier) in modifiers.enumerated() where !BillingCodeFormat.isModifier(modifier) {
            errors.append(FieldError("modifiers[\(index)]", "'\(modifier.prefix(10))' is not a two-character modifier"))
        }
        if diagnosisCodes.count > 12 { errors.append(FieldError("diagnosisCodes", "at most twelve diagnosis codes")) }
        for (index, diagnosis) in diagnosisCodes.enumerated() where !BillingCodeFormat.isICD10(diagnosis) {
            errors.append(FieldError("diagnosisCodes[\(index)]", "'\(diagnosis.prefix(10))' is not an ICD-10-CM code"))
        }
        if !(1...999).contains(units) { errors.append(FieldError("units", "must be between 1 and 999")) }
        if charge.isNegative { errors.append(FieldError("charge", "cannot be negative")) }
        if charge > Money.largestEntry { errors.append(FieldError("charge", "is above \(Money.largestEntry.formatted)")) }
        if let control = lineControlNumber, !BillingCodeFormat.isClaimNumber(control) {
            errors.append(FieldError("lineControlNumber", "must be 1 to 38 letters, digits or - . _"))
        }
        return errors
    }
}

/// Shapes of the codes on a claim. Only shapes: whether a code exists is the payers' business.
public enum BillingCodeFormat {
    /// CPT (5 digits, or 4 digits and F/T/U), HCPCS Level II (a letter and 4 digits), or a practice code for
    /// services without one (capitals, digits and hyphens, such as "FILLER-HA").
    public static func isProcedureCode(_ code: String) -> Bool {
        let chars = Array(code)
        guard chars.allSatisfy({ $0.isASCII }) else { return false }
        if chars.count == 5 {
            if chars.allSatisfy(\.isASCIIDigit) { return true }
            if chars[0...3].allSatisfy(\.isASCIIDigit), "FTU".contains(chars[4]) { return true }
            if chars[0].isUppercase, chars[1...].allSatisfy(\.isASCIIDigit) { return true }
        }
        // A practice code in the plain-language table is one whether or not it has a hyphen ("MICRODERM").
        return (3...20).contains(chars.count) && chars.first!.isUppercase && (chars.contains("-") || PlainLanguageCodes.isKnown(code: code))
            && chars.allSatisfy { $0.isUppercase || $0.isASCIIDigit || $0 == "-" }
    }

    public static func isModifier(_ modifier: String) -> Bool {
        modifier.count == 2 && modifier.allSatisfy { $0.isASCII && ($0.isASCIIDigit || $0.isUppercase) }
    }

    /// ICD-10-CM: a letter (not U), a digit, a digit or letter, then optionally a dot and up to four more.
    public static func isICD10(_ code: String) -> Bool {
        let chars = Array(code)
        guard (3...8).contains(chars.count), chars.allSatisfy({ $0.isASCII }) else { return false }
        guard chars[0].isUppercase, chars[0] != "U", chars[1].isASCIIDigit,
              chars[2].isASCIIDigit || chars[2].isUppercase else { return false }
        var rest = chars.dropFirst(3)
        if rest.first == "." { rest = rest.dropFirst(); if rest.isEmpty { return false } }
        return rest.count <= 4 && rest.allSatisfy { $0.isASCIIDigit || $0.isUppercase }
    }

    public static func isPlaceOfService(_ code: String) -> Bool { code.count == 2 && code.allSatisfy(\.isASCIIDigit) }

    public static func isClaimNumber(_ text: String) -> Bool {
        (1...38).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isASCIIDigit || "-._".contains($0)) }
    }
}
