import BillingCore
import X12

/// How one CLP lands on the lines of the visit it pays: which SVC is which service line, and what each line gets.
///
/// - With SVC lines, each SVC is matched to a line by its REF*6R line control number first, then by the billed code
///   (SVC06 when the payer re-coded it, else SVC01) with modifiers and charge, and last by code and modifiers when
///   exactly one unmatched line has them (a corrected claim may carry a new charge). Claim-level CAS amounts then come
///   out of the lines' payments: the 835 states CLP04 = Σ SVC03 − claim-level CAS, so each one is apportioned over the
///   lines in proportion to what each line was paid (to their charges when nothing was paid), to the cent.
/// - Without SVC lines (institutional claims), the whole claim is apportioned over the visit's insurance lines in
///   proportion to their charges: each line's share of CLP03 first, then each CAS amount, with the largest amount
///   (usually the payment) taking what rounding leaves so that every line's share is exact.
enum RemittanceClaimPlan {
    struct Refusal: Error, Equatable {
        let reason: String
    }

    static func adjudications(for claim: ClaimPayment, lines: [ServiceLine]) throws(Refusal) -> [LineAdjudication] {
        try checkBounds(claim)
        let insured = lines.filter { !$0.selfPay }
        guard !insured.isEmpty else { throw Refusal(reason: "visit \(claim.patientControlNumber) has no lines billed to insurance") }
        let decisions = claim.services.isEmpty ? try claimLevel(claim, insured) : try lineLevel(claim, insured)
        let moves = LedgerRules.consolidated(decisions.flatMap { $0.postings(paidBy: .insuranceEFT) })
        guard !moves.isEmpty else { throw Refusal(reason: "the claim moves no money (nothing paid or adjusted)") }
        return decisions
    }

    /// Amounts past the ledger's largest posting are refused here, so that the sums below cannot overflow.
    private static func checkBounds(_ claim: ClaimPayment) throws(Refusal) {
        let amounts = [claim.chargeCents, claim.paidCents, claim.patientResponsibilityCents]
            + claim.allAdjustments.flatMap { $0.reasons.map(\.amountCents) }
            + claim.services.flatMap { [$0.chargeCents, $0.paidCents] }
        let limit = LedgerRules.largestPosting.cents
        if amounts.contains(where: { $0 > limit || $0 < -limit }) {
            throw Refusal(reason: "an amount is above \(LedgerRules.largestPosting.formatted), the largest the ledger posts")
        }
        guard claim.services.count <= 10_000 else { throw Refusal(reason: "the claim has more than 10,000 service lines") }
    }

    private static func lineLevel(_ claim: ClaimPayment, _ lines: [ServiceLine]) throws(Refusal) -> [LineAdjudication] {
        let charged = claim.services.reduce(Int64(0)) { $0 + $1.chargeCents }
        guard charged == claim.chargeCents else {
            throw Refusal(reason: "the lines' charges (SVC02) add up to \(Money(cents: charged).formatted), "
                          + "not the claim's charge \(Money(cents: claim.chargeCents).formatted) (CLP03)")
        }
        let matched = try match(claim.services, to: lines, claim: claim.patientControlNumber)
        let paidWeights = claim.services.map(\.paidCents)
        let weights = paidWeights.contains { $0 > 0 } ? paidWeights : claim.services.map(\.chargeCents)
        let claimShares = claim.adjustments.flatMap { cas in
            cas.reasons.map { reason in
                (cas.group, reason.code, Money(cents: reason.amountCents).apportioned(by: weights))
            }
        }
        return claim.services.enumerated().map { index, service in
            var adjustments = service.adjustments.flatMap(lineAdjustments)
            var paid = Money(cents: service.paidCents)
            for (group, code, shares) in claimShares where !shares[index].isZero {
                adjustments.append(LineAdjustment(group: group.ledgerGroup, reasonCode: code, amount: shares[index]))
                paid -= shares[index]
            }
            return LineAdjudication(serviceLineID: matched[index].id, paid: paid, adjustments: adjustments)
        }
    }

    private static func claimLevel(_ claim: ClaimPayment, _ lines: [ServiceLine]) throws(Refusal) -> [LineAdjudication] {
        let weights = lines.map(\.charge.cents)
        let targets = Money(cents: claim.chargeCents).apportioned(by: weights)
        // Component 0 is the payment; the others are the claim's CAS reasons.
        var components: [(group: AdjustmentGroup?, code: String, amount: Money)] = [(nil, "", Money(cents: claim.paidCents))]
        for cas in claim.adjustments {
            for reason in cas.reasons { components.append((cas.group.ledgerGroup, reason.code, Money(cents: reason.amountCents))) }
        }
        // The first of the largest: `max(by:)` keeps the earlier element on ties.
        let absorbing = components.indices.max { components[$0].amount.magnitude < components[$1].amount.magnitude } ?? 0
        var shares = components.map { $0.amount.apportioned(by: weights) }
        for line in lines.indices {
            let others = components.indices.filter { $0 != absorbing }.map { shares[$0][line] }.sum()
            shares[absorbing][line] = targets[line] - others
        }
        return lines.enumerated().map { line, serviceLine in
            let adjustments = components.indices.dropFirst().compactMap { index -> LineAdjustment? in
                guard let group = components[index].group, !shares[index][line].isZero else { return nil }
                return LineAdjustment(group: group, reasonCode: components[index].code, amount: shares[index][line])
            }
            return LineAdjudication(serviceLineID: serviceLine.id, paid: shares[0][line], adjustments: adjustments)
        }
    }

    /// The service line each SVC pays, in SVC order; each line is matched at most once.
    static func match(_ services: [ServicePayment], to lines: [ServiceLine], claim: String) throws(Refusal) -> [ServiceLine] {
        var free = lines
        var matched: [ServiceLine] = []
        for service in services {
            let billed = service.originalProcedure ?? service.procedure
            let sameCode = { (line: ServiceLine) in
                line.code == billed.code && line.modifiers.sorted() == billed.modifiers.sorted()
            }
            let byControlNumber = service.lineControlNumber.flatMap { number in free.firstIndex { $0.lineControlNumber == number } }
            let byCodeAndCharge = free.firstIndex { sameCode($0) && $0.charge.cents == service.chargeCents }
            let byCodeOnly = free.filter(sameCode).count == 1 ? free.firstIndex(where: sameCode) : nil
            guard let index = byControlNumber ?? byCodeAndCharge ?? byCodeOnly else {
                let procedure = ([billed.code] + billed.modifiers).joined(separator: ":")
                let control = service.lineControlNumber.map { ", line control number \($0)" } ?? ""
                throw Refusal(reason: "SVC at segment \(service.segmentNumber) (\(procedure), "
                              + "\(Money(cents: service.chargeCents).formatted)\(control)) matches no open line of claim \(claim)")
            }
            matched.append(free.remove(at: index))
        }
        return matched
    }

    private static func lineAdjustments(_ cas: ClaimAdjustment) -> [LineAdjustment] {
        cas.reasons.map { LineAdjustment(group: cas.group.ledgerGroup, reasonCode: $0.code, amount: Money(cents: $0.amountCents)) }
    }
}

extension ClaimAdjustment.Group {
    /// The ledger's name for the same X12 group code.
    var ledgerGroup: AdjustmentGroup {
        switch self {
        case .contractualObligation: .contractual
        case .patientResponsibility: .patientResponsibility
        case .otherAdjustment: .otherAdjustment
        case .payerInitiatedReduction: .payerInitiated
        case .correctionReversal: .correction
        }
    }
}
