/// A payment as the gateway sees it.
public struct PaymentIntent: Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Sendable, Hashable {
        case requiresPaymentMethod = "requires_payment_method"
        case requiresConfirmation = "requires_confirmation"
        case requiresAction = "requires_action"
        case processing
        case requiresCapture = "requires_capture"
        case succeeded
        case canceled
    }

    public let id: String
    public let status: Status
    public let amountCents: Int64
    public let amountReceivedCents: Int64
    public let currency: String
    /// Handed to the patient's browser so Stripe.js can confirm; never log it.
    public let clientSecret: String?
    public let customerID: String?
    public let paymentMethodID: String?
    public let card: CardSummary?
    /// The gateway's message for the last failed attempt, written to be shown to the payer.
    public let lastPaymentErrorMessage: String?
    public let lastPaymentErrorCode: String?
    public let metadata: [String: String]

    public var paymentMetadata: PaymentMetadata? { PaymentMetadata(metadata) }

    /// Leaves out the client secret so an intent can be logged.
    public var description: String {
        "PaymentIntent(\(id), \(status.rawValue), \(amountCents) \(currency), received \(amountReceivedCents))"
    }
}
