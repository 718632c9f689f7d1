import BillingCore
import BillingStore
import Foundation
import GatewayTestSupport
import Hummingbird
import HummingbirdTesting
import Payments
@testable import Portal
import Testing

/// `clearbill plans run`'s job against a running localstripe: each installment charged and posted once whatever the
/// repeats, declines retried then missed then defaulted per policy, early payoff, cancel, and the statement of a patient
/// on a plan.
@Suite(.localStripe)
struct InstallmentJobTests {
    let server: LocalStripe

    init() throws { server = try #require(LocalStripe.current, "the suite's trait starts localstripe") }

    func run(_ body: @Sendable (PlanFixture) async throws -> Void) async throws {
        let server = self.server
        try await PortalHarness.run(onlinePayments: OnlinePaymentSettings(gateway: server.gateway(), webhookSecret: nil)) { portal in
            try await body(PlanFixture(server: server, portal: portal))
        }
    }

    @Test func theJobRunTwiceForOneDateChargesAndPostsEachInstallmentOnce() async throws {
        try await run { f in
            try await f.portal.visit(charges: [60_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            #expect(plan.installments.map(\.amount) == [.dollars(200), .dollars(200), .dollars(200)])
            let first = try await f.job.run(on: f.today)
            #expect(first.charged == 1 && first.amountCharged == .dollars(200) && first.declined == 0)
            let second = try await f.job.run(on: f.today)
            #expect(second.charged == 0 && second.unknown == 0)
            #expect(try await f.payments() == 1)
            #expect(try await f.portal.balance() == .dollars(400))
            let after = try await f.plan(plan.id)
            #expect(after.installments.map(\.status) == [.paid, .scheduled, .scheduled])
            #expect(after.remaining == .dollars(400) && after.status == .active)
            let attempts = try await f.store.attempts(plan: plan.id)
            #expect(attempts.count == 1 && attempts[0].status == .succeeded)
            #expect(try await f.portal.audit().contains { $0.action == "plan.installment.paid" && $0.accountID == f.portal.account.id })
        }
    }

    @Test func concurrentRunsPostEachInstallmentOnce() async throws {
        try await run { f in
            try await f.portal.visit(charges: [52_000])
            // Started four weeks ago every two weeks: three installments are due today.
            let plan = try await f.enroll("every-two-weeks-13", card: try await f.savedCard(), firstDate: f.today.adding(days: -28))
            let job = f.job
            let today = f.today
            async let one = job.run(on: today)
            async let two = job.run(on: today)
            async let three = job.run(on: today)
            let reports = try await [one, two, three]
            #expect(reports.map(\.charged).reduce(0, +) == 3, "\(reports)")
            #expect(try await f.payments() == 3)
            let due = plan.installments.prefix(3).map(\.amount).sum()
            #expect(try await f.portal.balance() == .dollars(520) - due)
            #expect(try await f.plan(plan.id).installments.prefix(4).map(\.status) == [.paid, .paid, .paid, .scheduled])
            // And a run after a crash finds nothing left to do for the day.
            #expect(try await job.run(on: today).charged == 0)
            #expect(try await f.payments() == 3)
        }
    }

    @Test func aRunThatCrashedAfterTheChargeResumesWithTheSameKeyAndPostsOnce() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            // The first run recorded its attempt and the gateway charged the card, then the process died before posting.
            let (attempt, charged) = try await f.chargedThenCrashed(plan)
            #expect(charged.status == .succeeded)
            // Meanwhile the patient cannot pay the same money again by hand.
            await #expect(throws: PlanError.chargeInProgress) {
                try await f.store.beginCharge(.payoff, plan: plan.id, account: f.portal.account.id, key: "payoff-during-crash",
                                              on: f.today, by: "patient")
            }
            let report = try await f.job.run(on: f.today)
            #expect(report.charged == 1)
            #expect(try await f.payments() == 1)
            let posted = try await f.portal.database.pool.read { db in
                try String.fetchOne(db, sql: "SELECT intent_id FROM plan_charge_attempts WHERE plan_id = ?", arguments: [plan.id])
            }
            #expect(posted == charged.id, "the gateway answered the resumed attempt with the intent it had already charged")
        }
    }

    @Test func theGatewaysWebhookFirstThenTheJobStillPostsOnceAndMarksTheInstallmentPaid() async throws {
        let server = self.server
        let secret = "whsec_plans_" + UUID().uuidString.prefix(8)
        try await PortalHarness.run(onlinePayments: OnlinePaymentSettings(gateway: server.gateway(), webhookSecret: secret)) { portal in
            let f = PlanFixture(server: server, portal: portal)
            try await portal.visit(charges: [30_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            // A run charged the card and died; the gateway's webhook about that charge arrives before the next run.
            let (attempt, charged) = try await f.chargedThenCrashed(plan)
            let object = try await server.objectJSON(path: "/v1/payment_intents/\(charged.id)")
            let body = Array(#"{"id":"evt_plan1","type":"payment_intent.succeeded","created":1,"data":{"object":"#.utf8) + Array(object) + Array("}}".utf8)
            let signature = StripeWebhook.sign(payload: body, secret: secret, timestamp: Int64(portal.clock.now.timeIntervalSince1970))
            let delivered = try await portal.client.execute(uri: "/webhooks/stripe", method: .post,
                                                            headers: [.contentType: "application/json", .init(StripeWebhook.signatureHeaderName)!: signature],
                                                            body: ByteBuffer(bytes: body))
            #expect(delivered.status == .ok)
            #expect(try await f.payments() == 1, "the webhook posted the charge")
            let report = try await f.job.run(on: f.today)
            #expect(report.charged == 0 && report.unknown == 0, "posted by the webhook, not again by the run: \(report)")
            #expect(try await f.payments() == 1)
            #expect(try await f.plan(plan.id).installments[0].status == .paid)
            #expect(try await portal.balance() == .dollars(200))
        }
    }

    @Test func newChargesJoinAPlanByReplanningOnlyWhenThePolicyAllows() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            let card = try await f.savedCard()
            var refusing = PlanPolicy.standard
            refusing.allowsAddingCharges = false
            let plan = try await f.enroll("monthly-3", card: card, policy: refusing)
            try await f.portal.visit(charges: [9_000], daysAgo: 1)
            func replan(_ policy: PlanPolicy) async throws -> PaymentPlan {
                try await f.store.enroll(PlanEnrollment(accountID: f.portal.account.id, optionCode: "monthly-3", firstDate: f.today,
                                                        policy: policy, card: card, acceptedTermsVersion: policy.termsVersion,
                                                        acceptedBy: "patient", key: "replan-\(UUID().uuidString)", client: "test",
                                                        replacing: plan.id))
            }
            await #expect(throws: PlanError.self) { try await replan(refusing) }
            await #expect(throws: PlanError.alreadyOnPlan) { try await f.enroll("monthly-3", card: card) }
            #expect(try await f.plan(plan.id).status == .active)
            let replaced = try await replan(.standard)
            #expect(replaced.total == .dollars(390) && replaced.installments.map(\.amount).sum() == .dollars(390))
            #expect(try await f.plan(plan.id).status == .replanned)
            #expect(try await f.plan(plan.id).installments.allSatisfy { $0.status == .canceled })
        }
    }

    @Test func aDeclinedSavedCardIsRetriedThenMissedThenThePlanDefaults() async throws {
        try await run { f in
            try await f.portal.visit(charges: [60_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard("pm_card_chargeCustomerFail"))
            let due = f.today
            #expect(try await f.job.run(on: due).declined == 1)
            #expect(try await f.job.run(on: due).declined == 0, "a retry waits for the policy's interval")
            #expect(try await f.job.run(on: due.adding(days: 3)).declined == 1)
            var now = try await f.plan(plan.id)
            #expect(now.status == .active && now.installments[0].nextAttemptDate == due.adding(days: 6))
            // Still retried on the last day of grace, missed the day after.
            #expect(try await f.job.run(on: due.adding(days: 10)).declined == 1)
            let missed = try await f.job.run(on: due.adding(days: 11))
            #expect(missed.missed == 1 && missed.defaulted == 0)
            now = try await f.plan(plan.id)
            #expect(now.status == .missed && now.installments[0].status == .missed)
            // The second installment a month later: declined through its grace too, and the second miss ends the plan.
            let second = now.installments[1].dueDate
            #expect(try await f.job.run(on: second).declined == 1)
            let ended = try await f.job.run(on: second.adding(days: 11))
            #expect(ended.missed == 1 && ended.defaulted == 1)
            now = try await f.plan(plan.id)
            #expect(now.status == .defaulted && now.remaining == .zero)
            #expect(now.installments.map(\.status) == [.missed, .missed, .canceled])
            #expect(try await f.payments() == 0)
            #expect(try await f.store.attempts(plan: plan.id).map(\.failure) == Array(repeating: "Your card was declined.", count: 4),
                    "the card company's decline, each attempt under its own key")
            #expect(try await f.portal.balance() == .dollars(600), "the whole balance is back on the statement cycle")
            #expect(try await f.job.run(on: now.installments[2].dueDate).declined == 0, "a defaulted plan is not charged")
            let actions = try await f.portal.audit().map(\.action)
            #expect(actions.filter { $0 == "plan.installment.declined" }.count == 4)
            #expect(actions.filter { $0 == "plan.installment.missed" }.count == 2 && actions.contains("plan.defaulted"))
            // The next statement bills the balance in full, with no plan on it.
            let record = try #require(try await StatementStore(database: f.portal.database).generate(account: f.portal.account.id,
                                                                                                  cycleDate: second.adding(days: 12)))
            #expect(record.amountDue == .dollars(600))
        }
    }

    @Test func anEarlyPayoffPaysWhatIsLeftAndCompletesThePlan() async throws {
        try await run { f in
            try await f.portal.visit(charges: [45_000])
            let plan = try await f.enroll("monthly-6", card: try await f.savedCard())
            #expect(try await f.job.run(on: f.today).charged == 1)
            let attempt = try await f.store.beginCharge(.payoff, plan: plan.id, account: f.portal.account.id, key: "payoff-\(UUID().uuidString)",
                                                        on: f.today, by: "patient:\(f.portal.account.id)")
            #expect(attempt.amount == .dollars(375))
            guard case .paid(let posted) = try await f.job.charge(attempt, on: f.today) else {
                Issue.record("the payoff is charged")
                return
            }
            #expect(posted.amountReceived == .dollars(375))
            let done = try await f.plan(plan.id)
            #expect(done.status == .completed && done.unpaid.isEmpty && done.paid == .dollars(450))
            #expect(try await f.portal.balance() == .zero)
            #expect(try await f.job.run(on: f.today.adding(months: 1)).charged == 0)
            #expect(try await f.payments() == 2)
        }
    }

    @Test func canceledPlansStopChargingAndTheBalanceReturnsToTheCycle() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            #expect(try await f.job.run(on: f.today).charged == 1)
            try await f.store.cancel(plan: plan.id, account: f.portal.account.id, by: "patient:\(f.portal.account.id)", client: "test")
            let canceled = try await f.plan(plan.id)
            #expect(canceled.status == .canceled && canceled.installments.map(\.status) == [.paid, .canceled, .canceled])
            await #expect(throws: PlanError.notOpen) {
                try await f.store.cancel(plan: plan.id, account: f.portal.account.id, by: "again", client: "test")
            }
            #expect(try await f.job.run(on: f.today.adding(months: 2)).charged == 0)
            #expect(try await f.payments() == 1)
            let record = try #require(try await StatementStore(database: f.portal.database).generate(account: f.portal.account.id,
                                                                                                  cycleDate: f.today.adding(days: 1)))
            #expect(record.amountDue == .dollars(200))
            #expect(try await f.portal.audit().contains { $0.action == "plan.canceled" })
        }
    }

    @Test func aStatementOnAPlanShowsTheInstallmentDueAndOthersStayByteIdentical() async throws {
        try await run { f in
            try await f.portal.visit(charges: [60_000])
            let statements = StatementStore(database: f.portal.database)
            let before = try #require(try await statements.generate(account: f.portal.account.id, cycleDate: f.today.adding(days: -1)))
            let plain = try #require(try await statements.load(number: before.number))
            #expect(!plain.json.contains("\"plan\""), "a statement without a plan has no plan field at all")
            #expect(plain.statement.plan == nil)

            let plan = try await f.enroll("monthly-6", card: try await f.savedCard())
            _ = try await f.job.run(on: f.today)
            let record = try #require(try await statements.generate(account: f.portal.account.id, cycleDate: f.today))
            let stored = try #require(try await statements.load(number: record.number))
            let summary = try #require(stored.statement.plan)
            // Due within 25 days: nothing more (the first was charged today, the next falls a month later).
            #expect(summary.installmentDue == .zero && record.amountDue == .zero)
            #expect(summary.planBalance == .dollars(500) && summary.remaining.count == 5)
            #expect(stored.statement.messages.contains { $0.contains("Plan balance: $500.00") })
            let later = try #require(try await statements.generate(account: f.portal.account.id, cycleDate: plan.installments[1].dueDate.adding(days: -5)))
            #expect(later.amountDue == .dollars(100), "the installment due, not the balance")
            // Reloading the earlier statement gives the very same bytes.
            #expect(try await statements.load(number: before.number)?.json == plain.json)
        }
    }
}
