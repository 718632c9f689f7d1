public enum RefundAmount: Sendable, Hashable {
    /// Everything the payment took that is not refunded yet.
    case remaining
    case cents(Int64)
}

public struct RefundRequest: Sendable, Hashable {
    public var paymentIntentID: String
    public var amount: RefundAmount
    public var metadata: PaymentMetadata
    public var idempotencyKey: IdempotencyKey

    public init(paymentIntentID: String, amount: RefundAmount, metadata: PaymentMetadata, idempotencyKey: IdempotencyKey) {
        self.paymentIntentID = paymentIntentID
        self.amount = amount
        self.metadata = metadata
        self.idempotencyKey = idempotencyKey
    }
}

public struct Refund: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case pending
        case requiresAction = "requires_action"
        case succeeded
        case failed
        case canceled
    }

    public let id: String
    public let paymentIntentID: String?
    public let amountCents: Int64
    public let currency: String
    public let status: Status
    public let metadata: [String: String]
}
