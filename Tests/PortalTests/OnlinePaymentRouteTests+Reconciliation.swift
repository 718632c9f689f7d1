import BillingCore
import BillingStore
import Foundation
import GatewayTestSupport
import Hummingbird
import HummingbirdTesting
import Payments
@testable import Portal
import Testing

/// Online payments the portal never heard back about, settled by reading them back from the gateway: posted once
/// whatever else posts them, failed ones marked, recent ones and those the gateway does not answer for left alone.
extension OnlinePaymentRouteTests {
    /// An intent charged at the gateway and recorded `started`, as when the server stopped before posting it.
    private func chargedButNotPosted(cents: Int64, _ portal: PortalHarness) async throws -> PaymentIntent {
        let intent = try await paidBehindThePortalsBack(cents: cents, portal)
        #expect(intent.status == .succeeded)
        _ = try await OnlinePaymentStore(database: portal.database).started(intentID: intent.id, account: portal.account.id,
                                                                            amount: Money(cents: cents), method: .cardOnline)
        return intent
    }

    private func reconciler(_ portal: PortalHarness, gateway: (any PaymentGateway)? = nil) -> OnlinePaymentReconciler {
        OnlinePaymentReconciler(database: portal.database, gateway: gateway ?? server.gateway())
    }

    private func status(_ intentID: String, _ portal: PortalHarness) async throws -> OnlinePayment.Status? {
        try await OnlinePaymentStore(database: portal.database).find(intentID: intentID)?.status
    }

    @Test func aChargedPaymentLeftStartedIsPostedOnceHoweverOftenItIsSettled() async throws {
        try await run { portal in
            try await portal.visit(charges: [20_000])
            let intent = try await chargedButNotPosted(cents: 6_500, portal)
            portal.clock.advance(minutes: 6)
            let first = try await reconciler(portal).run()
            #expect(first.posted == 1 && first.amountPosted == Money(cents: 6_500) && first.failures.isEmpty, "\(first)")
            #expect(try await status(intent.id, portal) == .succeeded)
            #expect(try await portal.balance() == Money(cents: 13_500))
            // Run again, and let the gateway's webhook arrive late: nothing more is posted.
            #expect(try await reconciler(portal).run() == .init())
            #expect(try await deliverSucceeded(intent.id, portal).status == .ok)
            #expect(try await portal.transactions(.payment) == 1)
            #expect(try await portal.balance() == Money(cents: 13_500))
            let audit = try await portal.audit().filter { $0.action == "payment.online.reconciled" }
            #expect(audit.count == 1 && audit[0].actor == OnlinePaymentReconciler.actor && audit[0].subject == intent.id
                    && audit[0].accountID == portal.account.id && audit[0].detail.hasPrefix("posted transaction"))
        }
    }

    @Test func concurrentRunsAndTheWebhookTogetherPostOnce() async throws {
        try await run { portal in
            try await portal.visit(charges: [20_000])
            let intent = try await chargedButNotPosted(cents: 4_200, portal)
            portal.clock.advance(minutes: 6)
            let one = reconciler(portal), two = reconciler(portal)
            async let first = one.run()
            async let second = two.run()
            async let webhook = deliverSucceeded(intent.id, portal)
            let reports = try await [first, second]
            #expect(try await webhook.status == .ok)
            #expect(reports.map(\.posted).reduce(0, +) <= 1 && reports.allSatisfy { $0.failures.isEmpty }, "\(reports)")
            #expect(try await portal.transactions(.payment) == 1)
            #expect(try await portal.balance() == Money(cents: 15_800))
            #expect(try await status(intent.id, portal) == .succeeded)
        }
    }

    @Test func aDeclinedPaymentLeftStartedIsMarkedFailedAndPostsNothing() async throws {
        try await run { portal in
            try await portal.visit(charges: [9_000])
            // Created, then confirmed with a card that is declined when charged: the intent is left needing a new card.
            let card = try await server.cardIDFromBrowser(number: Self.declinedWhenCharged)
            let intent = try await server.gateway().createPaymentIntent(PaymentIntentRequest(
                amountCents: 3_000, metadata: PaymentMetadata(accountNumber: portal.account.accountNumber, paymentReference: "declined"),
                paymentMethodID: card, idempotencyKey: .random()))
            let confirmed = try? await server.gateway().confirmPaymentIntent(id: intent.id, idempotencyKey: .random())
            #expect(confirmed?.status != .succeeded)
            let intentID = intent.id
            _ = try await OnlinePaymentStore(database: portal.database).started(intentID: intentID, account: portal.account.id,
                                                                                amount: Money(cents: 3_000), method: .cardOnline)
            portal.clock.advance(minutes: 6)
            let report = try await reconciler(portal).run()
            #expect(report.failed == 1 && report.posted == 0, "\(report)")
            #expect(try await status(intentID, portal) == .failed)
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await portal.audit().contains { $0.action == "payment.online.reconciled" && $0.detail == "marked failed" })
        }
    }

    @Test func aRecentStartedPaymentIsLeftForItsOwnRequest() async throws {
        try await run { portal in
            try await portal.visit(charges: [9_000])
            let intent = try await chargedButNotPosted(cents: 2_500, portal)
            portal.clock.advance(minutes: 2)
            #expect(try await reconciler(portal).run() == .init())
            #expect(try await status(intent.id, portal) == .started)
            #expect(try await portal.transactions(.payment) == 0)
        }
    }

    @Test func anUnreachableGatewayChangesNothingAndSaysSo() async throws {
        try await run { portal in
            try await portal.visit(charges: [9_000])
            let intent = try await chargedButNotPosted(cents: 2_500, portal)
            portal.clock.advance(minutes: 30)
            // Nothing listens on port 1 of the loopback address.
            let closed = StripeGateway(configuration: StripeConfiguration(apiBaseURL: "http://127.0.0.1:1", secretKey: LocalStripe.secretKey,
                                                                          publishableKey: LocalStripe.publishableKey))
            let report = try await reconciler(portal, gateway: closed).run()
            try await closed.shutdown()
            #expect(report.unanswered == 1 && report.posted == 0 && report.failed == 0, "\(report)")
            #expect(report.lines.contains("gateway did not answer, left as they were: 1"))
            #expect(try await status(intent.id, portal) == .started)
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await portal.audit().allSatisfy { $0.action != "payment.online.reconciled" })
            // Once the gateway answers again, the payment is posted.
            #expect(try await reconciler(portal).run().posted == 1)
        }
    }
}
