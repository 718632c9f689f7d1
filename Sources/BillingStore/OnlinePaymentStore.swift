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

/// Online payments, posted to the ledger exactly once when the gateway confirms them — by the webhook or by reading
/// the intent back, whichever comes first. Both paths post under the same idempotency key, "gateway:<intent id>".
public struct OnlinePaymentStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Remembers an intent the portal created; recording the same intent again returns the first record.
    public func started(intentID: String, account: Int64, amount: Money, method: PaymentMethod) async throws -> OnlinePayment {
        guard amount.isPositive else { throw LedgerError.amountNotPositive(amount) }
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO online_payments (account_id, intent_id, amount_cents, method, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'started', ?, ?) ON CONFLICT(intent_id) DO NOTHING
                """, arguments: [account, intentID, amount.cents, method.rawValue, now, now])
            return try Self.find(intentID, in: db)!
        }
    }

    public func find(intentID: String) async throws -> OnlinePayment? {
        try await database.pool.read { try Self.find(intentID, in: $0) }
    }

    /// Posts the confirmed payment once and marks the attempt succeeded, in one transaction. Nil for an unknown intent.
    public func confirm(intentID: String, amountReceived: Money, on date: CalendarDate) async throws -> PostedTransaction? {
        let now = database.timestamp()
        return try await database.pool.write { db in
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
    }

    /// Records a decline or an abandoned attempt; nothing is posted.
    public func failed(intentID: String, reason: String) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: """
                UPDATE online_payments SET status = 'failed', failure = ?, updated_at = ? WHERE intent_id = ? AND status != 'succeeded'
                """, arguments: [String(reason.prefix(300)), now, intentID])
        }
    }

    static func find(_ intentID: String, in db: Database) throws -> OnlinePayment? {
        try Row.fetchOne(db, sql: "SELECT * FROM online_payments WHERE intent_id = ?", arguments: [intentID]).map { row in
            OnlinePayment(id: row["id"], accountID: row["account_id"], intentID: row["intent_id"], amount: Money(cents: row["amount_cents"]),
                          method: PaymentMethod(rawValue: row["method"]) ?? .cardOnline,
                          status: OnlinePayment.Status(rawValue: row["status"]) ?? .started,
                          transactionID: row["transaction_id"], failure: row["failure"])
        }
    }
}
