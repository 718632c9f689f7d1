import BillingCore
import GRDB

/// What a cycle's mail-house batch holds: the statements to print, in mailing order, and the accounts set aside with
/// their reasons. Only numbers and names: the statements themselves are loaded one at a time while printing, so a
/// batch of any size runs in flat memory.
public struct StatementBatchSelection: Sendable, Equatable {
    public var cycleDate: CalendarDate
    /// By ZIP code, then account number: mail houses presort by ZIP for postage rates, and a stable order makes a
    /// batch printed again come out the same.
    public var statementNumbers: [String]
    public var suppressed: [StatementSuppression]
}

extension StatementStore {
    /// The batch for the statements made on `cycleDate` (make them first with `generateCycle`).
    ///
    /// A statement is set aside when `StatementSuppression.reason` says so (using this store's `minimumDue`), when
    /// the account had another statement in the `sentWithinDays` before it (an off-cycle statement printed at the
    /// desk, say), or when the account is in `onHold`. Accounts with no statement this cycle but with anything still
    /// open (a small balance, a credit, or only insurance pending) are listed too: every account with money open
    /// appears once, in the manifest or in the exceptions.
    public func batchSelection(cycleDate: CalendarDate, sentWithinDays: Int = 21,
                               onHold: Set<Int64> = []) async throws -> StatementBatchSelection {
        let windowStart = cycleDate.adding(days: -sentWithinDays)
        let minimum = minimumDue
        return try await database.pool.read { db in
            var selection = StatementBatchSelection(cycleDate: cycleDate, statementNumbers: [], suppressed: [])
            for row in try Row.fetchAll(db, sql: """
                SELECT s.number, s.account_id, s.amount_due_cents,
                       json_extract(s.snapshot, '$.guarantor.accountNumber') AS account_number,
                       json_extract(s.snapshot, '$.guarantor.name') AS name,
                       json_extract(s.snapshot, '$.guarantor.address.line1') AS line1,
                       json_extract(s.snapshot, '$.guarantor.address.line2') AS line2,
                       json_extract(s.snapshot, '$.guarantor.address.city') AS city,
                       json_extract(s.snapshot, '$.guarantor.address.state') AS state,
                       json_extract(s.snapshot, '$.guarantor.address.zip') AS zip,
                       EXISTS (SELECT 1 FROM statements e WHERE e.account_id = s.account_id
                               AND e.cycle_date >= ?2 AND e.cycle_date < ?1) AS sent
                FROM statements s WHERE s.cycle_date = ?1 ORDER BY zip, account_number
                """, arguments: [cycleDate.iso, windowStart.iso]) {
                let address = MailingAddress(line1: row["line1"] ?? "", line2: row["line2"] ?? "", city: row["city"] ?? "",
                                             state: row["state"] ?? "", zip: row["zip"] ?? "")
                let reason: StatementSuppression.Reason?
                if onHold.contains(row["account_id"]) {
                    reason = .onHold
                } else if row["sent"] as Bool {
                    reason = .alreadySent
                } else {
                    reason = StatementSuppression.reason(amountDue: Money(cents: row["amount_due_cents"]), address: address,
                                                         minimum: minimum)
                }
                if let reason {
                    selection.suppressed.append(StatementSuppression(accountNumber: row["account_number"] ?? "",
                                                                     name: row["name"] ?? "", reason: reason))
                } else {
                    selection.statementNumbers.append(row["number"])
                }
            }
            // Accounts the cycle passed over: under the minimum, in credit, or waiting only on insurance.
            for row in try Row.fetchAll(db, sql: """
                SELECT a.account_number, a.first_name || ' ' || a.last_name AS name,
                       COALESCE(SUM(CASE WHEN p.book IN ('patient_due', 'patient_credit') THEN p.amount_cents END), 0) AS balance,
                       COALESCE(SUM(CASE WHEN p.book = 'insurance_due' THEN p.amount_cents END), 0) AS insurance
                FROM accounts a JOIN postings p ON p.account_id = a.id JOIN ledger_transactions t ON t.id = p.transaction_id
                WHERE t.effective_date <= ?1
                  AND NOT EXISTS (SELECT 1 FROM statements s WHERE s.account_id = a.id AND s.cycle_date = ?1)
                GROUP BY a.id
                HAVING balance < ?2 AND (balance != 0 OR insurance != 0)
                ORDER BY a.account_number
                """, arguments: [cycleDate.iso, minimum.cents]) {
                let balance = Money(cents: row["balance"])
                selection.suppressed.append(StatementSuppression(
                    accountNumber: row["account_number"], name: row["name"],
                    reason: balance.isPositive ? .underMinimum : .zeroOrCreditBalance))
            }
            return selection
        }
    }
}
