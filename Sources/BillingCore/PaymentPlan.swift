import Foundation

/// A guarantor's agreement to pay a balance in installments charged to a saved card. The card itself stays with the
/// gateway: the plan holds only the gateway's customer and payment method ids and what may be shown of the card.
public struct PaymentPlan: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Installments are being charged as scheduled.
        case active
        /// An installment was missed (declined through its grace period) and is still unpaid.
        case missed
        /// Too many missed installments ended the plan; what is left is billed on the normal cycle.
        case defaulted
        /// Every installment is paid.
        case completed
        /// Ended by the patient or the office; what is left is billed on the normal cycle.
        case canceled
        /// Replaced by a new plan for the whole balance (new charges added).
        case replanned

        /// Still charging installments.
        public var isOpen: Bool { self == .active || self == .missed }

        public var plainName: String {
            switch self {
            case .active: "active"
            case .missed: "behind (an installment was missed)"
            case .defaulted: "ended after missed installments"
            case .completed: "paid in full"
            case .canceled: "canceled"
            case .replanned: "replaced by a new plan"
            }
        }
    }

    public var id: Int64
    public var accountID: Int64
    public var status: Status
    public var frequency: InstallmentFrequency
    public var total: Money
    public var policy: PlanPolicy
    public var customerID: String
    public var paymentMethodID: String
    /// "Visa ending 4242": what the patient sees of the card.
    public var cardDescription: String
    public var termsVersion: String
    public var termsAcceptedAt: String
    public var termsAcceptedBy: String
    public var createdAt: String
    public var endedAt: String?
    public var endReason: String?
    public var installments: [Installment]

    public init(id: Int64, accountID: Int64, status: Status, frequency: InstallmentFrequency, total: Money, policy: PlanPolicy,
                customerID: String, paymentMethodID: String, cardDescription: String, termsVersion: String, termsAcceptedAt: String,
                termsAcceptedBy: String, createdAt: String, endedAt: String?, endReason: String?, installments: [Installment]) {
        self.id = id
        self.accountID = accountID
        self.status = status
        self.frequency = frequency
        self.total = total
        self.policy = policy
        self.customerID = customerID
        self.paymentMethodID = paymentMethodID
        self.cardDescription = cardDescription
        self.termsVersion = termsVersion
        self.termsAcceptedAt = termsAcceptedAt
        self.termsAcceptedBy = termsAcceptedBy
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.installments = installments
    }

    /// Installments not yet paid (scheduled or missed), in due order.
    public var unpaid: [Installment] { installments.filter(\.isUnpaid) }
    public var paid: Money { installments.map(\.paidAmount).sum() }
    /// What is left to pay on the plan.
    public var remaining: Money { status.isOpen ? unpaid.map(\.amount).sum() : .zero }
    public var nextUnpaid: Installment? { unpaid.first }
    public var missedCount: Int { installments.filter { $0.missedOn != nil }.count }

    /// What the plan asks for by `date`: every unpaid installment due on or before it.
    public func due(by date: CalendarDate) -> Money {
        status.isOpen ? unpaid.filter { $0.dueDate <= date }.map(\.amount).sum() : .zero
    }

    /// What an account on a plan owes now: the installments due, plus whatever the plan does not cover (charges since
    /// it began), never more than the account owes. The statement and the account page both show this as "amount due".
    public static func amountDue(owed: Money, installmentsDue: Money, planBalance: Money) -> Money {
        Money.min(owed, installmentsDue + Money.max(owed - planBalance, .zero))
    }
}

/// One scheduled charge of a plan.
public struct Installment: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        case scheduled, paid, missed, canceled
    }

    public var id: Int64
    public var sequence: Int
    public var dueDate: CalendarDate
    public var amount: Money
    public var status: Status
    /// The day of the next charge attempt (the due date until a decline moves it on).
    public var nextAttemptDate: CalendarDate
    public var paidAmount: Money
    public var paidOn: CalendarDate?
    public var missedOn: CalendarDate?
    public var transactionID: Int64?

    public init(id: Int64, sequence: Int, dueDate: CalendarDate, amount: Money, status: Status, nextAttemptDate: CalendarDate,
                paidAmount: Money, paidOn: CalendarDate?, missedOn: CalendarDate?, transactionID: Int64?) {
        self.id = id
        self.sequence = sequence
        self.dueDate = dueDate
        self.amount = amount
        self.status = status
        self.nextAttemptDate = nextAttemptDate
        self.paidAmount = paidAmount
        self.paidOn = paidOn
        self.missedOn = missedOn
        self.transactionID = transactionID
    }

    public var isUnpaid: Bool { status == .scheduled || status == .missed }

    /// The last day a declined installment is still retried: after it, the installment is missed.
    public func graceEnds(_ policy: PlanPolicy) -> CalendarDate { dueDate.adding(days: policy.graceDays) }
}
