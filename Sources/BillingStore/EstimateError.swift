import BillingCore

/// Why an estimate action was refused. Nothing was written when one of these is thrown.
public enum EstimateError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(ValidationFailure)
    case unknownEstimate(Int64)
    case notSelfPay
    case alreadyIssued(number: String)
    case revisedSince(estimate: Int64)
    case incomplete(GoodFaithEstimateIncomplete)
    case practiceNotSet
    case alreadyBilled(estimate: Int64)
    case needsAccount
    case damaged(number: String)

    public var description: String {
        switch self {
        case .invalid(let failure): failure.description
        case .unknownEstimate(let id): "no estimate \(id)"
        case .notSelfPay: "a Good Faith Estimate is for uninsured or self-pay patients; mark the estimate self-pay first"
        case .alreadyIssued(let number): "Good Faith Estimate \(number) was already issued for this estimate; revise the quote for a new version"
        case .revisedSince(let id): "this estimate was revised since (estimate \(id)); work from the latest version"
        case .incomplete(let missing): missing.description
        case .practiceNotSet: "the practice's name, NPI and TIN are not set"
        case .alreadyBilled(let id): "estimate \(id) was already billed"
        case .needsAccount: "this estimate is for a prospective patient: give the account they were registered under"
        case .damaged(let number): "Good Faith Estimate \(number) no longer matches its SHA-256"
        }
    }
}
