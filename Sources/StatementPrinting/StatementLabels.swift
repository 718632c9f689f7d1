import BillingCore

/// Every word the statement PDF prints that is not data, in one value per language, so a translation is reviewed in
/// one place and nothing on the page is left in the other language.
public struct StatementLabels: Sendable {
    public var statementTitle: String
    public var statementDate: String
    public var accountNumber: String
    public var statementNumber: String
    public var onlineCode: String
    public var accountHolder: String
    public var amountDueNow: String
    public var payBy: String
    public var accountBalance: String
    public var waitingOnInsurance: String
    public var creditOnAccount: String
    public var questions: @Sendable (_ phone: String, _ hours: String) -> String

    public var accountSummary: String
    public var previousBalance: String
    public var newCharges: String
    public var insurancePayments: String
    public var insuranceAdjustments: String
    public var yourPayments: String
    public var balanceAdjustments: String
    public var refunds: String
    public var agingTitle: String
    /// Current, 31–60, 61–90, 91–120, over 120 days.
    public var agingBuckets: [String]

    public var howToPay: String
    public var payOnline: @Sendable (_ website: String, _ code: String) -> String
    public var payByPhone: @Sendable (_ phone: String, _ hours: String) -> String
    public var payByMail: @Sendable (_ payee: String) -> String
    public var payInPerson: String

    public var visitsTitle: String
    public var noVisits: String
    /// Service, code, charge, insurance paid, adjustment, you paid, your share, why you owe.
    public var visitColumns: [String]
    public var visitTotal: String
    public var notOwedYet: @Sendable (_ pending: String) -> String
    public var reasons: [ResponsibilityReason: String]

    public var activityTitle: String
    public var noActivity: String
    /// Date, description, amount.
    public var activityColumns: [String]
    public var messagesTitle: String

    /// The payment plan: its balance and the installment due on page 1, its remaining schedule on the detail pages.
    public var planBalance: String
    public var planInstallment: String
    public var planTitle: String
    public var planCharged: @Sendable (_ card: String) -> String
    /// Due date, installment.
    public var planColumns: [String]

    public var detachHere: String
    public var couponTitle: String
    public var dueDate: String
    public var amountDue: String
    public var amountEnclosed: String
    public var writeAccountOnCheck: String
    public var pageOfTotal: @Sendable (_ number: Int, _ total: Int) -> String
    public var continuation: @Sendable (_ statement: String, _ account: String) -> String

    /// Short dates for tables: "Mar 3, 2026" or "3 mar 2026".
    public var tableDate: @Sendable (CalendarDate) -> String

    public static func `for`(_ language: Language) -> StatementLabels {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }
}
