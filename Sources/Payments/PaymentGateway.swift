/// What Clearbill needs from a card processor. Card numbers never pass through it: the patient's browser
/// gives them to the processor's own fields, and Clearbill handles only ids, statuses and amounts in cents.
/// Every call that creates something or moves money carries an idempotency key, so a retry never charges twice.
/// Failures are `PaymentGatewayError`s.
public protocol PaymentGateway: Sendable {
    /// The key the payment page gives Stripe.js.
    var publishableKey: String { get }
    /// The Stripe.js script the payment page must load (and allow in its Content-Security-Policy).
    var scriptURL: String { get }
    /// The API that script talks to from the browser (card details go there), for the page's connect-src.
    var browserAPIURL: String { get }

    func createPaymentIntent(_ request: PaymentIntentRequest) async throws(PaymentGatewayError) -> PaymentIntent
    /// Confirms an intent that already names its payment method.
    func confirmPaymentIntent(id: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> PaymentIntent
    func retrievePaymentIntent(id: String) async throws(PaymentGatewayError) -> PaymentIntent
    func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> Refund

    func createCustomer(accountNumber: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> GatewayCustomer
    /// Starts saving a card for later off-session charges; the browser confirms it with the client secret.
    func createSetupIntent(customerID: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> SetupIntent
    func retrieveSetupIntent(id: String) async throws(PaymentGatewayError) -> SetupIntent
    func attachPaymentMethod(id: String, customerID: String) async throws(PaymentGatewayError) -> SavedPaymentMethod
    func listPaymentMethods(customerID: String) async throws(PaymentGatewayError) -> [SavedPaymentMethod]
    func detachPaymentMethod(id: String) async throws(PaymentGatewayError) -> SavedPaymentMethod
}

extension PaymentGateway {
    /// Charges a saved card with the patient away (a plan installment): create and confirm in one call.
    /// A card that needs the patient (authentication) or is refused ends as `.cardDeclined`.
    public func chargeSavedPaymentMethod(
        amountCents: Int64, currency: String = "usd", customerID: String, paymentMethodID: String,
        description: String? = nil, metadata: PaymentMetadata, idempotencyKey: IdempotencyKey
    ) async throws(PaymentGatewayError) -> PaymentIntent {
        try await createPaymentIntent(PaymentIntentRequest(
            amountCents: amountCents, currency: currency, description: description, metadata: metadata,
            customerID: customerID, paymentMethodID: paymentMethodID, confirmation: .offSession,
            idempotencyKey: idempotencyKey))
    }

    /// Creates (and, as the request says, confirms) an intent. When the answer is lost (no answer, a server error, or
    /// the gateway saying the same key is still being worked on after a double click or by a concurrent run), asks
    /// again with the same key: the gateway then gives its first answer instead of charging again. Three tries at most.
    public func createPaymentIntentRetryingLostAnswers(_ request: PaymentIntentRequest) async throws(PaymentGatewayError) -> PaymentIntent {
        var tries = 1
        while true {
            do {
                return try await createPaymentIntent(request)
            } catch {
                guard error.outcomeIsUnknown, tries < 3 else { throw error }
                try? await Task.sleep(for: .milliseconds(250 * tries))
                tries += 1
            }
        }
    }
}
