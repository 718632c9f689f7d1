import Foundation
import BillingCore
import GRDB

/// A payment a patient started online: the gateway's intent and what became of it.
public struct OnlinePayment: Sendable, Equatable {
    public enum Status: String, Sendable { case started, succeeded, failed }

    public var id: Int64
    public var accountID: Int64
    public var intentID: String
    public var amount: Money
    public var method: PaymentMethod
    public var status: Status
    public var transactionID: Int64?
    public var failure: String?
}

/// How much of a posted online payment can still go back to the card.
public struct OnlineRefundable: Sendable, Equatable {
    public var payment: OnlinePayment
    public var paid: Money
    public var refunded: Money

    public var remaining: Money { Money.max(paid - refunded, .zero) }
}

/// Online payments, posted to the ledger exactly once when the gateway confirms them — by the webhook, by reading
/// the intent back on the payment page, or by reconciliation later, whichever comes first. Every path posts under the
/// same idempotency key, "gateway:<intent id>".
public struct OnlinePaymentStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Remembers an intent the portal created; recording the same intent again returns the first record.
    public func started(intentID: String, account: Int64, amount: Money, method: PaymentMethod) async throws -> OnlinePayment {
        guard amount.isPositive else { throw LedgerError.amountNotPositive(amount) }
        let now = database.timestamp()
        return try await database.pool.write { db in
            try Self.started(intentID: intentID, account: account, amount: amount, method: method, at: now, in: db)
        }
    }

    static func started(intentID: String, account: Int64, amount: Money, method: PaymentMethod, at now: String, in db: Database) throws -> OnlinePayment {
        try db.execute(sql: """
            INSERT INTO online_payments (account_id, intent_id, amount_cents, method, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'started', ?, ?) ON CONFLICT(intent_id) DO NOTHING
            """, arguments: [account, intentID, amount.cents, method.rawValue, now, now])
        return try Self.find(intentID, in: db)!
    }

    public func find(intentID: String) async throws -> OnlinePayment? {
        try await database.pool.read { try Self.find(intentID, in: $0) }
    }

    /// Posts the confirmed payment once and marks the attempt succeeded, in one transaction. Nil for an unknown intent.
    /// With `audit`, its line (the posting's id, or that it was posted before) is written in the same transaction.
    public func confirm(intentID: String, amountReceived: Money, on date: CalendarDate,
                        audit: OnlinePaymentAudit? = nil) async throws -> PostedTransaction? {
        let now = database.timestamp()
        return try await database.pool.write { db in
            let posted = try Self.confirm(intentID: intentID, amountReceived: amountReceived, on: date, at: now, in: db)
            if let audit, let posted, let attempt = try Self.find(intentID, in: db) {
                try AuditLog.record(actor: audit.actor, action: audit.action, subject: intentID, account: attempt.accountID,
                                    detail: posted.replayed ? "already posted as transaction \(posted.id)"
                                        : "posted transaction \(posted.id) \(posted.amountReceived.formatted)", at: now, in: db)
            }
            return posted
        }
    }

    /// Attempts still `started` that were recorded before `cutoff`, oldest first: the portal never heard the
    /// gateway's last word on them (the server stopped between the charge and the posting, or the card was processing).
    public func unsettled(before cutoff: Date) async throws -> [OnlinePayment] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM online_payments WHERE status = 'started' AND created_at < ? ORDER BY id",
                             arguments: [Timestamp.string(cutoff)]).map(Self.payment)
        }
    }

    /// `confirm` inside a caller's write transaction: a plan installment marks itself paid in the same one.
    static func confirm(intentID: String, amountReceived: Money, on date: CalendarDate, at now: String, in db: Database) throws -> PostedTransaction? {
        guard let attempt = try Self.find(intentID, in: db) else { return nil }
        let payment = PatientPayment(accountID: attempt.accountID, amount: amountReceived, method: attempt.method,
                                     reference: intentID, receivedOn: date)
        let posted = try Ledger.postPayment(payment, key: "gateway:\(intentID)", by: Actor("patient:\(attempt.accountID)", via: .portal),
                                            at: now, in: db)
        try db.execute(sql: """
            UPDATE online_payments SET status = 'succeeded', transaction_id = ?, updated_at = ? WHERE intent_id = ?
            """, arguments: [posted.id, now, intentID])
        return posted
    }

    /// Records a decline or an abandoned attempt; nothing is posted. With `audit`, its line is written in the same
    /// transaction when the attempt was marked (not when it had succeeded meanwhile).
    public func failed(intentID: String, reason: String, audit: OnlinePaymentAudit? = nil) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: """
                UPDATE online_payments SET status = 'failed', failure = ?, updated_at = ? WHERE intent_id = ? AND status != 'succeeded'
                """, arguments: [String(reason.prefix(300)), now, intentID])
            if let audit, db.changesCount > 0, let attempt = try Self.find(intentID, in: db) {
                try AuditLog.record(actor: audit.actor, action: audit.action, subject: intentID, account: attempt.accountID,
                                    detail: "marked failed", at: now, in: db)
            }
        }
    }

    /// What a posted online payment took and what has gone back to the card, for the staff refund form. Nil when the
    /// transaction is not a posted online payment.
    public func refundable(transactionID: Int64) async throws -> OnlineRefundable? {
        try await database.pool.read { try Self.refundable(transactionID, in: $0) }
    }

    /// The transaction first posted under `key`, if any: a refund form submitted twice finds the first refund.
    public func transactionID(key: String) async throws -> Int64? {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM ledger_transactions WHERE idempotency_key = ?", arguments: [key])
        }
    }

    /// Posts money the gateway has paid back to the card for an online payment (refund `gatewayRefundID`), never more
    /// than the payment took less what was refunded before. It comes out of the patient's credit first; the rest
    /// reopens what the payment had paid on the account's lines, last line first. The refund's reference is the
    /// payment's intent, which is how earlier refunds of the same payment are found.
    public func recordRefund(transactionID: Int64, amount: Money, gatewayRefundID: String, on date: CalendarDate, key: String,
                             by actor: Actor) async throws -> PostedTransaction {
        guard amount.isPositive else { throw LedgerError.amountNotPositive(amount) }
        let timestamp = database.timestamp()
        let fingerprint = "online-refund|\(transactionID)|\(amount.cents)|\(gatewayRefundID)"
        return try await database.pool.write { db in
            if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
            guard let refundable = try Self.refundable(transactionID, in: db) else { throw LedgerError.unknownTransaction(transactionID) }
            guard amount <= refundable.remaining else {
                throw LedgerError.invalid(ValidationFailure([FieldError("amount", Self.limitText(refundable))]))
            }
            let payment = refundable.payment
            let fromCredit = Money.min(amount, try Ledger.credit(account: payment.accountID, in: db))
            var legs: [Posting] = fromCredit.isPositive ? [Posting(.patientCredit, fromCredit)] : []
            var rest = amount - fromCredit
            for (line, paid) in try Self.linesPaid(by: transactionID, intentID: payment.intentID, in: db).reversed() where rest.isPositive {
                let reopened = Money.min(rest, paid)
                legs.append(Posting(.patientDue, reopened, line: line))
                rest -= reopened
            }
            guard !rest.isPositive else {
                throw LedgerError.invalid(ValidationFailure([FieldError("amount", "only \((amount - rest).formatted) can go back to the card "
                    + "now: the rest of this payment was kept as credit and has since been used")]))
            }
            legs.append(Posting(.refunds(payment.method), amount.negated))
            let entry = LedgerEntry(kind: .refund, source: actor.source, actor: actor.name, idempotencyKey: key,
                                    accountID: payment.accountID, effectiveDate: date,
                                    memo: "Refund to the card (gateway refund \(gatewayRefundID))", reference: payment.intentID,
                                    postings: legs)
            return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
        }
    }

    /// Why an amount cannot be refunded, naming the limit.
    public static func limitText(_ refundable: OnlineRefundable) -> String {
        refundable.remaining.isPositive
            ? "at most \(refundable.remaining.formatted) of this payment can be refunded (paid \(refundable.paid.formatted), "
                + "refunded \(refundable.refunded.formatted))"
            : "this payment of \(refundable.paid.formatted) has been refunded in full"
    }

    static func refundable(_ transactionID: Int64, in db: Database) throws -> OnlineRefundable? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT intent_id, EXISTS (SELECT 1 FROM ledger_transactions r WHERE r.reverses_id = o.transaction_id) AS reversed
            FROM online_payments o WHERE transaction_id = ? AND status = 'succeeded'
            """, arguments: [transactionID]), let payment = try find(row["intent_id"], in: db) else { return nil }
        let paid = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE transaction_id = ? AND book = ?
            """, arguments: [transactionID, Book.cash(payment.method).code]) ?? 0
        let refunded = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(-SUM(p.amount_cents), 0) FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE t.kind = 'refund' AND t.reference = ? AND t.account_id = ? AND p.book = ?
            """, arguments: [payment.intentID, payment.accountID, Book.refunds(payment.method).code]) ?? 0
        // A voided payment has nothing left to refund: its reversal already took it all back.
        let reversed: Bool = row["reversed"]
        return OnlineRefundable(payment: payment, paid: Money(cents: paid), refunded: Money(cents: reversed ? paid : refunded))
    }

    /// What the payment paid on each line, less what earlier refunds of it reopened there, in posting order.
    private static func linesPaid(by transactionID: Int64, intentID: String, in db: Database) throws -> [(Int64, Money)] {
        try Row.fetchAll(db, sql: """
            SELECT p.service_line_id AS line, -SUM(p.amount_cents) - COALESCE((
                SELECT SUM(r.amount_cents) FROM postings r JOIN ledger_transactions t ON t.id = r.transaction_id
                WHERE t.kind = 'refund' AND t.reference = ? AND r.book = 'patient_due' AND r.service_line_id = p.service_line_id), 0) AS left
            FROM postings p WHERE p.transaction_id = ? AND p.book = 'patient_due' AND p.service_line_id IS NOT NULL
            GROUP BY p.service_line_id ORDER BY MIN(p.id)
            """, arguments: [intentID, transactionID]).compactMap { row in
            let left = Money(cents: row["left"])
            return left.isPositive ? (row["line"], left) : nil
        }
    }

    static func find(_ intentID: String, in db: Database) throws -> OnlinePayment? {
        try Row.fetchOne(db, sql: "SELECT * FROM online_payments WHERE intent_id = ?", arguments: [intentID]).map(payment)
    }

    private static func payment(_ row: Row) -> OnlinePayment {
        OnlinePayment(id: row["id"], accountID: row["account_id"], intentID: row["intent_id"], amount: Money(cents: row["amount_cents"]),
                      method: PaymentMethod(rawValue: row["method"]) ?? .cardOnline,
                      status: OnlinePayment.Status(rawValue: row["status"]) ?? .started,
                      transactionID: row["transaction_id"], failure: row["failure"])
    }
}
