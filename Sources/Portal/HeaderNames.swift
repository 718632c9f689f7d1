import Hummingbird

/// Header names Clearbill reads or writes that HTTPTypes does not define. Reached through `HTTPFields.Element`
/// because Hummingbird re-exports `HTTPFields` but not `HTTPField` itself.
extension HTTPFields.Element.Name {
    static var xFrameOptions: Self { Self("X-Frame-Options")! }
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
    static var xForwardedFor: Self { Self("X-Forwarded-For")! }
    static var xCSRFToken: Self { Self("X-CSRF-Token")! }
    static var idempotencyKey: Self { Self("Idempotency-Key")! }
    static var idempotentReplayed: Self { Self("Idempotent-Replayed")! }
    static var stripeSignature: Self { Self("Stripe-Signature")! }
}
