// The JSON shapes of Stripe's answers, only the fields Clearbill reads. localstripe returns the same shapes
// with fewer fields, so anything it may leave out is optional.

/// A field that holds an id, or the object itself when the request asked to expand it.
enum Expandable<Object: Decodable & Sendable>: Decodable, Sendable {
    case id(String)
    case object(Object)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let id = try? container.decode(String.self) {
            self = .id(id)
        } else {
            self = .object(try container.decode(Object.self))
        }
    }

    var object: Object? {
        if case .object(let object) = self { return object }
        return nil
    }
}

struct WireList<Item: Decodable & Sendable>: Decodable, Sendable {
    let data: [Item]
}

struct WireCard: Decodable, Sendable {
    let brand: String
    let last4: String
    let expMonth: Int
    let expYear: Int

    enum CodingKeys: String, CodingKey {
        case brand, last4
        case expMonth = "exp_month"
        case expYear = "exp_year"
    }

    var summary: CardSummary { CardSummary(brand: brand, last4: last4, expMonth: expMonth, expYear: expYear) }
}

struct WirePaymentMethod: Decodable, Sendable {
    let id: String
    let customer: String?
    let card: WireCard?

    var saved: SavedPaymentMethod { SavedPaymentMethod(id: id, customerID: customer, card: card?.summary) }
}

struct WirePaymentError: Decodable, Sendable {
    let code: String?
    let message: String?
}

struct WirePaymentIntent: Decodable, Sendable {
    let id: String
    let status: String
    let amount: Int64
    let amountReceived: Int64?
    let currency: String
    let clientSecret: String?
    let customer: String?
    let paymentMethod: Expandable<WirePaymentMethod>?
    let lastPaymentError: WirePaymentError?
    let metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, status, amount, currency, customer, metadata
        case amountReceived = "amount_received"
        case clientSecret = "client_secret"
        case paymentMethod = "payment_method"
        case lastPaymentError = "last_payment_error"
    }

    func value(operation: String) throws(PaymentGatewayError) -> PaymentIntent {
        guard let status = PaymentIntent.Status(rawValue: status) else {
            throw .unexpectedResponse(operation: operation, status: 200, reason: "unknown intent status \(status)", requestID: nil)
        }
        let paymentMethodID: String? = switch paymentMethod {
        case .id(let id): id
        case .object(let method): method.id
        case nil: nil
        }
        return PaymentIntent(
            id: id, status: status, amountCents: amount,
            // localstripe leaves amount_received out; with automatic capture, the only kind we use,
            // a succeeded intent has received its whole amount and any other has received nothing.
            amountReceivedCents: amountReceived ?? (status == .succeeded ? amount : 0),
            currency: currency, clientSecret: clientSecret, customerID: customer, paymentMethodID: paymentMethodID,
            card: paymentMethod?.object?.card?.summary,
            lastPaymentErrorMessage: lastPaymentError?.message, lastPaymentErrorCode: lastPaymentError?.code,
            metadata: metadata ?? [:])
    }
}

struct WireRefund: Decodable, Sendable {
    let id: String
    let amount: Int64
    let currency: String
    let status: String
    let paymentIntent: String?
    let metadata: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, amount, currency, status, metadata
        case paymentIntent = "payment_intent"
    }

    func value(operation: String) throws(PaymentGatewayError) -> Refund {
        guard let status = Refund.Status(rawValue: status) else {
            throw .unexpectedResponse(operation: operation, status: 200, reason: "unknown refund status \(status)", requestID: nil)
        }
        return Refund(id: id, paymentIntentID: paymentIntent, amountCents: amount, currency: currency, status: status,
                      metadata: metadata ?? [:])
    }
}

struct WireCustomer: Decodable, Sendable {
    let id: String
    let metadata: [String: String]?

    var value: GatewayCustomer {
        GatewayCustomer(id: id, accountNumber: metadata?[GatewayCustomer.accountNumberKey])
    }
}

struct WireSetupIntent: Decodable, Sendable {
    let id: String
    let status: String
    let clientSecret: String?
    let customer: String?
    let paymentMethod: String?

    enum CodingKeys: String, CodingKey {
        case id, status, customer
        case clientSecret = "client_secret"
        case paymentMethod = "payment_method"
    }

    func value(operation: String) throws(PaymentGatewayError) -> SetupIntent {
        guard let status = SetupIntent.Status(rawValue: status) else {
            throw .unexpectedResponse(operation: operation, status: 200, reason: "unknown setup intent status \(status)", requestID: nil)
        }
        return SetupIntent(id: id, status: status, clientSecret: clientSecret, customerID: customer,
                           paymentMethodID: paymentMethod)
    }
}

/// `{"error": {...}}`, the body of every Stripe error answer.
struct WireErrorEnvelope: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        struct Object: Decodable, Sendable { let id: String }

        let type: String?
        let code: String?
        let declineCode: String?
        let message: String?
        let param: String?
        let paymentIntent: Object?

        enum CodingKeys: String, CodingKey {
            case type, code, message, param
            case declineCode = "decline_code"
            case paymentIntent = "payment_intent"
        }
    }

    let error: Body
}
