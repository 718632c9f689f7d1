/// A patient statement: a snapshot of one guarantor account at a cycle date. Built once from the ledger, stored as
/// canonical JSON with its SHA-256, and rendered from that value ever after — the web page and the PDF alike.
public struct Statement: Sendable, Equatable, Codable {
    public var number: String
    /// What the patient types online (printed on the paper statement).
    public var accessCode: String
    public var cycleDate: CalendarDate
    public var dueDate: CalendarDate
    /// The previous statement's date; activity is what happened after it, up to `cycleDate`.
    public var previousCycleDate: CalendarDate?
    public var language: Language
    public var practice: Practice
    public var guarantor: Guarantor
    public var summary: Summary
    public var visits: [Visit]
    public var activity: [Activity]
    public var aging: AgingBuckets
    public var messages: [String]
    /// The payment plan the account is on; absent, and so left out of the canonical JSON, for every other statement.
    public var plan: PlanSummary?
    /// The right to dispute a bill at least $400 over its Good Faith Estimate, while the 120 days are open. Absent
    /// (and left out of the JSON, so older snapshots keep their bytes) otherwise.
    public var disputeNotice: String?

    public init(number: String,
                accessCode: String,
                cycleDate: CalendarDate,
                dueDate: CalendarDate,
                previousCycleDate: CalendarDate?,
                language: Language,
                practice: Practice,
                guarantor: Guarantor,
                summary: Summary,
                visits: [Visit],
                activity: [Activity],
                aging: AgingBuckets,
                messages: [String],
                plan: PlanSummary? = nil,
                disputeNotice: String? = nil) {
        self.number = number
        self.accessCode = accessCode
        self.cycleDate = cycleDate
        self.dueDate = dueDate
        self.previousCycleDate = previousCycleDate
        self.language = language
        self.practice = practice
        self.guarantor = guarantor
        self.summary = summary
        self.visits = visits
        self.activity = activity
        self.aging = aging
        self.messages = messages
        self.plan = plan
        self.disputeNotice = disputeNotice
    }

    public struct Guarantor: Sendable, Equatable, Codable {
        public var accountNumber: String
        public var name: String
        public var address: MailingAddress

        public init(accountNumber: String, name: String, address: MailingAddress) {
            self.accountNumber = accountNumber
            self.name = name
            self.address = address
        }
    }

    /// The account in one box. `balance` is everything still owed on the account by anyone; `amountDue` is the
    /// patient's part now. By double entry: previous + charges − insurance payments − adjustments − patient payments
    /// − write-offs + refunds = balance, always exactly.
    public struct Summary: Sendable, Equatable, Codable {
        public var previousBalance: Money
        public var newCharges: Money
        public var insurancePayments: Money
        public var insuranceAdjustments: Money
        public var patientPayments: Money
        public var writeOffs: Money
        public var refunds: Money
        public var balance: Money
        public var insurancePending: Money
        public var credit: Money
        public var amountDue: Money

        public init(previousBalance: Money, newCharges: Money, insurancePayments: Money, insuranceAdjustments: Money, patientPayments: Money, writeOffs: Money, refunds: Money, balance: Money, insurancePending: Money, credit: Money, amountDue: Money) {
            self.previousBalance = previousBalance
            self.newCharges = newCharges
            self.insurancePayments = insurancePayments
            self.insuranceAdjustments = insuranceAdjustments
            self.patientPayments = patientPayments
            self.writeOffs = writeOffs
            self.refunds = refunds
            self.balance = balance
            self.insurancePending = insurancePending
            self.credit = credit
            self.amountDue = amountDue
        }
    }

    public struct Visit: Sendable, Equatable, Codable {
        public var dateOfService: CalendarDate
        public var patientName: String
        public var provider: String
        public var location: String
        public var lines: [Line]

        public init(dateOfService: CalendarDate, patientName: String, provider: String, location: String, lines: [Line]) {
            self.dateOfService = dateOfService
            self.patientName = patientName
            self.provider = provider
            self.location = location
            self.lines = lines
        }
        public var total: Line.Totals { Line.Totals(lines) }
    }

    public struct Line: Sendable, Equatable, Codable {
        public var code: String
        public var modifiers: [String]
        public var description: String
        public var units: Int
        public var charge: Money
        public var insurancePaid: Money
        public var adjustments: Money
        public var patientPaid: Money
        public var yourShare: Money
        public var insurancePending: Money
        public var reasons: [Reason]
        public var selfPay: Bool

        public init(code: String, modifiers: [String], description: String, units: Int, charge: Money, insurancePaid: Money, adjustments: Money, patientPaid: Money, yourShare: Money, insurancePending: Money, reasons: [Reason], selfPay: Bool) {
            self.code = code
            self.modifiers = modifiers
            self.description = description
            self.units = units
            self.charge = charge
            self.insurancePaid = insurancePaid
            self.adjustments = adjustments
            self.patientPaid = patientPaid
            self.yourShare = yourShare
            self.insurancePending = insurancePending
            self.reasons = reasons
            self.selfPay = selfPay
        }

        /// Code with its modifiers, as printed beside the words: "99213-25".
        public var codeWithModifiers: String { ([code] + modifiers).joined(separator: "-") }

        public struct Reason: Sendable, Equatable, Codable {
            public var reason: ResponsibilityReason
            public var amount: Money

            public init(reason: ResponsibilityReason, amount: Money) {
                self.reason = reason
                self.amount = amount
            }
        }

        public struct Totals: Sendable, Equatable {
            public var charge: Money, insurancePaid: Money, adjustments: Money, patientPaid: Money, yourShare: Money, insurancePending: Money
            init(_ lines: [Line]) {
                charge = lines.map(\.charge).sum()
                insurancePaid = lines.map(\.insurancePaid).sum()
                adjustments = lines.map(\.adjustments).sum()
                patientPaid = lines.map(\.patientPaid).sum()
                yourShare = lines.map(\.yourShare).sum()
                insurancePending = lines.map(\.insurancePending).sum()
            }
        }
    }

    /// Money that moved on the account during the period, for the "activity" list (payments, insurance, refunds).
    public struct Activity: Sendable, Equatable, Codable {
        public var date: CalendarDate
        public var description: String
        public var amount: Money

        public init(date: CalendarDate, description: String, amount: Money) {
            self.date = date
            self.description = description
            self.amount = amount
        }
    }
}


/// Statement numbers: YYMM of the cycle, a six-digit serial and a Luhn check digit — all digits, so the remittance
/// scan line can carry them.
public enum StatementNumber {
    public static func make(cycle: CalendarDate, serial: Int64) -> String {
        let body = String(format: "%02d%02d%06lld", cycle.year % 100, cycle.month, serial % 1_000_000)
        return body + String(CheckDigit.luhn(body))
    }

    public static func isValid(_ text: String) -> Bool { text.count == 11 && CheckDigit.passesLuhn(text) }
}

/// The code printed on a paper statement for signing in online: eight characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L), shown as "K7M2-Q9XD", typed in any case with or without the dash.
public enum StatementAccessCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make(randomBytes: [UInt8]) -> String {
        let chars = randomBytes.prefix(8).map { alphabet[Int($0) % alphabet.count] }
        return String(chars.prefix(4)) + "-" + String(chars.dropFirst(4))
    }

    /// The canonical form of what someone typed, or nil when it cannot be a code.
    public static func normalize(_ typed: String) -> String? {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == 8, cleaned.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return String(cleaned.prefix(4)) + "-" + String(cleaned.dropFirst(4))
    }
}
