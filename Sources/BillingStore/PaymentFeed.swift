import BillingCore
import GRDB

/// One patient payment, refund or payment void as the claims module reads it back.
public struct FeedItem: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var kind: String
    public var accountNumber: String
    public var effectiveDate: CalendarDate
    public var postedAt: String
    public var method: String
    public var amount: Money
    public var reference: String?
    public var reverses: Int64?
    /// Where the money went: service lines and patient credit.
    public var applied: [Applied]

    public struct Applied: Sendable, Equatable, Codable {
        public var serviceLineID: Int64?
        public var claimNumber: String?
        public var amount: Money
    }
}

/// The ordered feed of patient money: transaction ids only grow, so "after the last id you saw" is a stable cursor.
public struct PaymentFeed: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func items(after cursor: Int64, limit: Int) async throws -> [FeedItem] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.id, t.kind, t.effective_date, t.posted_at, t.reference, t.reverses_id, a.account_number
                FROM ledger_transactions t JOIN accounts a ON a.id = t.account_id
                WHERE t.id > ? AND (t.kind IN ('payment', 'refund') OR (t.kind = 'reversal' AND EXISTS (
                    SELECT 1 FROM postings p WHERE p.transaction_id = t.id AND (p.book LIKE 'cash:%' OR p.book LIKE 'refunds:%'))))
                ORDER BY t.id LIMIT ?
                """, arguments: [cursor, limit]).map { row in
                let id: Int64 = row["id"]
                let postings = try LedgerWriter.postings(of: id, in: db)
                let money = postings.filter { if case .cash = $0.book { true } else if case .refunds = $0.book { true } else { false } }
                let method: String = money.first.map { leg in
                    switch leg.book { case .cash(let m), .refunds(let m): m.rawValue; default: "" }
                } ?? ""
                let applied = try postings.filter { $0.book == .patientDue || $0.book == .patientCredit }.map { leg in
                    FeedItem.Applied(serviceLineID: leg.serviceLineID,
                                     claimNumber: try leg.serviceLineID.flatMap { line in
                                         try String.fetchOne(db, sql: """
                                             SELECT e.claim_number FROM service_lines l JOIN encounters e ON e.id = l.encounter_id WHERE l.id = ?
                                             """, arguments: [line]) },
                                     amount: leg.amount.negated)
                }
                return FeedItem(sequence: id, kind: row["kind"], accountNumber: row["account_number"],
                                effectiveDate: CalendarDate(iso: row["effective_date"]) ?? CalendarDate(dayNumber: 0),
                                postedAt: row["posted_at"], method: method, amount: money.map(\.amount).sum(),
                                reference: row["reference"], reverses: row["reverses_id"], applied: applied)
            }
        }
    }
}
