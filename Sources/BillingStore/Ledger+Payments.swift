import BillingCore
import GRDB

/// A payment from a patient or guarantor, online or at the desk.
public struct PatientPayment: Sendable, Equatable {
    public var accountID: Int64
    public var amount: Money
    public var method: PaymentMethod
    /// Check number, terminal reference or gateway payment id.
    public var reference: String?
    public var receivedOn: CalendarDate
    /// The visit the payer chose to pay first; oldest-first otherwise.
    public var preferredEncounterID: Int64?
    /// A deposit toward a future (cosmetic) service: kept whole as patient credit, not applied to open lines.
    public var isDeposit: Bool

    public init(accountID: Int64, amount: Money, method: PaymentMethod, reference: String? = nil,
                receivedOn: CalendarDate, preferredEncounterID: Int64? = nil, isDeposit: Bool = false) {
        self.accountID = accountID
        self.amount = amount
        self.method = method
        self.reference = reference
        self.receivedOn = receivedOn
        self.preferredEncounterID = preferredEncounterID
        self.isDeposit = isDeposit
    }

    var fingerprint: String {
        "payment|\(accountID)|\(amount.cents)|\(method.rawValue)|\(reference ?? "")|\(preferredEncounterID ?? 0)|\(isDeposit)"
    }
}

extension Ledger {
    /// Posts a payment: oldest patient-due lines first (or the chosen visit's), the rest to patient credit.
    public func recordPayment(_ payment: PatientPayment, key: String, by actor: Actor) async throws -> PostedTransaction {
        let timestamp = database.timestamp()
        return try await database.pool.write { db in
            try Self.postPayment(payment, key: key, by: actor, at: timestamp, in: db)
        }
    }

    /// The payment posting itself, inside a caller's write transaction (online payments update their own record in
    /// the same transaction). The amount and method rules are checked here, so every way in — the desk, the gateway's
    /// answer, its webhook, a plan's installment — is held to them.
    static func postPayment(_ payment: PatientPayment, key: String, by actor: Actor, at timestamp: String, in db: Database) throws -> PostedTransaction {
        guard payment.amount.isPositive else { throw LedgerError.amountNotPositive(payment.amount) }
        guard payment.amount <= Money.largestEntry else {
            throw LedgerError.invalid(ValidationFailure([FieldError("amount", "is above \(Money.largestEntry.formatted)")]))
        }
        guard payment.method.isPatientMethod else { throw LedgerError.notAPatientMethod(payment.method) }
        if let first = try LedgerWriter.replay(key: key, fingerprint: payment.fingerprint, in: db) { return first }
        try LedgerWriter.requireAccount(payment.accountID, in: db)
        try requireOpenDay(actor, payment.receivedOn, in: db)
        let allocation = PaymentAllocation.allocate(payment.amount, to: payment.isDeposit ? [] : try openCharges(account: payment.accountID, in: db),
                                                    preferringEncounter: payment.preferredEncounterID)
        let entry = LedgerEntry(kind: .payment, source: actor.source, actor: actor.name, idempotencyKey: key,
                                accountID: payment.accountID, effectiveDate: payment.receivedOn,
                                memo: payment.isDeposit ? "Deposit toward a future visit" : "\(payment.method.plainName) payment",
                                reference: payment.reference,
                                postings: allocation.postings(receivedBy: payment.method))
        return try LedgerWriter.insert(entry, fingerprint: payment.fingerprint, at: timestamp, in: db)
    }

    /// Uses patient credit to pay open lines, oldest first. Returns nil when there is no credit or nothing open.
    public func applyCredit(account: Int64, on date: CalendarDate, key: String, by actor: Actor) async throws -> PostedTransaction? {
        let timestamp = database.timestamp()
        let fingerprint = "apply-credit|\(account)"
        return try await database.pool.write { db in
            if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
            try LedgerWriter.requireAccount(account, in: db)
            let credit = try Self.credit(account: account, in: db)
            let open = try Self.openCharges(account: account, in: db)
            let usable = Money.min(credit, open.map(\.patientDue).sum())
            guard usable.isPositive else { return nil }
            let legs = PaymentAllocation.allocate(usable, to: open).creditApplicationPostings()
            let entry = LedgerEntry(kind: .creditApplication, source: actor.source, actor: actor.name, idempotencyKey: key,
                                    accountID: account, effectiveDate: date, memo: "Credit applied to open charges", postings: legs)
            return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
        }
    }

    /// Pays patient credit back out by `method`. A refund never exceeds the credit held.
    public func refundCredit(account: Int64, amount: Money, method: PaymentMethod, reference: String?, on date: CalendarDate,
                             key: String, by actor: Actor) async throws -> PostedTransaction {
        guard amount.isPositive else { throw LedgerError.amountNotPositive(amount) }
        guard method.isPatientMethod else { throw LedgerError.notAPatientMethod(method) }
        let timestamp = database.timestamp()
        let fingerprint = "refund|\(account)|\(amount.cents)|\(method.rawValue)|\(reference ?? "")"
        return try await database.pool.write { db in
            if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
            try LedgerWriter.requireAccount(account, in: db)
            try Self.requireOpenDay(actor, date, in: db)
            let credit = try Self.credit(account: account, in: db)
            guard amount <= credit else { throw LedgerError.insufficientCredit(available: credit, requested: amount) }
            let entry = LedgerEntry(kind: .refund, source: actor.source, actor: actor.name, idempotencyKey: key,
                                    accountID: account, effectiveDate: date, memo: "Refund of patient credit", reference: reference,
                                    postings: [Posting(.patientCredit, amount), Posting(.refunds(method), amount.negated)])
            return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
        }
    }

    /// Forgives part of a patient balance (small balance, hardship), oldest lines first.
    public func writeOff(account: Int64, amount: Money, reason: String, on date: CalendarDate, key: String, by actor: Actor) async throws -> PostedTransaction {
        guard amount.isPositive else { throw LedgerError.amountNotPositive(amount) }
        let timestamp = database.timestamp()
        let fingerprint = "write-off|\(account)|\(amount.cents)|\(reason)"
        return try await database.pool.write { db in
            if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
            try LedgerWriter.requireAccount(account, in: db)
            let open = try Self.openCharges(account: account, in: db)
            let due = open.map(\.patientDue).sum()
            guard amount <= due else { throw LedgerError.wouldGoBelowZero(what: "patient due on account \(account)") }
            let applied = PaymentAllocation.allocate(amount, to: open).applied
            let legs = [Posting(.writeOff, amount)] + applied.map { Posting(.patientDue, $0.amount.negated, line: $0.serviceLineID) }
            let entry = LedgerEntry(kind: .writeOff, source: actor.source, actor: actor.name, idempotencyKey: key,
                                    accountID: account, effectiveDate: date, memo: reason, postings: legs)
            return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
        }
    }

    /// A closed desk day takes no more money in or out; corrections go in as reversals.
    static func requireOpenDay(_ actor: Actor, _ date: CalendarDate, in db: Database) throws {
        if actor.source == .desk, try DayCloseStore.isClosed(staff: actor.name, date: date, in: db) {
            throw LedgerError.dayClosed(staff: actor.name, date: date)
        }
    }
}
