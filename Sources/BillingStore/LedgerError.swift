import BillingCore

/// Why the ledger refused a business action. Nothing was posted when one of these is thrown.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    case rule(LedgerRuleError)
    case invalid(ValidationFailure)
    case idempotencyKeyReused(key: String)
    case unknownAccount(Int64)
    case unknownPatient(Int64)
    case unknownProvider(Int64)
    case unknownLocation(Int64)
    case unknownServiceLine(Int64)
    case unknownTransaction(Int64)
    case claimNumberTaken(String)
    case alreadyReversed(transaction: Int64)
    case cannotReverseReversal(transaction: Int64)
    case wouldGoBelowZero(what: String)
    case insufficientCredit(available: Money, requested: Money)
    case amountNotPositive(Money)
    case notAPatientMethod(PaymentMethod)
    case linesOnSeveralAccounts
    case dayClosed(staff: String, date: CalendarDate)

    public var description: String {
        switch self {
        case .rule(let rule): "ledger rule: \(rule)"
        case .invalid(let failure): failure.description
        case .idempotencyKeyReused(let key): "idempotency key '\(key)' was already used for a different request"
        case .unknownAccount(let id): "no account \(id)"
        case .unknownPatient(let id): "no patient \(id) on that account"
        case .unknownProvider(let id): "no provider \(id)"
        case .unknownLocation(let id): "no location \(id)"
        case .unknownServiceLine(let id): "no service line \(id)"
        case .unknownTransaction(let id): "no ledger transaction \(id)"
        case .claimNumberTaken(let claim): "claim number \(claim) is already on another visit"
        case .alreadyReversed(let id): "transaction \(id) has already been reversed"
        case .cannotReverseReversal(let id): "transaction \(id) is itself a reversal; post a new transaction instead"
        case .wouldGoBelowZero(let what): "\(what) would go below zero"
        case .insufficientCredit(let available, let requested):
            "only \(available.formatted) of patient credit is available, \(requested.formatted) was requested"
        case .amountNotPositive(let amount): "the amount must be above zero (got \(amount.formatted))"
        case .notAPatientMethod(let method): "\(method.plainName) is not a way patients pay"
        case .linesOnSeveralAccounts: "the lines belong to more than one account"
        case .dayClosed(let staff, let date): "\(staff)'s desk day \(date.iso) is closed; correct it with a reversal"
        }
    }
}

/// A transaction as posted (or as first posted, when `replayed` says the key had been seen).
public struct PostedTransaction: Sendable, Equatable {
    public var id: Int64
    public var kind: TransactionKind
    public var accountID: Int64?
    public var effectiveDate: CalendarDate
    public var reference: String?
    public var postings: [Posting]
    public var replayed: Bool

    /// Money received (cash books), for payments.
    public var amountReceived: Money {
        postings.filter { if case .cash = $0.book { true } else { false } }.map(\.amount).sum()
    }
}
