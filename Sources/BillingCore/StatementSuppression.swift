/// An account left out of a mail-house batch, and why: the billing office reads these in the batch's exceptions file
/// to fix addresses or release holds before the next cycle.
public struct StatementSuppression: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable, Codable {
        /// Nothing to collect: the balance is zero, a credit, or all still with insurance.
        case zeroOrCreditBalance = "zero_or_credit_balance"
        /// Owed, but less than the practice mails a statement for.
        case underMinimum = "under_minimum"
        case noMailingAddress = "no_mailing_address"
        /// A statement went out to this account within the cycle window already.
        case alreadySent = "already_sent"
        case onHold = "on_hold"
    }

    public var accountNumber: String
    public var name: String
    public var reason: Reason

    public init(accountNumber: String, name: String, reason: Reason) {
        self.accountNumber = accountNumber
        self.name = name
        self.reason = reason
    }

    /// The reason a statement with this amount due and address must not be mailed, or nil when it may be. Only what
    /// the statement itself shows; holds and earlier mailings are the store's to know.
    public static func reason(amountDue: Money, address: MailingAddress, minimum: Money) -> Reason? {
        if !amountDue.isPositive { return .zeroOrCreditBalance }
        if amountDue < minimum { return .underMinimum }
        if !address.isMailable { return .noMailingAddress }
        return nil
    }
}
