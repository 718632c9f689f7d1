import BillingCore
import BillingStore
import Foundation
import GatewayTestSupport
import Payments
@testable import Portal
import Testing

/// Saved cards and plans for the plan tests, against the suite's localstripe. Cards are Stripe's test payment methods
/// (`pm_card_visa`; `pm_card_chargeCustomerFail` = 4000 0000 0000 0341, which saves and then declines every charge).
struct PlanFixture {
    let server: LocalStripe
    let portal: PortalHarness

    var store: PaymentPlanStore { PaymentPlanStore(database: portal.database) }
    var job: InstallmentJob { InstallmentJob(database: portal.database, gateway: server.gateway()) }
    var today: CalendarDate { CalendarDate(portal.clock.now, in: .current) }

    /// A card saved for the account the way the plan page saves one: a SetupIntent on the account's gateway customer,
    /// confirmed by the "browser", then attached.
    func savedCard(_ paymentMethod: String = "pm_card_visa", account: Account? = nil) async throws -> PlanCard {
        let account = account ?? portal.account
        let gateway = server.gateway()
        var customer = try await store.customerID(account: account.id)
        if customer == nil {
            let made = try await gateway.createCustomer(accountNumber: account.accountNumber, idempotencyKey: .random())
            customer = try await store.saveCustomer(account: account.id, customerID: made.id)
        }
        let customerID = try #require(customer)
        let setup = try await gateway.createSetupIntent(customerID: customerID, idempotencyKey: .random())
        try #require(try await server.confirmSetupIntentInBrowser(setup, paymentMethod: paymentMethod) == 200)
        let method = try #require(try await gateway.retrieveSetupIntent(id: setup.id).paymentMethodID)
        let saved = try await gateway.attachPaymentMethod(id: method, customerID: customerID)
        return PlanCard(customerID: customerID, paymentMethodID: saved.id, description: "Visa ending \(saved.card?.last4 ?? "")")
    }

    /// Enrolls the account in `option`, first installment on `firstDate` (today unless given).
    func enroll(_ option: String, card: PlanCard, firstDate: CalendarDate? = nil, policy: PlanPolicy = .standard,
                account: Account? = nil) async throws -> PaymentPlan {
        let account = account ?? portal.account
        return try await store.enroll(PlanEnrollment(
            accountID: account.id, optionCode: option, firstDate: firstDate ?? today, policy: policy, card: card,
            acceptedTermsVersion: policy.termsVersion, acceptedBy: "patient:\(account.id)", key: "enroll-\(UUID().uuidString)",
            client: "203.0.113.5"))
    }

    func plan(_ id: Int64) async throws -> PaymentPlan { try #require(try await store.plan(id: id)) }

    /// What a run that died mid-charge leaves behind: the first installment's attempt recorded and the card charged at
    /// the gateway under the attempt's key, nothing posted.
    func chargedThenCrashed(_ plan: PaymentPlan) async throws -> (attempt: PlanChargeAttempt, intent: PaymentIntent) {
        guard case .charge(let attempt) = try await store.nextStep(installment: plan.installments[0].id, on: today, by: "test") else {
            throw FixtureError.installmentNotDue
        }
        let intent = try await server.gateway().createPaymentIntent(PaymentIntentRequest(
            amountCents: attempt.amount.cents, metadata: PaymentMetadata(accountNumber: attempt.accountNumber, paymentReference: attempt.key),
            customerID: attempt.customerID, paymentMethodID: attempt.paymentMethodID, confirmation: .offSession,
            idempotencyKey: try #require(IdempotencyKey(attempt.key))))
        return (attempt, intent)
    }

    enum FixtureError: Error { case installmentNotDue }

    /// Payments posted for the account (all methods).
    func payments(account: Account? = nil) async throws -> Int {
        let id = (account ?? portal.account).id
        return try await portal.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'payment' AND account_id = ?", arguments: [id]) ?? 0
        }
    }
}
