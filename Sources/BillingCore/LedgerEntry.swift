import Foundation

/// What a ledger transaction is, in the billing office's words.
public enum TransactionKind: String, Codable, Sendable, CaseIterable {
    case charge
    case adjudication
    case payment
    case refund
    case creditApplication = "credit_application"
    case writeOff = "write_off"
    case reversal
    case providerAdjustment = "provider_adjustment"
}

/// Who wrote a transaction into the shared ledger.
public enum TransactionSource: String, Codable, Sendable, CaseIterable {
    case claims, portal, desk, system
}

/// A transaction ready to post: the unit of one business action. Posted once per idempotency key.
public struct LedgerEntry: Sendable, Equatable {
    public var kind: TransactionKind
    public var source: TransactionSource
    public var actor: String
    public var idempotencyKey: String
    public var accountID: Int64?
    /// The business day the transaction belongs to (payment date, remittance date), as opposed to when it was written.
    public var effectiveDate: CalendarDate
    public var memo: String
    /// Outside reference: check number, terminal reference, gateway payment id, claim number.
    public var reference: String?
    public var reverses: Int64?
    public var postings: [Posting]

    public init(kind: TransactionKind, source: TransactionSource, actor: String, idempotencyKey: String,
                accountID: Int64?, effectiveDate: CalendarDate, memo: String = "", reference: String? = nil,
                reverses: Int64? = nil, postings: [Posting]) {
        self.kind = kind
        self.source = source
        self.actor = actor
        self.idempotencyKey = idempotencyKey
        self.accountID = accountID
        self.effectiveDate = effectiveDate
        self.memo = memo
        self.reference = reference
        self.reverses = reverses
        self.postings = postings
    }

    /// A stable digest input of what this entry would post, so that a replayed key with a different body is caught.
    public var fingerprint: String {
        let legs = postings.map { "\($0.book.code)|\($0.amount.cents)|\($0.serviceLineID.map(String.init) ?? "")|\($0.reason?.rawValue ?? "")" }
        return ([kind.rawValue, String(accountID ?? 0), String(reverses ?? 0)] + legs).joined(separator: ";")
    }
}

public enum LedgerRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    case noPostings
    case zeroPosting(book: String)
    case unbalanced(sum: Money)
    case missingIdempotencyKey
    case idempotencyKeyTooLong
    case missingActor
    case amountTooLarge(Money)

    public var description: String {
        switch self {
        case .noPostings: "a transaction needs at least two postings"
        case .zeroPosting(let book): "a posting to \(book) has a zero amount"
        case .unbalanced(let sum): "postings sum to \(sum.formatted), not zero"
        case .missingIdempotencyKey: "an idempotency key is required"
        case .idempotencyKeyTooLong: "the idempotency key is longer than 200 characters"
        case .missingActor: "an actor is required"
        case .amountTooLarge(let amount): "\(amount.formatted) is above the largest single posting"
        }
    }
}

/// The rules every transaction obeys before it may touch the ledger.
public enum LedgerRules {
    /// Larger than any real posting, small enough that sums of a database's postings cannot overflow.
    public static let largestPosting = Money(cents: 100_000_000_000)

    public static func validate(_ entry: LedgerEntry) throws(LedgerRuleError) {
        let key = entry.idempotencyKey.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { throw .missingIdempotencyKey }
        guard key.count <= 200 else { throw .idempotencyKeyTooLong }
        guard !entry.actor.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingActor }
        guard entry.postings.count >= 2 else { throw .noPostings }
        var sum = Money.zero
        for posting in entry.postings {
            if posting.amount.isZero { throw .zeroPosting(book: posting.book.code) }
            if posting.amount.magnitude > largestPosting { throw .amountTooLarge(posting.amount) }
            sum += posting.amount
        }
        guard sum.isZero else { throw .unbalanced(sum: sum) }
    }

    /// The postings that undo `original` exactly.
    public static func reversal(of original: [Posting]) -> [Posting] { original.map(\.reversed) }

    /// Removes zero legs and merges legs to the same book, line and reason: what an entry should post.
    public static func consolidated(_ postings: [Posting]) -> [Posting] {
        struct Key: Hashable { let book: Book; let line: Int64?; let reason: ResponsibilityReason? }
        var order: [Key] = []
        var totals: [Key: Money] = [:]
        for posting in postings {
            let key = Key(book: posting.book, line: posting.serviceLineID, reason: posting.reason)
            if totals[key] == nil { order.append(key) }
            totals[key, default: .zero] += posting.amount
        }
        return order.compactMap { key in
            guard let amount = totals[key], !amount.isZero else { return nil }
            return Posting(key.book, amount, line: key.line, reason: key.reason)
        }
    }
}
