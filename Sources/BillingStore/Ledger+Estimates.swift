import BillingCore
import Foundation
import GRDB

/// An estimate turned into self-pay charges, compared with its Good Faith Estimate.
public struct EstimateBill: Sendable, Equatable {
    public var id: Int64
    public var estimateID: Int64
    public var accountID: Int64
    public var transactionID: Int64
    public var billedOn: CalendarDate
    /// The GFE's total for the practice, or the estimate's when no GFE was issued.
    public var estimated: Money
    public var billed: Money
    /// Billed at least the dispute threshold over a GFE: the account is flagged and statements carry the notice.
    public var disputeFlag: Bool
    public var disputeUntil: CalendarDate?
    /// True when the estimate had already been billed: this is that first bill, and nothing new was posted.
    public var replayed: Bool

    public var excess: Money { billed - estimated }
}

extension Ledger {
    /// Turns an estimate into self-pay charges on the ledger: a visit with one line per item done (as estimated, or
    /// with the quantities actually performed), priced at the estimate's prices net of its discount; compares the
    /// total with the GFE and flags the account when it is at least $400.00 over. Visit, charges, bill, flag and
    /// audit events are one database transaction; an estimate is billed once (a second call returns the first bill).
    /// A prospective patient's estimate needs `patient`, the account and patient they were registered as.
    public func billEstimate(_ estimateID: Int64, performed quantities: [Int]? = nil, patient: (account: Int64, patient: Int64)? = nil,
                             on date: CalendarDate, by actor: Actor, client: String) async throws -> EstimateBill {
        let timestamp = database.timestamp()
        return try await database.pool.write { db in
            if let first = try Row.fetchOne(db, sql: "SELECT * FROM estimate_bills WHERE estimate_id = ?", arguments: [estimateID]) {
                return Self.bill(first, replayed: true)
            }
            guard let estimate = try EstimateStore.estimate(estimateID, in: db) else { throw EstimateError.unknownEstimate(estimateID) }
            let details = estimate.details
            guard let account = details.patient.accountID ?? patient?.account,
                  let patientID = details.patient.patientID ?? patient?.patient else { throw EstimateError.needsAccount }
            var done = details.quote
            if let quantities {
                do throws(ValidationFailure) { done = try details.quote.performed(quantities) } catch { throw EstimateError.invalid(error) }
            }
            let visit = NewEncounter(
                accountID: account, patientID: patientID, providerID: details.providerID, locationID: details.locationID,
                dateOfService: date, placeOfService: "11", claimNumber: nil,
                lines: zip(done.lines, done.netLineAmounts).map { line, charge in
                    NewServiceLine(code: line.code, diagnosisCodes: details.diagnosisCodes, units: line.serviceLineUnits, charge: charge,
                                   selfPay: true)
                })
            let problems = visit.problems()
            guard problems.isEmpty else { throw LedgerError.invalid(ValidationFailure(problems)) }
            let posted = try Self.postCharges(visit, key: "estimate-bill-\(estimateID)", by: actor, at: timestamp, in: db)
            let gfe = try Row.fetchOne(db, sql: "SELECT id, number, total_cents FROM good_faith_estimates WHERE estimate_id = ?",
                                       arguments: [estimateID])
            let estimated = Money(cents: gfe?["total_cents"] ?? details.quote.total.cents)
            let flagged = gfe != nil && DisputeThreshold.isSubstantiallyInExcess(billed: done.total, estimated: estimated)
            let until = flagged ? date.adding(days: DisputeThreshold.daysToDispute) : nil
            try db.execute(sql: """
                INSERT INTO estimate_bills (estimate_id, gfe_id, account_id, transaction_id, billed_on, estimated_cents, billed_cents,
                    dispute_flag, dispute_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [estimateID, gfe?["id"] as Int64?, account, posted.transaction.id, date.iso, estimated.cents,
                                 done.total.cents, flagged, until?.iso, timestamp])
            let bill = EstimateBill(id: db.lastInsertedRowID, estimateID: estimateID, accountID: account, transactionID: posted.transaction.id,
                                    billedOn: date, estimated: estimated, billed: done.total, disputeFlag: flagged, disputeUntil: until,
                                    replayed: false)
            let who = actor.source == .desk ? "staff:\(actor.name)" : actor.name
            try AuditLog.record(actor: who, action: "estimate.bill", subject: "estimate:\(estimateID)", account: account,
                                detail: "\(done.total.formatted) billed, \(estimated.formatted) estimated", client: client, at: timestamp, in: db)
            if flagged {
                try AuditLog.record(actor: who, action: "dispute.flag", subject: "gfe:\(gfe?["id"] as Int64? ?? 0)", account: account,
                                    detail: "\(bill.excess.formatted) over the GFE", client: client, at: timestamp, in: db)
            }
            return bill
        }
    }

    public func estimateBill(_ estimateID: Int64) async throws -> EstimateBill? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM estimate_bills WHERE estimate_id = ?", arguments: [estimateID]).map { Self.bill($0, replayed: true) }
        }
    }

    private static func bill(_ row: Row, replayed: Bool) -> EstimateBill {
        EstimateBill(id: row["id"], estimateID: row["estimate_id"], accountID: row["account_id"], transactionID: row["transaction_id"],
                     billedOn: CalendarDate(iso: row["billed_on"]) ?? CalendarDate(dayNumber: 0), estimated: Money(cents: row["estimated_cents"]),
                     billed: Money(cents: row["billed_cents"]), disputeFlag: row["dispute_flag"],
                     disputeUntil: (row["dispute_until"] as String?).flatMap(CalendarDate.init(iso:)), replayed: replayed)
    }

    /// The open dispute notice of an account, for the staff's account page.
    public func disputeNotice(account: Int64, asOf date: CalendarDate) async throws -> String? {
        try await database.pool.read { try Self.disputeNotice(account: account, asOf: date, in: $0) }
    }

    /// The dispute notices an account's statement at `date` carries: one per flagged bill whose 120 days are still open.
    static func disputeNotice(account: Int64, asOf date: CalendarDate, in db: Database) throws -> String? {
        let notices = try Row.fetchAll(db, sql: """
            SELECT b.billed_on, b.estimated_cents, b.billed_cents, g.number FROM estimate_bills b
            JOIN good_faith_estimates g ON g.id = b.gfe_id
            WHERE b.account_id = ?1 AND b.dispute_flag = 1 AND b.billed_on <= ?2 AND b.dispute_until >= ?2 ORDER BY b.id
            """, arguments: [account, date.iso]).map { row in
            DisputeThreshold.notice(billed: Money(cents: row["billed_cents"]), estimated: Money(cents: row["estimated_cents"]),
                                    billedOn: CalendarDate(iso: row["billed_on"]) ?? date, estimateNumber: row["number"])
        }
        return notices.isEmpty ? nil : notices.joined(separator: " ")
    }
}
