/// Why a patient owes part of a line: shown on the statement beside the amount.
public enum ResponsibilityReason: String, Codable, Sendable, CaseIterable {
    case deductible, coinsurance, copay
    case nonCovered = "non_covered"
    case selfPay = "self_pay"
    case other

    public var plainName: String {
        switch self {
        case .deductible: "Deductible"
        case .coinsurance: "Coinsurance"
        case .copay: "Copay"
        case .nonCovered: "Not covered by your plan"
        case .selfPay: "Self-pay"
        case .other: "Patient responsibility"
        }
    }

    /// X12 CAS reason codes under group PR, mapped to what a patient understands.
    public init(patientResponsibilityCode code: String) {
        switch code {
        case "1": self = .deductible
        case "2": self = .coinsurance
        case "3": self = .copay
        case "96", "204", "B1", "49", "50", "119", "N130": self = .nonCovered
        default: self = .other
        }
    }
}

/// One leg of a ledger transaction.
public struct Posting: Hashable, Sendable, Codable {
    public var book: Book
    /// Debit positive, credit negative.
    public var amount: Money
    /// The service line (charge) this leg applies to, where there is one.
    public var serviceLineID: Int64?
    public var reason: ResponsibilityReason?

    public init(_ book: Book, _ amount: Money, line serviceLineID: Int64? = nil, reason: ResponsibilityReason? = nil) {
        self.book = book
        self.amount = amount
        self.serviceLineID = serviceLineID
        self.reason = reason
    }

    public var reversed: Posting { Posting(book, amount.negated, line: serviceLineID, reason: reason) }

    enum CodingKeys: String, CodingKey { case book, amount, serviceLineID, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .book)
        guard let book = Book(code: code) else {
            throw DecodingError.dataCorruptedError(forKey: .book, in: c, debugDescription: "unknown book '\(code)'")
        }
        self.book = book
        amount = try c.decode(Money.self, forKey: .amount)
        serviceLineID = try c.decodeIfPresent(Int64.self, forKey: .serviceLineID)
        reason = try c.decodeIfPresent(ResponsibilityReason.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(book.code, forKey: .book)
        try c.encode(amount, forKey: .amount)
        try c.encodeIfPresent(serviceLineID, forKey: .serviceLineID)
        try c.encodeIfPresent(reason, forKey: .reason)
    }
}
