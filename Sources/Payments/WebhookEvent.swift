import Foundation

/// A verified gateway event, reduced to what Clearbill acts on.
public struct WebhookEvent: Sendable, Hashable {
    /// The object the event is about (`data.object`): a payment intent, a refund, a setup intent...
    public struct Object: Sendable, Hashable {
        public let id: String
        /// Stripe's object kind, e.g. `payment_intent`.
        public let kind: String
        public let status: String?
        public let amountCents: Int64?
        public let metadata: [String: String]

        public var paymentMetadata: PaymentMetadata? { PaymentMetadata(metadata) }
    }

    /// Unique per event: the key for processing each delivery once, however often it is redelivered.
    public let id: String
    /// e.g. `payment_intent.succeeded`, `payment_intent.payment_failed`, `charge.refunded`.
    public let type: String
    public let created: Int64
    public let object: Object

    static func parse(_ payload: some Collection<UInt8>) throws(WebhookVerificationError) -> WebhookEvent {
        let wire: WireEvent
        do {
            wire = try JSONDecoder().decode(WireEvent.self, from: Data(payload))
        } catch {
            throw .malformedPayload(String(describing: error))
        }
        let object = wire.data.object
        return WebhookEvent(
            id: wire.id, type: wire.type, created: wire.created,
            object: Object(id: object.id, kind: object.object, status: object.status, amountCents: object.amount,
                           metadata: object.metadata ?? [:]))
    }
}

private struct WireEvent: Decodable {
    struct Payload: Decodable { let object: WireObject }
    struct WireObject: Decodable {
        let id: String
        let object: String
        let status: String?
        let amount: Int64?
        let metadata: [String: String]?
    }

    let id: String
    let type: String
    let created: Int64
    let data: Payload
}
