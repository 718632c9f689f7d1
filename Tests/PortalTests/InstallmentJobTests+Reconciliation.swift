import BillingCore
import BillingStore
import GatewayTestSupport
import Payments
@testable import Portal
import Testing

/// Online-payment reconciliation leaves plan installments to this job, which marks the installment paid with the posting.
extension InstallmentJobTests {
    @Test func reconciliationLeavesAPlanChargeLeftStartedToTheJob() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            guard case .charge(let attempt) = try await f.store.nextStep(installment: plan.installments[0].id, on: f.today, by: "test") else {
                Issue.record("the installment is due")
                return
            }
            let charged = try await f.server.gateway().createPaymentIntent(PaymentIntentRequest(
                amountCents: attempt.amount.cents, metadata: PaymentMetadata(accountNumber: attempt.accountNumber, paymentReference: attempt.key),
                customerID: attempt.customerID, paymentMethodID: attempt.paymentMethodID, confirmation: .offSession,
                idempotencyKey: try #require(IdempotencyKey(attempt.key))))
            // The webhook recorded the intent, then the server stopped before posting it.
            _ = try await OnlinePaymentStore(database: f.portal.database).started(intentID: charged.id, account: f.portal.account.id,
                                                                                  amount: attempt.amount, method: .cardOnline)
            f.portal.clock.advance(minutes: 6)
            let report = try await OnlinePaymentReconciler(database: f.portal.database, gateway: f.server.gateway()).run()
            #expect(report.planCharges == 1 && report.posted == 0, "\(report)")
            #expect(try await f.payments() == 0)
            #expect(try await f.job.run(on: f.today).charged == 1)
            #expect(try await f.payments() == 1)
            #expect(try await f.plan(plan.id).installments[0].status == .paid)
        }
    }
}
