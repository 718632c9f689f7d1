/// A SetupIntent lets the patient's browser save a card to a customer without Clearbill seeing the number.
public struct SetupIntent: Sendable, Hashable, CustomStringConvertible {
    public enum Status: String, Sendable, Hashable {
        case requiresPaymentMethod = "requires_payment_method"
        case requiresConfirmation = "requires_confirmation"
        case requiresAction = "requires_action"
        case processing
        case canceled
        case succeeded
    }

    public let id: String
    public let status: Status
    /// Handed to the patient's browser for Stripe.js; never log it.
    public let clientSecret: String?
    public let customerID: String?
    /// The payment method the patient entered, once the browser has confirmed.
    public let paymentMethodID: String?

    public var description: String { "SetupIntent(\(id), \(status.rawValue))" }
}
