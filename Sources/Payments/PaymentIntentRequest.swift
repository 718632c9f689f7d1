/// A request to take `amountCents` from a patient. The caller converts its Money to cents.
public struct PaymentIntentRequest: Sendable, Hashable {
    /// Who confirms the intent, which decides whether money moves during the create call.
    public enum Confirmation: Sendable, Hashable {
        /// The patient confirms in the browser (Stripe.js with the client secret); the create call moves no money.
        case byPatientInBrowser
        /// Confirm now with `paymentMethodID`, the patient present (desk or test drivers).
        case now
        /// Charge a saved card while the patient is away (plan installments); needs a customer and a saved method.
        case offSession
    }

    public var amountCents: Int64
    public var currency: String
    /// Shown in the gateway's dashboard and receipts: no PHI (a statement number is fine, a service is not).
    public var description: String?
    public var metadata: PaymentMetadata
    public var customerID: String?
    public var paymentMethodID: String?
    public var confirmation: Confirmation
    public var idempotencyKey: IdempotencyKey

    public init(
        amountCents: Int64, currency: String = "usd", description: String? = nil, metadata: PaymentMetadata,
        customerID: String? = nil, paymentMethodID: String? = nil, confirmation: Confirmation = .byPatientInBrowser,
        idempotencyKey: IdempotencyKey
    ) {
        self.amountCents = amountCents
        self.currency = currency
        self.description = description
        self.metadata = metadata
        self.customerID = customerID
        self.paymentMethodID = paymentMethodID
        self.confirmation = confirmation
        self.idempotencyKey = idempotencyKey
    }
}
