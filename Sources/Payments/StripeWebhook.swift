import ClearbillCrypto
import Foundation

/// Checks the `Stripe-Signature` header of a webhook delivery and reads the event.
///
/// The header is `t=TIMESTAMP,v1=HEXSIG[,v1=HEXSIG...]`; each v1 is HMAC-SHA256(secret, "TIMESTAMP." + raw body).
/// There are several while an endpoint secret is being rolled; one matching is enough. The timestamp is signed
/// too, so the tolerance window stops a captured delivery from being replayed later.
public enum StripeWebhook {
    public static let signatureHeaderName = "Stripe-Signature"
    public static let defaultTolerance: Duration = .seconds(300)

    /// Verifies `payload` (the raw request body, exactly as received) and parses the event.
    public static func verify(
        payload: some Collection<UInt8>, signatureHeader: String?, secret: String,
        tolerance: Duration = defaultTolerance, now: Date = Date()
    ) throws(WebhookVerificationError) -> WebhookEvent {
        guard let signatureHeader else { throw .missingSignatureHeader }
        let (timestamp, signatures) = try parse(signatureHeader)
        let expected = signature(payload: payload, secret: secret, timestamp: timestamp)
        // Check every candidate so the time taken does not tell which one (if any) matched.
        var matched = false
        for candidate in signatures where Digest.constantTimeEqual(candidate, expected) { matched = true }
        guard matched else { throw .noMatchingSignature }

        let age = Int64(now.timeIntervalSince1970.rounded(.down)) - timestamp
        guard age.magnitude <= UInt64(tolerance.components.seconds) else { throw .timestampOutsideTolerance(ageSeconds: age) }
        return try WebhookEvent.parse(payload)
    }

    /// The header value a sender with `secret` would put on `payload` at `timestamp` (Unix seconds).
    /// Used by tests and by our own test drivers.
    public static func sign(payload: some Collection<UInt8>, secret: String, timestamp: Int64) -> String {
        "t=\(timestamp),v1=\(Digest.hex(signature(payload: payload, secret: secret, timestamp: timestamp)))"
    }

    private static func signature(payload: some Collection<UInt8>, secret: String, timestamp: Int64) -> [UInt8] {
        Digest.hmacSHA256(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + Array(payload))
    }

    /// Reads `t` and every `v1`; other schemes (Stripe's test-mode `v0`) are ignored, as Stripe's libraries do.
    private static func parse(_ header: String) throws(WebhookVerificationError) -> (Int64, [[UInt8]]) {
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for item in header.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .malformedSignatureHeader("an item without '='") }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "t":
                guard timestamp == nil else { throw .malformedSignatureHeader("more than one timestamp") }
                guard let seconds = Int64(value), seconds > 0 else { throw .malformedSignatureHeader("a timestamp that is not a positive integer") }
                timestamp = seconds
            case "v1":
                guard let bytes = Digest.fromHex(value), bytes.count == 32 else {
                    throw .malformedSignatureHeader("a v1 signature that is not 64 hex digits")
                }
                signatures.append(bytes)
            default:
                continue
            }
        }
        guard let timestamp else { throw .malformedSignatureHeader("no timestamp") }
        guard !signatures.isEmpty else { throw .malformedSignatureHeader("no v1 signature") }
        return (timestamp, signatures)
    }
}

public enum WebhookVerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingSignatureHeader
    case malformedSignatureHeader(String)
    /// Wrong secret or a body changed on the way.
    case noMatchingSignature
    /// Signed, but too long ago (a replay) or too far ahead.
    case timestampOutsideTolerance(ageSeconds: Int64)
    case malformedPayload(String)

    public var description: String {
        switch self {
        case .missingSignatureHeader: "webhook without a Stripe-Signature header"
        case .malformedSignatureHeader(let reason): "malformed Stripe-Signature header: \(reason)"
        case .noMatchingSignature: "webhook signature does not match (wrong secret or altered body)"
        case .timestampOutsideTolerance(let age): "webhook signed \(age) s ago, outside the tolerance window"
        case .malformedPayload(let reason): "webhook body is not a readable event: \(reason)"
        }
    }
}
