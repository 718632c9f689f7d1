import BillingCore
import X12

/// What importing one 835 file did, and whether the check or EFT adds up.
public struct RemittanceSummary: Codable, Sendable, Equatable {
    /// A claim that went to the work queue, and why.
    public struct QueuedClaim: Codable, Sendable, Equatable {
        /// "transaction set.claim" in file order, both counted from 1.
        public var position: String
        public var claimNumber: String
        public var reason: String
    }

    public var file: String
    public var sha256: String
    public var transactionSets: Int
    public var claims: Int
    /// Posted by this import.
    public var claimsPosted: Int
    /// Posted by an earlier import of the same file: nothing was posted again.
    public var claimsAlreadyPosted: Int
    /// In the work queue after this import (a claim queued before is tried again, and stays queued only if it still
    /// cannot post).
    public var claimsQueued: Int
    /// Σ CLP04 of the file's claims that are on the ledger (posted now or before); reversals count negative.
    public var paidCents: Int64
    /// Σ CLP05 of the same claims: what moved to patients.
    public var patientResponsibilityCents: Int64
    /// Σ PLB amounts: recorded on the file, not posted (they are not about one patient).
    public var providerAdjustmentCents: Int64
    /// Σ BPR02: the check or EFT.
    public var paymentCents: Int64
    /// Σ CLP04 of every claim in the file, posted or not.
    public var filePaidCents: Int64
    /// BPR02 = Σ CLP04 − Σ PLB in every transaction set of the file.
    public var fileBalances: Bool
    /// Σ BPR02 = `paidCents` − `providerAdjustmentCents`: the deposit is fully accounted for on the ledger.
    public var postedBalances: Bool
    /// Wrong SE/GE/IEA counts read past (only when the import was asked to accept them).
    public var countMismatches: [String]
    public var queued: [QueuedClaim]
}

/// Why a file was not imported. Nothing of it was posted.
public enum RemittanceImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not read as an 835; the X12 error names the segment and the reason.
    case unreadable(file: String, X12Error)
    /// The file's amounts do not add up without overflowing: no real remittance is that large.
    case amountsTooLarge(file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let error): "\(file): \(error)"
        case .amountsTooLarge(let file): "\(file): its amounts are too large to total; it is not a real remittance"
        }
    }
}

/// An 835 file read and checked, not yet posted: reading every file before posting any lets a command refuse a batch
/// with one bad file without posting the others.
public struct ReadRemittanceFile: Sendable {
    /// One transaction set with the ISA13 of its interchange ("" for a file without envelopes).
    struct TransactionSet: Sendable {
        var interchangeControlNumber: String
        var remittance: Remittance
        /// The balance problems of each claim, by the claim's CLP segment number.
        var problemsByClaim: [Int: [BalanceProblem]]
    }

    public let name: String
    public let sha256: String
    public let file: RemittanceFile
    let sets: [TransactionSet]
    let paymentCents: Int64
    let filePaidCents: Int64
    let providerAdjustmentCents: Int64
    let fileBalances: Bool

    init(name: String, sha256: String, file: RemittanceFile) throws(RemittanceImportError) {
        self.name = name
        self.sha256 = sha256
        self.file = file
        let enveloped = file.interchanges.flatMap { interchange in
            interchange.groups.flatMap { $0.remittances.map { (interchange.controlNumber, $0) } }
        }
        sets = (enveloped + file.unenvelopedRemittances.map { ("", $0) }).map { control, remittance in
            TransactionSet(interchangeControlNumber: control, remittance: remittance,
                           problemsByClaim: Self.problemsByClaim(remittance))
        }
        let remittances = sets.map(\.remittance)
        guard let payment = Self.total(remittances.map(\.payment.amountCents)),
              let paid = Self.total(remittances.flatMap { $0.claims.map(\.paidCents) }),
              let provider = Self.total(remittances.flatMap { $0.providerAdjustments.map(\.totalCents) })
        else { throw .amountsTooLarge(file: name) }
        paymentCents = payment
        filePaidCents = paid
        providerAdjustmentCents = provider
        fileBalances = !remittances.flatMap { $0.balanceProblems() }.contains { $0.rule == .totalPayment }
    }

    /// Every claim-level and line-level problem belongs to the claim whose CLP or SVC it names.
    private static func problemsByClaim(_ remittance: Remittance) -> [Int: [BalanceProblem]] {
        var owner: [Int: Int] = [:]
        for claim in remittance.claims {
            owner[claim.segmentNumber] = claim.segmentNumber
            for service in claim.services { owner[service.segmentNumber] = claim.segmentNumber }
        }
        var result: [Int: [BalanceProblem]] = [:]
        for problem in remittance.balanceProblems() where problem.rule != .totalPayment {
            if let claim = owner[problem.segmentNumber] { result[claim, default: []].append(problem) }
        }
        return result
    }

    static func total(_ amounts: [Int64]) -> Int64? {
        var sum: Int64 = 0
        for amount in amounts {
            let (next, overflow) = sum.addingReportingOverflow(amount)
            if overflow { return nil }
            sum = next
        }
        return sum
    }
}
