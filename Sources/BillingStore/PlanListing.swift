import BillingCore

/// A plan as the office's list shows it.
public struct PlanListing: Sendable, Equatable {
    public var plan: PaymentPlan
    public var accountNumber: String
    public var guarantorName: String
}
