import BillingCore
import Foundation
import GRDB

/// The one place transactions are written. Runs inside a write transaction opened by a business action, so that the
/// action's reads (open lines, credit) and its postings commit together or not at all.
enum LedgerWriter {
    /// The transaction first posted under `key`, or nil. A key reused for a different request is an error, never
    /// a silent second posting.
    static func replay(key: String, fingerprint: String, in db: Database) throws -> PostedTransaction? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, kind, account_id, effective_date, reference, request_fingerprint
            FROM ledger_transactions WHERE idempotency_key = ?
            """, arguments: [key]) else { return nil }
        guard row["request_fingerprint"] as String == fingerprint else { throw LedgerError.idempotencyKeyReused(key: key) }
        return try posted(row: row, replayed: true, in: db)
    }

    static func posted(row: Row, replayed: Bool, in db: Database) throws -> PostedTransaction {
        let id: Int64 = row["id"]
        return PostedTransaction(
            id: id, kind: TransactionKind(rawValue: row["kind"]) ?? .charge, accountID: row["account_id"],
            effectiveDate: CalendarDate(iso: row["effective_date"]) ?? CalendarDate(dayNumber: 0),
            reference: row["reference"], postings: try postings(of: id, in: db), replayed: replayed)
    }

    static func postings(of transactionID: Int64, in db: Database) throws -> [Posting] {
        try Row.fetchAll(db, sql: """
            SELECT book, amount_cents, service_line_id, reason FROM postings WHERE transaction_id = ? ORDER BY id
            """, arguments: [transactionID]).map { row in
            Posting(Book(code: row["book"]) ?? .revenue, Money(cents: row["amount_cents"]),
                    line: row["service_line_id"], reason: (row["reason"] as String?).flatMap(ResponsibilityReason.init(rawValue:)))
        }
    }

    /// Validates, writes and checks the balances the entry touches. Throws (and so rolls the whole action back)
    /// when a line's patient or insurance due, or the account's credit, would go the wrong side of zero.
    static func insert(_ entry: LedgerEntry, fingerprint: String, encounterID: Int64? = nil,
                       at timestamp: String, in db: Database) throws -> PostedTransaction {
        do { try LedgerRules.validate(entry) } catch { throw LedgerError.rule(error) }
        try db.execute(sql: """
            INSERT INTO ledger_transactions (kind, source, actor, idempotency_key, request_fingerprint, account_id,
                effective_date, posted_at, memo, reference, encounter_id, reverses_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.kind.rawValue, entry.source.rawValue, entry.actor, entry.idempotencyKey, fingerprint,
                             entry.accountID, entry.effectiveDate.iso, timestamp, entry.memo, entry.reference,
                             encounterID, entry.reverses])
        let id = db.lastInsertedRowID
        let insertPosting = try db.cachedStatement(sql: """
            INSERT INTO postings (transaction_id, book, amount_cents, account_id, service_line_id, reason)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for posting in entry.postings {
            try insertPosting.execute(arguments: [id, posting.book.code, posting.amount.cents, entry.accountID,
                                                  posting.serviceLineID, posting.reason?.rawValue])
        }
        try checkBalances(after: entry, in: db)
        return PostedTransaction(id: id, kind: entry.kind, accountID: entry.accountID, effectiveDate: entry.effectiveDate,
                                 reference: entry.reference, postings: entry.postings, replayed: false)
    }

    private static func checkBalances(after entry: LedgerEntry, in db: Database) throws {
        let lines = Set(entry.postings.filter { $0.book == .patientDue || $0.book == .insuranceDue }.compactMap(\.serviceLineID))
        for line in lines.sorted() {
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(CASE WHEN book = 'patient_due' THEN amount_cents END), 0) AS patient,
                       COALESCE(SUM(CASE WHEN book = 'insurance_due' THEN amount_cents END), 0) AS insurance
                FROM postings WHERE service_line_id = ?
                """, arguments: [line])
            if let row, (row["patient"] as Int64) < 0 { throw LedgerError.wouldGoBelowZero(what: "patient due on service line \(line)") }
            if let row, (row["insurance"] as Int64) < 0 { throw LedgerError.wouldGoBelowZero(what: "insurance due on service line \(line)") }
        }
        if let account = entry.accountID, entry.postings.contains(where: { $0.book == .patientCredit }) {
            let credit = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE account_id = ? AND book = 'patient_credit'
                """, arguments: [account]) ?? 0
            // Credit is a liability (credit-normal): a positive sum would mean the patient owes us through their credit.
            if credit > 0 { throw LedgerError.wouldGoBelowZero(what: "patient credit on account \(account)") }
        }
    }

    static func requireAccount(_ id: Int64, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE id = ?", arguments: [id]) == true else {
            throw LedgerError.unknownAccount(id)
        }
    }
}
