import BillingCore
import Foundation
import GRDB

/// Who is doing a business action, and through which door.
public struct Actor: Sendable, Equatable {
    public var name: String
    public var source: TransactionSource

    public init(_ name: String, via source: TransactionSource) {
        self.name = name
        self.source = source
    }

    public static let system = Actor("system", via: .system)
}

/// The shared ledger's business actions. Each is one database transaction and one ledger transaction, posted once
/// per idempotency key: a replay returns the first result and posts nothing.
public struct Ledger: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Undoes a transaction with one that negates every posting. A transaction is reversed at most once, and a
    /// reversal that would leave a line or the credit on the wrong side of zero is refused.
    public func reverse(_ transactionID: Int64, key: String, by actor: Actor, on date: CalendarDate, reason: String) async throws -> PostedTransaction {
        let timestamp = database.timestamp()
        return try await database.pool.write { db in
            try Self.reverse(transactionID, key: key, by: actor, on: date, reason: reason, at: timestamp, in: db)
        }
    }

    /// `reverse` inside a write transaction that another action (an 835 import) has already opened.
    static func reverse(_ transactionID: Int64, key: String, by actor: Actor, on date: CalendarDate, reason: String,
                        at timestamp: String, in db: Database) throws -> PostedTransaction {
        let fingerprint = "reverse|\(transactionID)"
        if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT t.account_id, t.reverses_id, (SELECT r.id FROM ledger_transactions r WHERE r.reverses_id = t.id) AS reversed_by
            FROM ledger_transactions t WHERE t.id = ?
            """, arguments: [transactionID]) else { throw LedgerError.unknownTransaction(transactionID) }
        if (row["reverses_id"] as Int64?) != nil { throw LedgerError.cannotReverseReversal(transaction: transactionID) }
        if (row["reversed_by"] as Int64?) != nil { throw LedgerError.alreadyReversed(transaction: transactionID) }
        let original = try LedgerWriter.postings(of: transactionID, in: db)
        let entry = LedgerEntry(kind: .reversal, source: actor.source, actor: actor.name, idempotencyKey: key,
                                accountID: row["account_id"], effectiveDate: date, memo: reason,
                                reverses: transactionID, postings: LedgerRules.reversal(of: original))
        return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
    }

    /// The service lines of an account that still have patient due, for allocation.
    static func openCharges(account: Int64, in db: Database) throws -> [OpenCharge] {
        try Row.fetchAll(db, sql: """
            SELECT p.service_line_id AS line, e.id AS encounter, e.date_of_service AS dos, SUM(p.amount_cents) AS due
            FROM postings p JOIN service_lines l ON l.id = p.service_line_id JOIN encounters e ON e.id = l.encounter_id
            WHERE p.account_id = ? AND p.book = 'patient_due'
            GROUP BY p.service_line_id HAVING SUM(p.amount_cents) > 0
            """, arguments: [account]).map { row in
            OpenCharge(serviceLineID: row["line"], encounterID: row["encounter"],
                       dateOfService: CalendarDate(iso: row["dos"]) ?? CalendarDate(dayNumber: 0), patientDue: Money(cents: row["due"]))
        }
    }

    /// Patient credit held for the account, as a positive amount.
    static func credit(account: Int64, in db: Database) throws -> Money {
        let sum = try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE account_id = ? AND book = 'patient_credit'
            """, arguments: [account]) ?? 0
        return Money(cents: -sum)
    }
}
