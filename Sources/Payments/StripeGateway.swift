import AsyncHTTPClient

/// `PaymentGateway` over the Stripe HTTP API (or a compatible server such as localstripe).
///
/// The gateway either owns its `HTTPClient` (made by `init(configuration:)`, shut down by `shutdown()`,
/// which must be called before the gateway is dropped) or borrows one the caller keeps and shuts down.
public final class StripeGateway: PaymentGateway {
    private let transport: StripeTransport
    private let ownsClient: Bool

    public var publishableKey: String { transport.configuration.publishableKey }
    public var scriptURL: String { transport.configuration.scriptURL }
    public var browserAPIURL: String { transport.configuration.apiBaseURL }

    /// Makes and owns an HTTP client; call `shutdown()` when done.
    public convenience init(configuration: StripeConfiguration) {
        var settings = HTTPClient.Configuration()
        settings.timeout = .init(connect: StripeTransport.timeAmount(configuration.requestTimeout))
        // An API answer is never a redirect; following one could carry the secret key elsewhere.
        settings.redirectConfiguration = .disallow
        self.init(configuration: configuration, client: HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                                                                   configuration: settings), owns: true)
    }

    /// Borrows `httpClient`; `shutdown()` leaves it running.
    public convenience init(configuration: StripeConfiguration, httpClient: HTTPClient) {
        self.init(configuration: configuration, client: httpClient, owns: false)
    }

    private init(configuration: StripeConfiguration, client: HTTPClient, owns: Bool) {
        transport = StripeTransport(client: client, configuration: configuration)
        ownsClient = owns
    }

    /// Shuts the HTTP client down if this gateway made it. Call once.
    public func shutdown() async throws {
        if ownsClient { try await transport.client.shutdown() }
    }

    public func createPaymentIntent(_ request: PaymentIntentRequest) async throws(PaymentGatewayError) -> PaymentIntent {
        let operation = "create payment intent"
        try Self.requirePositive(request.amountCents, operation: operation)
        var form = StripeForm()
        form.add("amount", request.amountCents)
        form.add("currency", request.currency)
        // Cards only: with Stripe's automatic payment methods a confirm could need a redirect (return_url).
        form.add("payment_method_types", list: ["card"])
        form.add("description", request.description)
        if let customerID = request.customerID { form.add("customer", try Self.checked(customerID, operation)) }
        if let methodID = request.paymentMethodID { form.add("payment_method", try Self.checked(methodID, operation)) }
        form.add("metadata", object: request.metadata.fields)
        switch request.confirmation {
        case .byPatientInBrowser:
            break
        case .now:
            guard request.paymentMethodID != nil else {
                throw Self.refused("confirming now needs a payment method", param: "payment_method", operation)
            }
            form.add("confirm", "true")
        case .offSession:
            guard request.customerID != nil, request.paymentMethodID != nil else {
                throw Self.refused("an off-session charge needs a customer and a saved payment method",
                                   param: request.customerID == nil ? "customer" : "payment_method", operation)
            }
            form.add("confirm", "true")
            form.add("off_session", "true")
        }
        form.add("expand", list: ["payment_method"])
        let wire: WirePaymentIntent = try await transport.send(
            .POST, "/v1/payment_intents", form: form, idempotencyKey: request.idempotencyKey, operation: operation)
        return try wire.value(operation: operation)
    }

    public func confirmPaymentIntent(id: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> PaymentIntent {
        let operation = "confirm payment intent"
        var form = StripeForm()
        form.add("expand", list: ["payment_method"])
        let wire: WirePaymentIntent = try await transport.send(
            .POST, "/v1/payment_intents/\(try Self.checked(id, operation))/confirm", form: form,
            idempotencyKey: idempotencyKey, operation: operation)
        return try wire.value(operation: operation)
    }

    public func retrievePaymentIntent(id: String) async throws(PaymentGatewayError) -> PaymentIntent {
        let operation = "retrieve payment intent"
        var query = StripeForm()
        query.add("expand", list: ["payment_method"])
        let wire: WirePaymentIntent = try await transport.send(
            .GET, "/v1/payment_intents/\(try Self.checked(id, operation))", form: query, operation: operation)
        return try wire.value(operation: operation)
    }

    public func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> Refund {
        let operation = "refund"
        var form = StripeForm()
        form.add("payment_intent", try Self.checked(request.paymentIntentID, operation))
        if case .cents(let cents) = request.amount {
            try Self.requirePositive(cents, operation: operation)
            form.add("amount", cents)
        }
        form.add("metadata", object: request.metadata.fields)
        let wire: WireRefund = try await transport.send(
            .POST, "/v1/refunds", form: form, idempotencyKey: request.idempotencyKey, operation: operation)
        return try wire.value(operation: operation)
    }

    public func createCustomer(accountNumber: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> GatewayCustomer {
        var form = StripeForm()
        form.add("metadata", object: [(GatewayCustomer.accountNumberKey, accountNumber)])
        let wire: WireCustomer = try await transport.send(
            .POST, "/v1/customers", form: form, idempotencyKey: idempotencyKey, operation: "create customer")
        return wire.value
    }

    public func createSetupIntent(customerID: String, idempotencyKey: IdempotencyKey) async throws(PaymentGatewayError) -> SetupIntent {
        let operation = "create setup intent"
        var form = StripeForm()
        form.add("customer", try Self.checked(customerID, operation))
        form.add("usage", "off_session")
        form.add("payment_method_types", list: ["card"])
        let wire: WireSetupIntent = try await transport.send(
            .POST, "/v1/setup_intents", form: form, idempotencyKey: idempotencyKey, operation: operation)
        return try wire.value(operation: operation)
    }

    public func retrieveSetupIntent(id: String) async throws(PaymentGatewayError) -> SetupIntent {
        let operation = "retrieve setup intent"
        let wire: WireSetupIntent = try await transport.send(
            .GET, "/v1/setup_intents/\(try Self.checked(id, operation))", operation: operation)
        return try wire.value(operation: operation)
    }

    public func attachPaymentMethod(id: String, customerID: String) async throws(PaymentGatewayError) -> SavedPaymentMethod {
        let operation = "attach payment method"
        var form = StripeForm()
        form.add("customer", try Self.checked(customerID, operation))
        let wire: WirePaymentMethod = try await transport.send(
            .POST, "/v1/payment_methods/\(try Self.checked(id, operation))/attach", form: form, operation: operation)
        return wire.saved
    }

    public func listPaymentMethods(customerID: String) async throws(PaymentGatewayError) -> [SavedPaymentMethod] {
        let operation = "list payment methods"
        var query = StripeForm()
        query.add("customer", try Self.checked(customerID, operation))
        query.add("type", "card")
        query.add("limit", 100)
        let wire: WireList<WirePaymentMethod> = try await transport.send(
            .GET, "/v1/payment_methods", form: query, operation: operation)
        return wire.data.map(\.saved)
    }

    public func detachPaymentMethod(id: String) async throws(PaymentGatewayError) -> SavedPaymentMethod {
        let operation = "detach payment method"
        let wire: WirePaymentMethod = try await transport.send(
            .POST, "/v1/payment_methods/\(try Self.checked(id, operation))/detach", operation: operation)
        return wire.saved
    }

    // Ids can come from a browser (a setup intent or payment method id) and go into URL paths and forms:
    // Stripe's ids are letters, digits and underscores, so anything else is refused before sending.
    private static func checked(_ id: String, _ operation: String) throws(PaymentGatewayError) -> String {
        guard (1...255).contains(id.utf8.count),
              id.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) })
        else { throw refused("malformed gateway id", param: nil, operation) }
        return id
    }

    private static func requirePositive(_ cents: Int64, operation: String) throws(PaymentGatewayError) {
        guard cents > 0 else { throw refused("amount must be a positive number of cents, got \(cents)", param: "amount", operation) }
    }

    private static func refused(_ message: String, param: String?, _ operation: String) -> PaymentGatewayError {
        .invalidRequest(.init(operation: operation, status: nil, type: nil, code: nil, param: param, message: message,
                              requestID: nil))
    }
}
