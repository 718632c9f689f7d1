import BillingCore

/// One charge of a saved card for a plan, as recorded before the gateway is called. Its key goes to the gateway, so
/// sending it again (a second run, a run after a crash) gets the first answer instead of a second charge.
public struct PlanChargeAttempt: Sendable, Equatable {
    public enum Kind: String, Sendable { case installment, ahead, payoff }
    public enum Status: String, Sendable { case started, succeeded, declined }

    public var id: Int64
    public var planID: Int64
    public var installmentID: Int64?
    public var kind: Kind
    public var key: String
    public var amount: Money
    public var status: Status
    public var accountID: Int64
    public var accountNumber: String
    public var customerID: String
    public var paymentMethodID: String
    public var transactionID: Int64?
    public var failure: String?
}

/// What the installment job is to do with one due installment.
public enum InstallmentStep: Sendable, Equatable {
    /// Charge it (a new attempt, or one a previous run started and did not finish).
    case charge(PlanChargeAttempt)
    /// Its grace period ended after a decline: it is missed, and the plan defaulted when that was one miss too many.
    case missed(defaulted: Bool)
    /// The balance was paid some other way: the plan is complete.
    case settled
    /// Not today (waiting for the next retry), or no longer due.
    case nothing
}
