import AsyncHTTPClient
import ClearbillCrypto
import Foundation
import GatewayTestSupport
import Payments
import Testing

/// The Stripe adapter against a real localstripe. Cards are Stripe's test payment methods
/// (`pm_card_visa`, `pm_card_chargeCustomerFail` = 4000 0000 0000 0341, `pm_card_visa_chargeDeclined` =
/// 4000 0000 0000 0002), so no card number appears anywhere.
@Suite(.localStripe)
struct StripeGatewayTests {
    let server: LocalStripe
    let gateway: StripeGateway

    init() throws {
        server = try #require(LocalStripe.current, "the suite's trait starts localstripe")
        gateway = server.gateway()
    }

    private func metadata(_ reference: String = "PAY-\(UInt32.random(in: 0...UInt32.max))") -> PaymentMetadata {
        PaymentMetadata(accountNumber: "A100234", paymentReference: reference)
    }

    @Test func aPaymentConfirmedWithATestCardSucceeds() async throws {
        let metadata = metadata()
        let created = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: 12_345, metadata: metadata, paymentMethodID: "pm_card_visa", idempotencyKey: .random()))
        #expect(created.status == .requiresConfirmation)
        #expect(created.amountCents == 12_345)
        #expect(created.amountReceivedCents == 0)
        #expect(created.clientSecret?.hasPrefix(created.id) == true)

        let confirmed = try await gateway.confirmPaymentIntent(id: created.id, idempotencyKey: .random())
        #expect(confirmed.id == created.id)
        #expect(confirmed.status == .succeeded)

        let retrieved = try await gateway.retrievePaymentIntent(id: created.id)
        #expect(retrieved.status == .succeeded)
        #expect(retrieved.amountReceivedCents == 12_345)
        #expect(retrieved.currency == "usd")
        #expect(retrieved.paymentMetadata == metadata)
        #expect(retrieved.card?.brand == "visa")
        #expect(retrieved.card?.last4 == "4242")
        #expect(retrieved.lastPaymentErrorMessage == nil)
        #expect(!String(describing: retrieved).contains(try #require(retrieved.clientSecret)))
    }

    @Test func anIntentLeftForTheBrowserWaitsForAPaymentMethod() async throws {
        let created = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: 5_000, metadata: metadata(), idempotencyKey: .random()))
        #expect(created.status == .requiresPaymentMethod)
        #expect(created.paymentMethodID == nil)
        #expect(try await gateway.retrievePaymentIntent(id: created.id).status == .requiresPaymentMethod)
    }

    @Test func aDeclinedCardGivesTheGatewaysMessageAndLeavesTheIntentUnpaid() async throws {
        let created = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: 8_000, metadata: metadata(), paymentMethodID: "pm_card_chargeCustomerFail",
            idempotencyKey: .random()))
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.confirmPaymentIntent(id: created.id, idempotencyKey: .random())
        }
        guard case .cardDeclined(let decline) = error else {
            Issue.record("expected a decline, got \(String(describing: error))")
            return
        }
        #expect(decline.code == "card_declined")
        #expect(decline.message == "Your card was declined.")
        #expect(error?.patientMessage == "Your card was declined.")
        #expect(error?.outcomeIsUnknown == false)

        let retrieved = try await gateway.retrievePaymentIntent(id: created.id)
        #expect(retrieved.status == .requiresPaymentMethod)
        #expect(retrieved.amountReceivedCents == 0)
        #expect(retrieved.lastPaymentErrorMessage == "Your card was declined.")
        #expect(retrieved.lastPaymentErrorCode == "card_declined")
    }

    @Test func aDeclineDuringCreateAndConfirmIsADecline() async throws {
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.createPaymentIntent(PaymentIntentRequest(
                amountCents: 8_000, metadata: metadata(), paymentMethodID: "pm_card_chargeCustomerFail",
                confirmation: .now, idempotencyKey: .random()))
        }
        guard case .cardDeclined = error else {
            Issue.record("expected a decline, got \(String(describing: error))")
            return
        }
    }

    @Test func theSameIdempotencyKeyTwiceGivesTheSameIntent() async throws {
        let request = PaymentIntentRequest(
            amountCents: 4_200, metadata: metadata(), paymentMethodID: "pm_card_visa", confirmation: .now,
            idempotencyKey: .random())
        let first = try await gateway.createPaymentIntent(request)
        let retry = try await gateway.createPaymentIntent(request)
        #expect(retry.id == first.id)
        #expect(retry.status == .succeeded)

        var another = request
        another.idempotencyKey = .random()
        #expect(try await gateway.createPaymentIntent(another).id != first.id)
    }

    @Test func aKeyReusedForADifferentAmountIsRefused() async throws {
        var request = PaymentIntentRequest(amountCents: 4_200, metadata: metadata(), idempotencyKey: .random())
        _ = try await gateway.createPaymentIntent(request)
        request.amountCents = 4_300
        let error = await #expect(throws: PaymentGatewayError.self) { try await gateway.createPaymentIntent(request) }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == 400)
        #expect(rejection.type == "idempotency_error")
    }

    @Test func aFullAndAPartialRefund() async throws {
        let full = try await paidIntent(amountCents: 10_000)
        let fullRefund = try await gateway.refund(RefundRequest(
            paymentIntentID: full.id, amount: .remaining, metadata: metadata("REF-1"), idempotencyKey: .random()))
        #expect(fullRefund.amountCents == 10_000)
        #expect(fullRefund.status == .succeeded)
        #expect(fullRefund.paymentIntentID == full.id)
        #expect(PaymentMetadata(fullRefund.metadata)?.paymentReference == "REF-1")

        let partial = try await paidIntent(amountCents: 10_000)
        let key = IdempotencyKey.random()
        let request = RefundRequest(paymentIntentID: partial.id, amount: .cents(2_500), metadata: metadata("REF-2"),
                                    idempotencyKey: key)
        let partialRefund = try await gateway.refund(request)
        #expect(partialRefund.amountCents == 2_500)
        #expect(partialRefund.status == .succeeded)
        #expect(partialRefund.id != fullRefund.id)
        #expect(try await gateway.refund(request).id == partialRefund.id, "a retried refund must not refund twice")
    }

    @Test func aRefundOfAnUnpaidIntentIsRefused() async throws {
        let unpaid = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: 3_000, metadata: metadata(), idempotencyKey: .random()))
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.refund(RefundRequest(paymentIntentID: unpaid.id, amount: .remaining,
                                                   metadata: metadata(), idempotencyKey: .random()))
        }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == 400)
    }

    @Test func aCardSavedInTheBrowserIsChargedOffSessionAndCanBeRemoved() async throws {
        let customer = try await gateway.createCustomer(accountNumber: "A100234", idempotencyKey: .random())
        #expect(customer.accountNumber == "A100234")

        let setup = try await gateway.createSetupIntent(customerID: customer.id, idempotencyKey: .random())
        #expect(setup.status == .requiresPaymentMethod)
        #expect(setup.customerID == customer.id)
        #expect(try await server.confirmSetupIntentInBrowser(setup, paymentMethod: "pm_card_visa") == 200)

        let confirmed = try await gateway.retrieveSetupIntent(id: setup.id)
        #expect(confirmed.status == .succeeded)
        let methodID = try #require(confirmed.paymentMethodID)
        // Stripe attaches the method when the SetupIntent succeeds; localstripe does not, and attaching
        // the same method to the same customer again is harmless on Stripe.
        let attached = try await gateway.attachPaymentMethod(id: methodID, customerID: customer.id)
        #expect(attached.customerID == customer.id)

        let saved = try await gateway.listPaymentMethods(customerID: customer.id)
        #expect(saved.map(\.id) == [methodID])
        #expect(saved.first?.card?.last4 == "4242")

        let metadata = metadata()
        let charged = try await gateway.chargeSavedPaymentMethod(
            amountCents: 7_500, customerID: customer.id, paymentMethodID: methodID, metadata: metadata,
            idempotencyKey: .random())
        #expect(charged.status == .succeeded)
        #expect(charged.amountReceivedCents == 7_500)
        #expect(charged.customerID == customer.id)
        #expect(charged.paymentMethodID == methodID)
        #expect(charged.paymentMetadata == metadata)

        let removed = try await gateway.detachPaymentMethod(id: methodID)
        #expect(removed.customerID == nil)
        #expect(try await gateway.listPaymentMethods(customerID: customer.id).isEmpty)
    }

    @Test func aSavedCardRefusedOffSessionIsADecline() async throws {
        let customer = try await gateway.createCustomer(accountNumber: "A100235", idempotencyKey: .random())
        let saved = try await gateway.attachPaymentMethod(id: "pm_card_chargeCustomerFail", customerID: customer.id)
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.chargeSavedPaymentMethod(
                amountCents: 5_000, customerID: customer.id, paymentMethodID: saved.id, metadata: metadata(),
                idempotencyKey: .random())
        }
        guard case .cardDeclined(let decline) = error else {
            Issue.record("expected a decline, got \(String(describing: error))")
            return
        }
        #expect(decline.operation == "create payment intent")
    }

    @Test func aCardRefusedWhenSavedIsADecline() async throws {
        let customer = try await gateway.createCustomer(accountNumber: "A100236", idempotencyKey: .random())
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.attachPaymentMethod(id: "pm_card_visa_chargeDeclined", customerID: customer.id)
        }
        guard case .cardDeclined = error else {
            Issue.record("expected a decline, got \(String(describing: error))")
            return
        }
    }

    @Test func anOffSessionChargeWithoutASavedMethodIsRefusedBeforeSending() async throws {
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.createPaymentIntent(PaymentIntentRequest(
                amountCents: 1_000, metadata: metadata(), customerID: "cus_x", confirmation: .offSession,
                idempotencyKey: .random()))
        }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == nil)
        #expect(rejection.param == "payment_method")
    }

    @Test(arguments: [Int64(0), -500])
    func aNonPositiveAmountIsRefusedBeforeSending(amount: Int64) async throws {
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.createPaymentIntent(PaymentIntentRequest(
                amountCents: amount, metadata: metadata(), idempotencyKey: .random()))
        }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == nil)
        #expect(rejection.param == "amount")
    }

    @Test(arguments: ["pi_../../v1/customers", "", "pi_1?expand=x", "pi 1"])
    func aMalformedIdNeverReachesTheGateway(id: String) async throws {
        let error = await #expect(throws: PaymentGatewayError.self) { try await gateway.retrievePaymentIntent(id: id) }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == nil)
    }

    @Test func anUnknownIntentIsAnInvalidRequest() async throws {
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway.retrievePaymentIntent(id: "pi_doesnotexist")
        }
        guard case .invalidRequest(let rejection) = error else {
            Issue.record("expected an invalid request, got \(String(describing: error))")
            return
        }
        #expect(rejection.status == 404)
        #expect(rejection.operation == "retrieve payment intent")
    }

    @Test func aRefusedKeyIsAnAuthenticationErrorThatDoesNotRepeatTheKey() async throws {
        // A realistic mistake: the publishable key configured where the secret key belongs.
        let misconfigured = StripeGateway(
            configuration: StripeConfiguration(apiBaseURL: server.baseURL, secretKey: LocalStripe.publishableKey,
                                               publishableKey: LocalStripe.publishableKey),
            httpClient: .shared)
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await misconfigured.retrievePaymentIntent(id: "pi_anything")
        }
        guard case .authentication(_, let status, _) = error else {
            Issue.record("expected an authentication error, got \(String(describing: error))")
            return
        }
        #expect(status == 401)
        #expect(!String(describing: error!).contains(LocalStripe.publishableKey))
        #expect(error?.outcomeIsUnknown == false)
    }

    @Test func anOwnedClientIsShutDownAndABorrowedOneIsLeftRunning() async throws {
        let owned = StripeGateway(configuration: server.configuration)
        _ = try await owned.createCustomer(accountNumber: "A1", idempotencyKey: .random())
        try await owned.shutdown()
        let afterShutdown = await #expect(throws: PaymentGatewayError.self) {
            try await owned.createCustomer(accountNumber: "A1", idempotencyKey: .random())
        }
        guard case .network = afterShutdown else {
            Issue.record("expected a network error after shutdown, got \(String(describing: afterShutdown))")
            return
        }

        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let borrowing = StripeGateway(configuration: server.configuration, httpClient: client)
        try await borrowing.shutdown()
        let stillWorking: Result<GatewayCustomer, PaymentGatewayError>
        do {
            stillWorking = .success(try await borrowing.createCustomer(accountNumber: "A1", idempotencyKey: .random()))
        } catch {
            stillWorking = .failure(error)
        }
        try await client.shutdown()
        #expect(try stillWorking.get().accountNumber == "A1")
    }

    @Test func aWebhookSignedByLocalstripeVerifies() async throws {
        let listener = try LoopbackListener()
        let secret = "whsec_" + SecureRandom.token()
        let status = try await server.registerWebhook(
            id: "clearbill-\(UUID().uuidString)", url: "http://127.0.0.1:\(listener.port)/webhooks/stripe",
            secret: secret, events: ["payment_intent.succeeded"])
        #expect(status == 200)

        let metadata = metadata()
        let paid = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: 6_600, metadata: metadata, paymentMethodID: "pm_card_visa", confirmation: .now,
            idempotencyKey: .random()))
        // Other tests pay at the same time; wait for the delivery about this intent.
        let delivery = await listener.receive(timeout: .seconds(15)) { delivery in
            String(decoding: delivery.body, as: UTF8.self).contains(paid.id)
        }
        let received = try #require(delivery, "localstripe delivered no payment_intent.succeeded for \(paid.id)")

        let event = try StripeWebhook.verify(
            payload: received.body, signatureHeader: received.headers["stripe-signature"], secret: secret)
        #expect(event.type == "payment_intent.succeeded")
        #expect(event.id.hasPrefix("evt_"))
        #expect(event.object.id == paid.id)
        #expect(event.object.kind == "payment_intent")
        #expect(event.object.status == "succeeded")
        #expect(event.object.amountCents == 6_600)
        #expect(event.object.paymentMetadata == metadata)

        #expect(throws: WebhookVerificationError.noMatchingSignature) {
            try StripeWebhook.verify(payload: received.body, signatureHeader: received.headers["stripe-signature"],
                                     secret: "whsec_someone_else")
        }
    }

    private func paidIntent(amountCents: Int64) async throws -> PaymentIntent {
        let intent = try await gateway.createPaymentIntent(PaymentIntentRequest(
            amountCents: amountCents, metadata: metadata(), paymentMethodID: "pm_card_visa", confirmation: .now,
            idempotencyKey: .random()))
        try #require(intent.status == .succeeded)
        return intent
    }
}
