@testable import Payments
import Testing

struct StripeConfigurationTests {
    @Test func theScriptComesFromStripeForTheRealAPIAndFromTheServerOtherwise() {
        let real = StripeConfiguration(apiBaseURL: "https://api.stripe.com/", secretKey: "sk_live_x", publishableKey: "pk_live_x")
        #expect(real.apiBaseURL == "https://api.stripe.com")
        #expect(real.scriptURL == "https://js.stripe.com/v3/")

        let local = StripeConfiguration(apiBaseURL: "http://127.0.0.1:8420", secretKey: "sk_test_x", publishableKey: "pk_test_x")
        #expect(local.scriptURL == "http://127.0.0.1:8420/js.stripe.com/v3/")

        let gateway = StripeGateway(configuration: local, httpClient: .shared)
        #expect(gateway.scriptURL == local.scriptURL)
        #expect(gateway.publishableKey == "pk_test_x")
    }

    @Test func theDescriptionLeavesTheSecretKeyOut() {
        let configuration = StripeConfiguration(
            apiBaseURL: "http://127.0.0.1:8420", secretKey: "sk_test_SECRETVALUE", publishableKey: "pk_test_x")
        #expect(!String(describing: configuration).contains("SECRETVALUE"))
        #expect(String(describing: configuration).contains("pk_test_x"))
    }

    @Test func formsEncodeNestedKeysListsAndReservedCharacters() {
        var form = StripeForm()
        form.add("amount", Int64(1_050))
        form.add("description", "Statement 12/2026 & more = ok é")
        form.add("metadata", object: [("clearbill_account", "A 1")])
        form.add("expand", list: ["payment_method", "customer"])
        form.add("absent", nil as String?)
        #expect(form.encoded == "amount=1050"
            + "&description=Statement%2012%2F2026%20%26%20more%20%3D%20ok%20%C3%A9"
            + "&metadata%5Bclearbill_account%5D=A%201"
            + "&expand%5B0%5D=payment_method&expand%5B1%5D=customer")
    }

    @Test(arguments: ["", String(repeating: "k", count: 256), "has space", "line\r\nbreak", "caf\u{e9}"])
    func anUnsafeIdempotencyKeyIsRefused(candidate: String) {
        #expect(IdempotencyKey(candidate) == nil)
    }

    @Test func randomIdempotencyKeysDiffer() {
        #expect(IdempotencyKey.random() != IdempotencyKey.random())
        #expect(IdempotencyKey("payment-42-attempt-1")?.rawValue == "payment-42-attempt-1")
    }
}
