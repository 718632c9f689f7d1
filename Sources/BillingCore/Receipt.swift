/// A receipt for money received or paid back: built from the ledger transaction, rendered as HTML now and as PDF by
/// the printing module, from this same value.
public struct Receipt: Sendable, Equatable, Codable {
    public var number: String
    public var practice: Practice
    public var accountNumber: String
    public var payerName: String
    public var date: CalendarDate
    public var method: PaymentMethod
    public var amount: Money
    /// Check number, terminal reference or gateway payment id.
    public var reference: String?
    /// Cash handed over and change given back, for cash payments.
    public var tendered: Money?
    public var change: Money?
    public var applied: [AppliedLine]
    public var toCredit: Money
    public var takenBy: String
    public var isRefund: Bool

    public struct AppliedLine: Sendable, Equatable, Codable {
        public var dateOfService: CalendarDate
        public var description: String
        public var amount: Money

        public init(dateOfService: CalendarDate, description: String, amount: Money) {
            self.dateOfService = dateOfService
            self.description = description
            self.amount = amount
        }
    }

    public init(number: String, practice: Practice, accountNumber: String, payerName: String, date: CalendarDate,
                method: PaymentMethod, amount: Money, reference: String?, tendered: Money?, change: Money?,
                applied: [AppliedLine], toCredit: Money, takenBy: String, isRefund: Bool) {
        self.number = number
        self.practice = practice
        self.accountNumber = accountNumber
        self.payerName = payerName
        self.date = date
        self.method = method
        self.amount = amount
        self.reference = reference
        self.tendered = tendered
        self.change = change
        self.applied = applied
        self.toCredit = toCredit
        self.takenBy = takenBy
        self.isRefund = isRefund
    }
}

/// Receipt numbers: "R" and the ledger transaction id, zero-filled to nine digits, with a Luhn check digit, so a
/// receipt leads straight to its transaction and a mistyped one is caught.
public enum ReceiptNumber {
    public static func make(transactionID: Int64) -> String {
        let body = String(format: "%09lld", transactionID)
        return "R" + body + String(CheckDigit.luhn(body))
    }

    /// The transaction id a receipt number stands for, or nil when it is not one.
    public static func transactionID(_ number: String) -> Int64? {
        let digits = number.uppercased().hasPrefix("R") ? String(number.dropFirst()) : number
        guard digits.count == 10, CheckDigit.passesLuhn(digits) else { return nil }
        return Int64(digits.dropLast())
    }
}

/// Cash at the counter: what was handed over, and the change owed back.
public enum CashTender {
    /// Nil when less was handed over than is being paid.
    public static func change(paying amount: Money, tendered: Money) -> Money? {
        tendered >= amount ? tendered - amount : nil
    }
}
