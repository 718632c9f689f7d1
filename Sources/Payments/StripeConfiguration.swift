/// Where the Stripe-compatible gateway is and the keys to use. Keys come from configuration, never from code.
public struct StripeConfiguration: Sendable, CustomStringConvertible {
    /// `https://api.stripe.com`, or a localstripe such as `http://127.0.0.1:8420`.
    public let apiBaseURL: String
    public let secretKey: String
    /// Safe to put in a page: it can only create tokens and confirm intents whose client secret it has.
    public let publishableKey: String
    /// The Stripe.js script the payment page loads.
    public let scriptURL: String
    /// Longest wait for one API call, connecting included.
    public let requestTimeout: Duration

    public static let stripeAPI = "https://api.stripe.com"

    /// `scriptURL` defaults to Stripe's own for the real API and to localstripe's stand-in for any other base,
    /// which localstripe serves at `<base>/js.stripe.com/v3/`.
    public init(
        apiBaseURL: String, secretKey: String, publishableKey: String, scriptURL: String? = nil,
        requestTimeout: Duration = .seconds(20)
    ) {
        var base = apiBaseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.apiBaseURL = base
        self.secretKey = secretKey
        self.publishableKey = publishableKey
        self.scriptURL = scriptURL ?? (base == Self.stripeAPI ? "https://js.stripe.com/v3/" : base + "/js.stripe.com/v3/")
        self.requestTimeout = requestTimeout
    }

    /// Leaves out the secret key so the configuration can be logged at start-up.
    public var description: String {
        "StripeConfiguration(api: \(apiBaseURL), script: \(scriptURL), publishable key: \(publishableKey), "
            + "secret key: \(secretKey.isEmpty ? "missing" : "set"), timeout: \(requestTimeout))"
    }
}
