/// Why a gateway call failed. `description` is for logs: it names the operation and never holds a key,
/// a client secret or a card number. `patientMessage` is what a patient may be shown.
public enum PaymentGatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The card was refused (or needs the patient to authenticate). Nothing was charged.
    case cardDeclined(CardDecline)
    /// The gateway (or our own check before sending) refused the request as malformed or naming an unknown object.
    case invalidRequest(GatewayRejection)
    /// The gateway refused our API key. Its message is left out: it may echo part of the key.
    case authentication(operation: String, status: Int, requestID: String?)
    /// No answer arrived; whether the gateway acted is unknown.
    case network(operation: String, reason: String)
    /// No answer arrived in time; whether the gateway acted is unknown.
    case timeout(operation: String)
    /// An answer arrived that we cannot use: a server error, rate limiting, or a body we cannot read.
    case unexpectedResponse(operation: String, status: Int, reason: String, requestID: String?)

    public struct CardDecline: Sendable, Hashable {
        public let operation: String
        /// Stripe's error code, e.g. `card_declined`, `expired_card`, `authentication_required`.
        public let code: String?
        /// The issuer's reason when given, e.g. `insufficient_funds`.
        public let declineCode: String?
        /// Written by the gateway to be shown to the payer.
        public let message: String
        /// The intent the failed attempt belongs to, when the gateway says.
        public let paymentIntentID: String?
        public let requestID: String?
    }

    public struct GatewayRejection: Sendable, Hashable {
        public let operation: String
        /// The HTTP status, or nil when our own check refused the request before sending it.
        public let status: Int?
        public let type: String?
        public let code: String?
        public let param: String?
        public let message: String
        public let requestID: String?
    }

    /// True when the gateway may have acted although we got no usable answer: retry with the same
    /// idempotency key (or look the intent up) before telling anyone that a payment failed.
    public var outcomeIsUnknown: Bool {
        switch self {
        case .network, .timeout: true
        // A server error, a conflict on the key, rate limiting, or a success we could not read.
        case .unexpectedResponse(_, let status, _, _): status >= 500 || status == 409 || status == 429 || status < 300
        case .cardDeclined, .invalidRequest, .authentication: false
        }
    }

    public var patientMessage: String {
        switch self {
        case .cardDeclined(let decline):
            decline.message.isEmpty ? "Your card was declined." : decline.message
        case .invalidRequest, .authentication, .network, .timeout, .unexpectedResponse:
            "We could not complete the payment right now. Please try again later or call the billing office."
        }
    }

    public var description: String {
        func request(_ id: String?) -> String { id.map { " [request \($0)]" } ?? "" }
        switch self {
        case .cardDeclined(let d):
            return "\(d.operation): card declined (\(d.code ?? "no code")\(d.declineCode.map { "/\($0)" } ?? "")): "
                + "\(d.message)\(d.paymentIntentID.map { " on \($0)" } ?? "")\(request(d.requestID))"
        case .invalidRequest(let r):
            let status = r.status.map { "HTTP \($0)" } ?? "refused before sending"
            return "\(r.operation): invalid request (\(status)\(r.code.map { ", \($0)" } ?? "")"
                + "\(r.param.map { ", param \($0)" } ?? "")): \(r.message)\(request(r.requestID))"
        case .authentication(let operation, let status, let requestID):
            return "\(operation): the gateway refused the API key (HTTP \(status))\(request(requestID))"
        case .network(let operation, let reason):
            return "\(operation): no answer from the gateway (\(reason)); outcome unknown"
        case .timeout(let operation):
            return "\(operation): the gateway did not answer in time; outcome unknown"
        case .unexpectedResponse(let operation, let status, let reason, let requestID):
            return "\(operation): unexpected answer (HTTP \(status)): \(reason)\(request(requestID))"
        }
    }
}
