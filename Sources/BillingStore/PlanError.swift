import BillingCore

/// Why a plan action was refused. Nothing was changed when one of these is thrown.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(FieldError)
    case alreadyOnPlan
    case notOpen
    case nothingToPay
    case chargeInProgress

    public var description: String {
        switch self {
        case .chargeInProgress: "a charge on this plan is still waiting for the card company's answer; try again later"
        case .invalid(let error): error.description
        case .alreadyOnPlan: "the account is already on a payment plan"
        case .notOpen: "the payment plan has ended"
        case .nothingToPay: "nothing is left to pay on the plan"
        }
    }
}
