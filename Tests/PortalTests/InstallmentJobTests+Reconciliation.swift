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
            let (attempt, charged) = try await f.chargedThenCrashed(plan)
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
