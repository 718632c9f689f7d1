/// One 835 transaction set (ST to SE): a payment or advice from one payer to one payee.
public struct Remittance: Equatable, Sendable {
    /// ST02.
    public var controlNumber: String
    /// Number of the ST segment in the file.
    public var segmentNumber: Int
    public var payment: Payment
    /// TRN02: the check or EFT trace number, the reference on the deposit.
    public var traceNumber: String
    public var payer: Payer
    public var payee: Payee
    public var claims: [ClaimPayment]
    public var providerAdjustments: [ProviderAdjustment]
}

/// BPR: how much was paid, how and when.
public struct Payment: Equatable, Sendable {
    public enum Handling: String, CaseIterable, Sendable {
        case paymentWithAdvice = "C"
        case adviceOnly = "I"
        case notificationOnly = "H"
        case paymentOnly = "D"
        case prenotification = "P"
        case splitPaymentAndAdvice = "U"
        case handlingPartysOption = "X"
    }

    public enum Direction: String, CaseIterable, Sendable {
        case credit = "C"
        case debit = "D"
    }

    public enum Method: String, CaseIterable, Sendable {
        case ach = "ACH"
        case check = "CHK"
        case financialInstitutionOption = "BOP"
        case wireTransfer = "FWT"
        case nonPayment = "NON"
    }

    /// BPR01.
    public var handling: Handling
    /// BPR02, total actual provider payment.
    public var amountCents: Int64
    /// BPR03.
    public var direction: Direction
    /// BPR04.
    public var method: Method
    /// BPR16, the check issue or EFT effective date. Nil when it is not a calendar date: managed-care.835 has
    /// "20002316", and the deposit's own date matters more for posting than a payer's typo here.
    public var date: X12Date?
}

/// N1*PR loop.
public struct Payer: Equatable, Sendable {
    public var name: String
    /// REF*2U, the payer's identification number.
    public var payerID: String?
}

/// N1*PE loop.
public struct Payee: Equatable, Sendable {
    public var name: String
    /// N103, e.g. XX (NPI), FI (tax id).
    public var identifierQualifier: String?
    /// N104.
    public var identifier: String?

    /// N104 when N103 says it is an NPI.
    public var npi: String? { identifierQualifier == "XX" ? identifier : nil }
}

extension Payment {
    init(bpr segment: X12Segment) throws(X12Error) {
        handling = try X12Code.parse(segment, 1, as: Handling.self)
        amountCents = try X12Value.requiredCents(segment, 2)
        direction = try X12Code.parse(segment, 3, as: Direction.self)
        method = try X12Code.parse(segment, 4, as: Method.self)
        date = X12Date(segment.element(16))
    }
}
