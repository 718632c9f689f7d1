import Foundation
import Payments
import Testing

struct StripeWebhookTests {
    let secret = "whsec_test_0123456789abcdef"
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    var timestamp: Int64 { Int64(now.timeIntervalSince1970) }
    let body = Array("""
        {"id":"evt_1","type":"payment_intent.succeeded","created":1790000000,"data":{"object":{"id":"pi_9",\
        "object":"payment_intent","status":"succeeded","amount":12345,\
        "metadata":{"clearbill_account":"A100234","clearbill_reference":"PAY-7"}}}}
        """.utf8)

    @Test func aValidSignatureVerifiesAndTheEventIsRead() throws {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp)
        let event = try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
        #expect(event.id == "evt_1")
        #expect(event.type == "payment_intent.succeeded")
        #expect(event.created == 1_790_000_000)
        #expect(event.object.id == "pi_9")
        #expect(event.object.kind == "payment_intent")
        #expect(event.object.status == "succeeded")
        #expect(event.object.amountCents == 12_345)
        #expect(event.object.paymentMetadata == PaymentMetadata(accountNumber: "A100234", paymentReference: "PAY-7"))
    }

    @Test func theHeaderHasStripesShape() {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp)
        let parts = header.split(separator: ",")
        #expect(parts.count == 2)
        #expect(parts[0] == "t=\(timestamp)")
        #expect(parts[1].hasPrefix("v1="))
        #expect(parts[1].dropFirst(3).count == 64)
        #expect(header != StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp + 1))
    }

    @Test func theWrongSecretIsRefused() {
        let header = StripeWebhook.sign(payload: body, secret: "whsec_other", timestamp: timestamp)
        #expect(throws: WebhookVerificationError.noMatchingSignature) {
            try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
        }
    }

    @Test func aTamperedBodyIsRefused() {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp)
        var tampered = body
        let index = try! #require(tampered.firstIndex(of: UInt8(ascii: "5")))
        tampered[index] = UInt8(ascii: "9")  // 12345 cents becomes 12349
        #expect(throws: WebhookVerificationError.noMatchingSignature) {
            try StripeWebhook.verify(payload: tampered, signatureHeader: header, secret: secret, now: now)
        }
    }

    @Test func aSignatureMovedToAnotherTimestampIsRefused() {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp)
        let moved = header.replacingOccurrences(of: "t=\(timestamp)", with: "t=\(timestamp + 60)")
        #expect(throws: WebhookVerificationError.noMatchingSignature) {
            try StripeWebhook.verify(payload: body, signatureHeader: moved, secret: secret, now: now)
        }
    }

    @Test(arguments: [Int64(301), 3_600, -301])
    func aTimestampOutsideTheWindowIsRefused(secondsAgo: Int64) {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp - secondsAgo)
        #expect(throws: WebhookVerificationError.timestampOutsideTolerance(ageSeconds: secondsAgo)) {
            try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
        }
    }

    @Test(arguments: [Int64(0), 299, 300, -300])
    func aTimestampInsideTheWindowIsAccepted(secondsAgo: Int64) throws {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp - secondsAgo)
        _ = try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
    }

    @Test func theToleranceCanBeNarrowed() {
        let header = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp - 61)
        #expect(throws: WebhookVerificationError.timestampOutsideTolerance(ageSeconds: 61)) {
            try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, tolerance: .seconds(60), now: now)
        }
    }

    @Test func oneMatchingSignatureAmongSeveralIsEnough() throws {
        // While an endpoint secret is rolled, Stripe signs with the old and the new one.
        let old = StripeWebhook.sign(payload: body, secret: "whsec_old", timestamp: timestamp)
        let current = StripeWebhook.sign(payload: body, secret: secret, timestamp: timestamp)
        let oldSignature = try #require(old.split(separator: ",").last)
        let currentSignature = try #require(current.split(separator: ",").last)
        let header = "t=\(timestamp),\(oldSignature), \(currentSignature),v0=\(String(repeating: "0", count: 64))"
        let event = try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
        #expect(event.id == "evt_1")

        let onlyOld = "t=\(timestamp),\(oldSignature),\(oldSignature)"
        #expect(throws: WebhookVerificationError.noMatchingSignature) {
            try StripeWebhook.verify(payload: body, signatureHeader: onlyOld, secret: secret, now: now)
        }
    }

    @Test(arguments: [
        "",
        "garbage",
        "v1=\(String(repeating: "ab", count: 32))",
        "t=1790000000",
        "t=1790000000,v0=\(String(repeating: "ab", count: 32))",
        "t=soon,v1=\(String(repeating: "ab", count: 32))",
        "t=-5,v1=\(String(repeating: "ab", count: 32))",
        "t=1790000000,v1=not-hex",
        "t=1790000000,v1=abcd",
        "t=1790000000,t=1790000001,v1=\(String(repeating: "ab", count: 32))",
        "t=1790000000;v1=\(String(repeating: "ab", count: 32))",
    ])
    func aMalformedHeaderIsRefused(header: String) {
        #expect {
            try StripeWebhook.verify(payload: body, signatureHeader: header, secret: secret, now: now)
        } throws: { error in
            if case WebhookVerificationError.malformedSignatureHeader = error { return true }
            return false
        }
    }

    @Test func aMissingHeaderIsRefused() {
        #expect(throws: WebhookVerificationError.missingSignatureHeader) {
            try StripeWebhook.verify(payload: body, signatureHeader: nil, secret: secret, now: now)
        }
    }

    @Test func aSignedBodyThatIsNotAnEventIsRefused() {
        let notAnEvent = Array(#"{"hello":"world"}"#.utf8)
        let header = StripeWebhook.sign(payload: notAnEvent, secret: secret, timestamp: timestamp)
        #expect {
            try StripeWebhook.verify(payload: notAnEvent, signatureHeader: header, secret: secret, now: now)
        } throws: { error in
            if case WebhookVerificationError.malformedPayload = error { return true }
            return false
        }
    }
}
