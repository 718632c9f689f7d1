/// A balancing rule of the 835 that the payer's numbers break. Such a claim goes to the work queue; it is not a
/// reading error, because real files do not always balance.
public struct BalanceProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Rule: Sendable {
        /// SVC02 − the line's CAS amounts = SVC03.
        case servicePaid
        /// CLP03 − all the claim's CAS amounts (claim and line level) = CLP04.
        case claimPaid
        /// CLP05 = the claim's PR amounts.
        case claimPatientResponsibility
        /// BPR02 = Σ CLP04 − Σ PLB amounts.
        case totalPayment
    }

    public var rule: Rule
    /// The SVC, CLP or ST segment the rule is about.
    public var segmentNumber: Int
    /// What the segment states (SVC03, CLP04, CLP05 or BPR02).
    public var statedCents: Int64
    /// What the other amounts add up to; nil when they are too large to add up.
    public var computedCents: Int64?

    public var description: String {
        let computed = computedCents.map(String.init) ?? "too large to total"
        let subject = switch rule {
        case .servicePaid: "SVC03 (line paid)"
        case .claimPaid: "CLP04 (claim paid)"
        case .claimPatientResponsibility: "CLP05 (patient responsibility)"
        case .totalPayment: "BPR02 (total payment)"
        }
        return "segment \(segmentNumber): \(subject) is \(statedCents) cents, the other amounts give \(computed)"
    }
}

extension Remittance {
    /// Every balancing rule that does not hold: claim by claim (the claim, then its lines), then the total payment.
    /// Never throws: an unbalanced file still reads.
    public func balanceProblems() -> [BalanceProblem] {
        var problems: [BalanceProblem] = []
        func check(_ rule: BalanceProblem.Rule, _ segment: Int, stated: Int64, computed: Int64?) {
            if computed != stated {
                problems.append(BalanceProblem(rule: rule, segmentNumber: segment, statedCents: stated,
                                               computedCents: computed))
            }
        }
        for claim in claims {
            let all = claim.allAdjustments
            let adjusted = checkedSum(all.flatMap { $0.reasons.map(\.amountCents) })
            check(.claimPaid, claim.segmentNumber, stated: claim.paidCents,
                  computed: adjusted.flatMap { checkedDifference(claim.chargeCents, $0) })
            let patientShare = all.filter { $0.group == .patientResponsibility }.flatMap { $0.reasons.map(\.amountCents) }
            check(.claimPatientResponsibility, claim.segmentNumber, stated: claim.patientResponsibilityCents,
                  computed: checkedSum(patientShare))
            for service in claim.services {
                let lineAdjusted = checkedSum(service.adjustments.flatMap { $0.reasons.map(\.amountCents) })
                check(.servicePaid, service.segmentNumber, stated: service.paidCents,
                      computed: lineAdjusted.flatMap { checkedDifference(service.chargeCents, $0) })
            }
        }
        let paid = checkedSum(claims.map(\.paidCents))
        let provider = checkedSum(providerAdjustments.flatMap { $0.items.map(\.amountCents) })
        let total: Int64? = if let paid, let provider { checkedDifference(paid, provider) } else { nil }
        check(.totalPayment, segmentNumber, stated: payment.amountCents, computed: total)
        return problems
    }
}

extension RemittanceFile {
    /// The balance problems of every transaction set.
    public func balanceProblems() -> [BalanceProblem] {
        remittances.flatMap { $0.balanceProblems() }
    }
}

/// Nil on overflow: a garbled file may hold amounts whose total does not fit.
private func checkedSum(_ amounts: [Int64]) -> Int64? {
    var total: Int64 = 0
    for amount in amounts {
        let (sum, overflow) = total.addingReportingOverflow(amount)
        if overflow { return nil }
        total = sum
    }
    return total
}

private func checkedDifference(_ a: Int64, _ b: Int64) -> Int64? {
    let (difference, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? nil : difference
}
