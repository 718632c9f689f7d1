import BillingCore
import ClearbillCrypto
import Foundation
import GRDB
import X12

/// Posts X12 835 remittances to the shared ledger: one ledger transaction, in one database transaction, per claim.
///
/// Each CLP is matched to the visit carrying its claim number (CLP01) and its SVCs to the visit's lines (see
/// `RemittanceClaimPlan`). A claim that cannot be matched, does not balance, has a status that moves no money, was
/// already posted from another file, or would drive a line below zero goes whole to the work queue; nothing of it
/// is posted. A reversal (CLP02 = 22) reverses the earlier posting of the same claim number and payer claim control
/// number (CLP07) whose amounts it negates. PLB amounts are recorded on the file, never posted.
///
/// The idempotency key of a claim is the file's SHA-256, its ISA13 and ST02 and the claim's position: importing the
/// same file again posts nothing, and retries the claims that were queued.
public struct RemittancePosting: Sendable {
    public let database: ClearbillDatabase
    public let actor: Actor

    public init(database: ClearbillDatabase, actor: Actor = Actor("import-835", via: .claims)) {
        self.database = database
        self.actor = actor
    }

    /// Reads and checks a file without touching the database.
    public static func read(bytes: [UInt8], name: String, options: RemittanceReadOptions = .init())
        throws(RemittanceImportError) -> ReadRemittanceFile {
        let file: RemittanceFile
        do throws(X12Error) { file = try RemittanceFile.read(bytes: bytes, options: options) } catch {
            throw .unreadable(file: name, error)
        }
        return try ReadRemittanceFile(name: name, sha256: Digest.sha256Hex(bytes), file: file)
    }

    /// Reads and posts one file.
    public func importFile(bytes: [UInt8], name: String, options: RemittanceReadOptions = .init()) async throws -> RemittanceSummary {
        try await post(try Self.read(bytes: bytes, name: name, options: options))
    }

    /// Posts a file already read, claim by claim.
    public func post(_ read: ReadRemittanceFile) async throws -> RemittanceSummary {
        let fileID = try await record(read)
        let today = CalendarDate(database.clock(), in: .current)
        var summary = RemittanceSummary(
            file: read.name, sha256: read.sha256, transactionSets: read.sets.count,
            claims: read.sets.reduce(0) { $0 + $1.remittance.claims.count }, claimsPosted: 0, claimsAlreadyPosted: 0,
            claimsQueued: 0, paidCents: 0, patientResponsibilityCents: 0, providerAdjustmentCents: read.providerAdjustmentCents,
            paymentCents: read.paymentCents, filePaidCents: read.filePaidCents, fileBalances: read.fileBalances,
            postedBalances: false, countMismatches: read.file.countMismatches.map(\.description), queued: [])
        for (setIndex, set) in read.sets.enumerated() {
            let remittance = set.remittance
            let payment = RemittanceClaimItem.Payment(
                payer: remittance.payer.name, traceNumber: remittance.traceNumber,
                method: remittance.payment.method == .check ? .insuranceCheck : .insuranceEFT,
                date: remittance.payment.date.flatMap { CalendarDate(year: $0.year, month: $0.month, day: $0.day) } ?? today)
            for (claimIndex, claim) in remittance.claims.enumerated() {
                let position = "\(setIndex + 1).\(claimIndex + 1)"
                let key = ["835", read.sha256, String(set.interchangeControlNumber.prefix(20)),
                           String(remittance.controlNumber.prefix(20)), position].joined(separator: ":")
                let item = RemittanceClaimItem(fileID: fileID, position: position, key: key, claim: claim, payment: payment,
                                               problems: set.problemsByClaim[claim.segmentNumber] ?? [],
                                               snapshot: RemittanceClaimSnapshot(claim, in: remittance))
                let timestamp = database.timestamp()
                let outcome = try await database.pool.write { [actor] db in
                    try item.settle(by: actor, at: timestamp, in: db)
                }
                switch outcome {
                case .posted, .alreadyPosted:
                    if case .posted = outcome { summary.claimsPosted += 1 } else { summary.claimsAlreadyPosted += 1 }
                    summary.paidCents += claim.paidCents
                    summary.patientResponsibilityCents += claim.patientResponsibilityCents
                case .queued(let reason):
                    summary.claimsQueued += 1
                    summary.queued.append(.init(position: position, claimNumber: claim.patientControlNumber, reason: reason))
                }
            }
        }
        summary.postedBalances = summary.paymentCents == summary.paidCents - summary.providerAdjustmentCents
        return summary
    }

    /// The file's row, made on its first import: what it says in total and its PLB adjustments.
    private func record(_ read: ReadRemittanceFile) async throws -> Int64 {
        let timestamp = database.timestamp()
        let patientShare = ReadRemittanceFile.total(read.sets.flatMap { $0.remittance.claims.map(\.patientResponsibilityCents) }) ?? 0
        let plb = read.sets.flatMap { set in
            set.remittance.providerAdjustments.flatMap { adjustment in
                adjustment.items.map { ["provider": adjustment.providerID, "date": adjustment.fiscalPeriodDate.description,
                                        "reason": $0.reasonCode, "reference": $0.reference ?? "", "amountCents": String($0.amountCents)] }
            }
        }
        let plbJSON = String(decoding: try JSONCoding.canonicalEncoder.encode(plb), as: UTF8.self)
        return try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO remittance_files (sha256, name, first_imported_at, last_imported_at, transaction_sets, claims,
                    payment_cents, claims_paid_cents, patient_responsibility_cents, provider_adjustment_cents,
                    payment_balances, provider_adjustments)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO UPDATE SET last_imported_at = excluded.last_imported_at
                """, arguments: [read.sha256, String(read.name.prefix(200)), timestamp, timestamp, read.sets.count,
                                 read.sets.reduce(0) { $0 + $1.remittance.claims.count }, read.paymentCents,
                                 read.filePaidCents, patientShare, read.providerAdjustmentCents, read.fileBalances, plbJSON])
            return try Int64.fetchOne(db, sql: "SELECT id FROM remittance_files WHERE sha256 = ?", arguments: [read.sha256]) ?? 0
        }
    }
}
