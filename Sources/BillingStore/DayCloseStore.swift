import BillingCore
import Foundation
import GRDB

/// One staff member's desk day: what came in and went out by method, and the cash the drawer should hold.
public struct DeskDay: Sendable, Equatable, Codable {
    public struct MethodTotal: Sendable, Equatable, Codable {
        public var method: PaymentMethod
        public var received: Money
        public var refunded: Money
    }

    public struct Item: Sendable, Equatable, Codable {
        public var transactionID: Int64
        public var kind: TransactionKind
        public var accountNumber: String
        public var method: PaymentMethod
        public var amount: Money
        public var reference: String?
    }

    public var staff: String
    public var date: CalendarDate
    public var totals: [MethodTotal]
    public var items: [Item]
    public var closedAt: String?

    /// Cash received less cash refunded: what should be in the drawer beyond its float.
    public var expectedCash: Money {
        totals.filter { $0.method == .cash }.map { $0.received - $0.refunded }.sum()
    }
}

/// End-of-day close per staff member: once closed, that day's desk money can only be corrected by reversal.
public struct DayCloseStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func day(staff: String, date: CalendarDate) async throws -> DeskDay {
        try await database.pool.read { try Self.day(staff: staff, date: date, in: $0) }
    }

    /// Closes the day (once; closing again returns the first close).
    public func close(staff: String, date: CalendarDate) async throws -> DeskDay {
        let now = database.timestamp()
        return try await database.pool.write { db in
            if let closed = try String.fetchOne(db, sql: "SELECT summary FROM day_closes WHERE staff = ? AND business_date = ?",
                                                arguments: [staff, date.iso]) {
                return try JSONDecoder().decode(DeskDay.self, from: Data(closed.utf8))
            }
            var day = try Self.day(staff: staff, date: date, in: db)
            day.closedAt = now
            try db.execute(sql: "INSERT INTO day_closes (staff, business_date, closed_at, summary) VALUES (?, ?, ?, ?)",
                           arguments: [staff, date.iso, now, String(decoding: try JSONCoding.canonicalEncoder.encode(day), as: UTF8.self)])
            try db.execute(sql: "INSERT INTO audit_events (at, actor, action, subject) VALUES (?, ?, 'desk.close', ?)",
                           arguments: [now, staff, date.iso])
            return day
        }
    }

    /// A payment or refund taken at the desk, which the desk may void: its account and the reversal that voided it,
    /// if one did. Nil for everything else (charges, adjudications, online payments, reversals), which the desk never
    /// reverses: an online payment goes back through the gateway, a claims posting through the claims module.
    public func deskMoney(transactionID: Int64) async throws -> (accountID: Int64, voidedBy: Int64?)? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT t.account_id, (SELECT r.id FROM ledger_transactions r WHERE r.reverses_id = t.id) AS voided_by
                FROM ledger_transactions t WHERE t.id = ? AND t.source = 'desk' AND t.kind IN ('payment', 'refund')
                """, arguments: [transactionID]).map { ($0["account_id"], $0["voided_by"]) }
        }
    }

    static func isClosed(staff: String, date: CalendarDate, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM day_closes WHERE staff = ? AND business_date = ?", arguments: [staff, date.iso]) == true
    }

    static func day(staff: String, date: CalendarDate, in db: Database) throws -> DeskDay {
        var totals: [PaymentMethod: (Money, Money)] = [:]
        var items: [DeskDay.Item] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT t.id, t.kind, t.reference, a.account_number, p.book, SUM(p.amount_cents) AS amount
            FROM ledger_transactions t JOIN postings p ON p.transaction_id = t.id JOIN accounts a ON a.id = t.account_id
            WHERE t.source = 'desk' AND t.actor = ? AND t.effective_date = ? AND (p.book LIKE 'cash:%' OR p.book LIKE 'refunds:%')
            GROUP BY t.id, p.book ORDER BY t.id
            """, arguments: [staff, date.iso]) {
            guard let book = Book(code: row["book"]) else { continue }
            let amount = Money(cents: row["amount"])
            let method: PaymentMethod
            switch book {
            case .cash(let m): method = m; totals[m, default: (.zero, .zero)].0 += amount
            case .refunds(let m): method = m; totals[m, default: (.zero, .zero)].1 -= amount
            default: continue
            }
            items.append(.init(transactionID: row["id"], kind: TransactionKind(rawValue: row["kind"]) ?? .payment,
                               accountNumber: row["account_number"], method: method, amount: amount, reference: row["reference"]))
        }
        let closedAt = try String.fetchOne(db, sql: "SELECT closed_at FROM day_closes WHERE staff = ? AND business_date = ?",
                                           arguments: [staff, date.iso])
        return DeskDay(staff: staff, date: date,
                       totals: PaymentMethod.allCases.compactMap { m in totals[m].map { .init(method: m, received: $0.0, refunded: $0.1) } },
                       items: items, closedAt: closedAt)
    }
}
