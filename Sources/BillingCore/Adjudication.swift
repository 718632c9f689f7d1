/// X12 claim adjustment group codes: who bears an adjustment.
public enum AdjustmentGroup: String, Codable, Sendable, CaseIterable {
    /// Contractual obligation: written off, never billed to the patient.
    case contractual = "CO"
    /// Patient responsibility: moves to the patient with its reason.
    case patientResponsibility = "PR"
    case otherAdjustment = "OA"
    case payerInitiated = "PI"
    /// Correction and reversal (004010 only); treated like OA.
    case correction = "CR"
}

public struct LineAdjustment: Sendable, Equatable, Codable {
    public var group: AdjustmentGroup
    public var reasonCode: String
    public var amount: Money

    public init(group: AdjustmentGroup, reasonCode: String, amount: Money) {
        self.group = group
        self.reasonCode = reasonCode
        self.amount = amount
    }
}

/// What a payer decided for one service line.
public struct LineAdjudication: Sendable, Equatable, Codable {
    public var serviceLineID: Int64
    public var paid: Money
    public var adjustments: [LineAdjustment]

    public init(serviceLineID: Int64, paid: Money, adjustments: [LineAdjustment]) {
        self.serviceLineID = serviceLineID
        self.paid = paid
        self.adjustments = adjustments
    }

    /// Everything this decision takes off the insurance-due balance of the line.
    public var insuranceDueReduction: Money { paid + adjustments.map(\.amount).sum() }

    /// Postings: paid to cash from insurance due; CO/OA/PI/CR to contractual adjustment; PR to patient due with the
    /// reason. Negative CAS amounts (payer giving back an adjustment) flow through the same legs with the sign.
    public func postings(paidBy method: PaymentMethod) -> [Posting] {
        var legs: [Posting] = []
        if !paid.isZero {
            legs.append(Posting(.cash(method), paid, line: serviceLineID))
            legs.append(Posting(.insuranceDue, paid.negated, line: serviceLineID))
        }
        for adjustment in adjustments where !adjustment.amount.isZero {
            legs.append(Posting(.insuranceDue, adjustment.amount.negated, line: serviceLineID))
            switch adjustment.group {
            case .patientResponsibility:
                legs.append(Posting(.patientDue, adjustment.amount, line: serviceLineID,
                                    reason: ResponsibilityReason(patientResponsibilityCode: adjustment.reasonCode)))
            case .contractual, .otherAdjustment, .payerInitiated, .correction:
                legs.append(Posting(.contractualAdjustment, adjustment.amount, line: serviceLineID))
            }
        }
        return legs
    }
}
