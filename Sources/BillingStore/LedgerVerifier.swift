import BillingCore
import GRDB

/// What `clearbill ledger verify` reports.
public struct LedgerVerification: Sendable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var transactionID: Int64?
        public var what: String
        public var description: String { transactionID.map { "transaction \($0): \(what)" } ?? what }
    }

    public var transactions: Int
    public var postings: Int
    public var problems: [Problem]
    public var holds: Bool { problems.isEmpty }
    public var offendingTransactions: [Int64] { Array(Set(problems.compactMap(\.transactionID))).sorted() }
}

/// Checks every ledger invariant of DESIGN.md against what is actually stored, trusting nothing the writer did.
public struct LedgerVerifier: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func verify() async throws -> LedgerVerification {
        try await database.pool.read { db in
            var problems: [LedgerVerification.Problem] = []
            func add(_ sql: String, _ what: (Row) -> String) throws {
                for row in try Row.fetchAll(db, sql: sql) {
                    problems.append(.init(transactionID: row["id"], what: what(row)))
                }
            }
            try add("""
                SELECT transaction_id AS id, SUM(amount_cents) AS total FROM postings
                GROUP BY transaction_id HAVING SUM(amount_cents) != 0
                """) { "postings sum to \(Money(cents: $0["total"]).formatted), not zero" }
            try add("""
                SELECT t.id, COUNT(p.id) AS legs FROM ledger_transactions t LEFT JOIN postings p ON p.transaction_id = t.id
                GROUP BY t.id HAVING COUNT(p.id) < 2
                """) { "has \($0["legs"] as Int) posting(s); a transaction needs at least two" }
            try add("""
                SELECT p.transaction_id AS id, p.book FROM postings p WHERE p.book NOT IN
                ('patient_due', 'insurance_due', 'revenue', 'contractual_adjustment', 'write_off', 'patient_credit')
                AND p.book NOT LIKE 'cash:%' AND p.book NOT LIKE 'refunds:%'
                """) { "posts to an unknown book '\($0["book"] as String)'" }
            try add("""
                SELECT p.transaction_id AS id FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
                WHERE p.account_id IS NOT t.account_id
                """) { _ in "a posting's account differs from its transaction's" }
            try add("""
                SELECT MAX(p.transaction_id) AS id, p.service_line_id AS line, p.book, SUM(p.amount_cents) AS total
                FROM postings p WHERE p.book IN ('patient_due', 'insurance_due') AND p.service_line_id IS NOT NULL
                GROUP BY p.service_line_id, p.book HAVING SUM(p.amount_cents) < 0
                """) { "service line \($0["line"] as Int64) has \($0["book"] as String) of \(Money(cents: $0["total"]).formatted), below zero" }
            try add("""
                SELECT MAX(p.transaction_id) AS id, p.account_id AS account, SUM(p.amount_cents) AS total
                FROM postings p WHERE p.book = 'patient_credit' GROUP BY p.account_id HAVING SUM(p.amount_cents) > 0
                """) { "account \($0["account"] as Int64) has patient credit on the wrong side (\(Money(cents: $0["total"]).formatted))" }
            try add("""
                SELECT r.id FROM ledger_transactions r LEFT JOIN ledger_transactions o ON o.id = r.reverses_id
                WHERE r.reverses_id IS NOT NULL AND (o.id IS NULL OR o.reverses_id IS NOT NULL OR r.kind != 'reversal')
                """) { _ in "reverses a transaction that does not exist or is itself a reversal" }
            try add("""
                SELECT r.id FROM ledger_transactions r WHERE r.reverses_id IS NOT NULL AND EXISTS (
                    SELECT book, service_line_id, reason, SUM(amount_cents) FROM postings WHERE transaction_id = r.id
                    GROUP BY book, service_line_id, reason
                    EXCEPT
                    SELECT book, service_line_id, reason, -SUM(amount_cents) FROM postings WHERE transaction_id = r.reverses_id
                    GROUP BY book, service_line_id, reason)
                OR EXISTS (
                    SELECT book, service_line_id, reason, -SUM(amount_cents) FROM postings WHERE transaction_id = r.reverses_id
                    GROUP BY book, service_line_id, reason
                    EXCEPT
                    SELECT book, service_line_id, reason, SUM(amount_cents) FROM postings WHERE transaction_id = r.id
                    GROUP BY book, service_line_id, reason)
                """) { _ in "is not the exact negation of the transaction it reverses" }
            try add("SELECT id FROM ledger_transactions WHERE kind = 'reversal' AND reverses_id IS NULL") { _ in
                "is a reversal that names no transaction"
            }
            let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
            for missing in Schema.appendOnlyTriggers where !triggers.contains(missing) {
                problems.append(.init(transactionID: nil, what: "append-only guard \(missing) is missing"))
            }
            return LedgerVerification(
                transactions: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_transactions") ?? 0,
                postings: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM postings") ?? 0,
                problems: problems)
        }
    }
}
