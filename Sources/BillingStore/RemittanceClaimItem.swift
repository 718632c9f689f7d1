import BillingCore
import GRDB
import X12

/// One CLP of an imported file on its way to the ledger or the work queue, settled in one database transaction.
struct RemittanceClaimItem: Sendable {
    /// The transaction set's payment details every claim of it shares.
    struct Payment: Sendable {
        var payer: String
        var traceNumber: String
        var method: PaymentMethod
        /// BPR16, or the import day when the payer's date is not a date.
        var date: CalendarDate
    }

    enum Outcome: Equatable {
        case posted(transactionID: Int64)
        case alreadyPosted(transactionID: Int64)
        case queued(reason: String)
    }

    let fileID: Int64
    let position: String
    let key: String
    let claim: ClaimPayment
    let payment: Payment
    let problems: [BalanceProblem]
    let snapshot: RemittanceClaimSnapshot

    private var claimNumber: String { claim.patientControlNumber }

    /// Posts the claim, or queues it whole. Runs inside the caller's write transaction; the posting runs in a
    /// savepoint so that a refusal halfway (a line that would go below zero) leaves nothing of it behind.
    func settle(by actor: Actor, at timestamp: String, in db: Database) throws -> Outcome {
        if let done = try Int64.fetchOne(db, sql: "SELECT transaction_id FROM remittance_claims WHERE file_id = ? AND position = ?",
                                         arguments: [fileID, position]) {
            return .alreadyPosted(transactionID: done)
        }
        let reason: String
        do {
            var posted: Int64 = 0
            try db.inSavepoint {
                posted = try post(by: actor, at: timestamp, in: db)
                return .commit
            }
            try db.execute(sql: """
                UPDATE remittance_work_queue SET resolved_at = ?, resolved_transaction_id = ?
                WHERE file_id = ? AND position = ? AND resolved_at IS NULL
                """, arguments: [timestamp, posted, fileID, position])
            return .posted(transactionID: posted)
        } catch let refusal as RemittanceClaimPlan.Refusal {
            reason = refusal.reason
        } catch let error as LedgerError {
            reason = "the ledger refused it: \(error)"
        }
        let json = String(decoding: try JSONCoding.canonicalEncoder.encode(snapshot), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO remittance_work_queue (file_id, position, claim_number, reason, claim, queued_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (file_id, position) DO UPDATE SET reason = excluded.reason
            """, arguments: [fileID, position, String(claimNumber.prefix(80)), String(reason.prefix(1000)), json, timestamp])
        return .queued(reason: reason)
    }

    private func post(by actor: Actor, at timestamp: String, in db: Database) throws -> Int64 {
        if let why = claim.status.notPostedBecause { throw RemittanceClaimPlan.Refusal(reason: why) }
        guard problems.isEmpty else {
            throw RemittanceClaimPlan.Refusal(reason: "it does not balance: " + problems.map(\.description).joined(separator: "; "))
        }
        if claim.status == .reversal { return try reverse(by: actor, at: timestamp, in: db) }
        guard let visit = try ClaimLookup.claim(number: claimNumber, in: db) else {
            throw RemittanceClaimPlan.Refusal(reason: "no visit carries claim number \(claimNumber.prefix(40))")
        }
        if let earlier = try unreversedPostings(in: db).first {
            throw RemittanceClaimPlan.Refusal(reason: "this claim (payer claim \(claim.payerClaimControlNumber ?? "none")) was "
                                              + "already posted from \(earlier.file); a payer's correction must follow a reversal (CLP02 22)")
        }
        let decisions = try RemittanceClaimPlan.adjudications(for: claim, lines: visit.lines)
        let entry = LedgerEntry(kind: .adjudication, source: actor.source, actor: actor.name, idempotencyKey: key,
                                accountID: visit.accountID, effectiveDate: payment.date, memo: memo(), reference: claimNumber,
                                postings: LedgerRules.consolidated(decisions.flatMap { $0.postings(paidBy: payment.method) }))
        let posted = try LedgerWriter.insert(entry, fingerprint: entry.fingerprint, encounterID: visit.encounterID, at: timestamp, in: db)
        try record(posted.id, reverses: nil, in: db)
        return posted.id
    }

    /// CLP02 = 22: reverses the earlier posting of this claim whose amounts this one negates.
    private func reverse(by actor: Actor, at timestamp: String, in db: Database) throws -> Int64 {
        let original = try unreversedPostings(in: db).first {
            $0.charge == -claim.chargeCents && $0.paid == -claim.paidCents && $0.patientShare == -claim.patientResponsibilityCents
        }
        guard let original else {
            throw RemittanceClaimPlan.Refusal(reason: "no posted payment of claim \(claimNumber.prefix(40)) (payer claim "
                                              + "\(claim.payerClaimControlNumber ?? "none")) of \(Money(cents: -claim.paidCents).formatted) "
                                              + "to reverse")
        }
        let posted = try Ledger.reverse(original.transactionID, key: key, by: actor, on: payment.date, reason: memo(),
                                        at: timestamp, in: db)
        try record(posted.id, reverses: original.id, in: db)
        return posted.id
    }

    private struct EarlierPosting {
        var id: Int64, transactionID: Int64, charge: Int64, paid: Int64, patientShare: Int64, file: String
    }

    /// Postings of this claim number and payer claim control number that no reversal has undone, newest first.
    private func unreversedPostings(in db: Database) throws -> [EarlierPosting] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.transaction_id, c.charge_cents, c.paid_cents, c.patient_responsibility_cents, f.name
            FROM remittance_claims c JOIN remittance_files f ON f.id = c.file_id
            WHERE c.claim_number = ? AND c.payer_claim_control_number IS ? AND c.status != '22'
              AND NOT EXISTS (SELECT 1 FROM remittance_claims r WHERE r.reverses_claim_id = c.id)
            ORDER BY c.id DESC
            """, arguments: [claimNumber, claim.payerClaimControlNumber]).map { row in
            EarlierPosting(id: row["id"], transactionID: row["transaction_id"], charge: row["charge_cents"],
                           paid: row["paid_cents"], patientShare: row["patient_responsibility_cents"], file: row["name"])
        }
    }

    private func record(_ transactionID: Int64, reverses: Int64?, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO remittance_claims (file_id, position, claim_number, payer_claim_control_number, status, charge_cents,
                paid_cents, patient_responsibility_cents, transaction_id, reverses_claim_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [fileID, position, claimNumber, claim.payerClaimControlNumber, claim.status.code, claim.chargeCents,
                             claim.paidCents, claim.patientResponsibilityCents, transactionID, reverses])
    }

    private func memo() -> String {
        let how = payment.method == .insuranceCheck ? "check" : "EFT"
        let verb = claim.status == .reversal ? "reversed" : "paid"
        let payerClaim = claim.payerClaimControlNumber.map { ", payer claim \($0.prefix(30))" } ?? ""
        return "\(payment.payer.prefix(60)) \(verb) claim \(claimNumber.prefix(40))\(payerClaim) (\(how) \(payment.traceNumber.prefix(30)))"
    }
}
