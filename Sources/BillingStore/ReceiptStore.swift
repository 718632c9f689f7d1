import BillingCore
import GRDB

/// Receipts, read from the payment or refund transaction they stand for.
public struct ReceiptStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// The receipt for `number`, only when it belongs to `account` (when given). Cash tendered is not in the ledger:
    /// the desk passes it for the receipt it prints at the counter.
    public func receipt(number: String, account: Int64? = nil, tendered: Money? = nil) async throws -> Receipt? {
        guard let id = ReceiptNumber.transactionID(number) else { return nil }
        return try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT t.*, a.account_number, a.first_name || ' ' || a.last_name AS payer FROM ledger_transactions t
                JOIN accounts a ON a.id = t.account_id
                WHERE t.id = ?1 AND t.kind IN ('payment', 'refund') AND (?2 IS NULL OR t.account_id = ?2)
                """, arguments: [id, account]),
                let practice = try PracticeDirectory.practice(in: db) else { return nil }
            let postings = try LedgerWriter.postings(of: id, in: db)
            var method = PaymentMethod.cash
            var amount = Money.zero
            for leg in postings {
                switch leg.book {
                case .cash(let m): method = m; amount += leg.amount
                case .refunds(let m): method = m; amount -= leg.amount
                default: break
                }
            }
            var applied: [Receipt.AppliedLine] = []
            for leg in postings where leg.book == .patientDue {
                guard let line = leg.serviceLineID, let info = try Row.fetchOne(db, sql: """
                    SELECT l.code, e.date_of_service FROM service_lines l JOIN encounters e ON e.id = l.encounter_id WHERE l.id = ?
                    """, arguments: [line]) else { continue }
                applied.append(.init(dateOfService: CalendarDate(iso: info["date_of_service"]) ?? CalendarDate(dayNumber: 0),
                                     description: PlainLanguageCodes.describe(code: info["code"]), amount: leg.amount.negated))
            }
            let toCredit = postings.filter { $0.book == .patientCredit }.map(\.amount).sum().negated
            return Receipt(number: number.uppercased(), practice: practice, accountNumber: row["account_number"], payerName: row["payer"],
                           date: CalendarDate(iso: row["effective_date"]) ?? CalendarDate(dayNumber: 0), method: method,
                           amount: amount, reference: row["reference"], tendered: tendered,
                           change: tendered.flatMap { CashTender.change(paying: amount, tendered: $0) },
                           applied: applied, toCredit: toCredit, takenBy: row["actor"], isRefund: row["kind"] == "refund")
        }
    }
}
