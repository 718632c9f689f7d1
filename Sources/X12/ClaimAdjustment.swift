/// One CAS segment: a group code and up to six reasons with their amounts, at claim or line level.
public struct ClaimAdjustment: Equatable, Sendable {
    public enum Group: String, CaseIterable, Sendable {
        /// Contractual obligation: written off, never billed to the patient.
        case contractualObligation = "CO"
        case patientResponsibility = "PR"
        case otherAdjustment = "OA"
        case payerInitiatedReduction = "PI"
        /// Correction and reversal (004010 only).
        case correctionReversal = "CR"
    }

    public struct Reason: Equatable, Sendable {
        /// Claim adjustment reason code, e.g. 1 deductible, 2 coinsurance, 45 charge exceeds fee schedule.
        public var code: String
        public var amountCents: Int64
        public var quantity: String?
    }

    public var group: Group
    public var reasons: [Reason]
    public var segmentNumber: Int

    /// Cannot overflow: at most six amounts of at most 12 dollar digits.
    public var totalCents: Int64 { reasons.reduce(0) { $0 + $1.amountCents } }
}

extension ClaimAdjustment {
    init(cas segment: X12Segment) throws(X12Error) {
        group = try X12Code.parse(segment, 1, as: Group.self)
        segmentNumber = segment.number
        reasons = []
        for triple in 0..<6 {
            let codePosition = 2 + triple * 3
            let code = segment.element(codePosition)
            let amount = segment.element(codePosition + 1)
            let quantity = segment.element(codePosition + 2)
            if code.isEmpty && amount.isEmpty && quantity.isEmpty { continue }
            guard !code.isEmpty else {
                throw segment.error("\(X12Value.name(segment, codePosition)) is empty but its amount or quantity is not")
            }
            reasons.append(Reason(code: code,
                                  amountCents: try X12Value.requiredCents(segment, codePosition + 1),
                                  quantity: try X12Value.optionalQuantity(segment, codePosition + 2)))
        }
        guard !reasons.isEmpty else { throw segment.error("CAS has no reason code and amount") }
        guard segment.elements.count <= 19 else { throw segment.error("CAS has more than six reasons") }
    }
}
