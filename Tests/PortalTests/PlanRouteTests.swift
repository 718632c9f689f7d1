import BillingCore
import BillingStore
import Foundation
import GatewayTestSupport
import Hummingbird
import HummingbirdTesting
import Payments
@testable import Portal
import Testing

/// The plan pages through the portal's routes against a running localstripe: enrolling online and at the desk, the
/// changes, the office's list, and every refusal leaving nothing changed.
@Suite(.localStripe)
struct PlanRouteTests {
    let server: LocalStripe

    init() throws { server = try #require(LocalStripe.current, "the suite's trait starts localstripe") }

    private func run(_ body: @Sendable (PlanFixture) async throws -> Void) async throws {
        let server = self.server
        try await PortalHarness.run(onlinePayments: OnlinePaymentSettings(gateway: server.gateway(), webhookSecret: nil)) { portal in
            try await body(PlanFixture(server: server, portal: portal))
        }
    }

    /// What the page's script does: the card goes into the gateway's fields and the SetupIntent is confirmed there;
    /// returns the SetupIntent id the form then posts.
    private func saveCardInBrowser(_ page: TestResponse, paymentMethod: String = "pm_card_visa") async throws -> String {
        let secret = try #require(Browser.firstMatch(#"data-client-secret="([^"]+)""#, in: String(buffer: page.body)))
        let id = try #require(secret.components(separatedBy: "_secret_").first)
        let intent = try await server.gateway().retrieveSetupIntent(id: id)
        #expect(try await server.confirmSetupIntentInBrowser(intent, paymentMethod: paymentMethod) == 200)
        return id
    }

    private func plans(_ portal: PortalHarness) async throws -> Int {
        try await portal.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM payment_plans") ?? 0 }
    }

    @Test func aPatientSeesTheOptionsEnrollsAndSeesTheSchedule() async throws {
        try await run { f in
            try await f.portal.visit(charges: [52_500])
            var ana = try await f.portal.patientBrowser()
            let page = try await ana.get("/account/plan")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("6 payments of $87.50 monthly, first on"))
            #expect(html.contains("The last installment takes the cents left over"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self' \(server.baseURL)") == true)
            let attempt = try #require(Browser.hidden("attempt", in: page))
            let setupIntent = try await saveCardInBrowser(page)
            let form = [("attempt", attempt), ("option", "monthly-6"), ("agree", "yes"), ("terms", PlanPolicy.standard.termsVersion),
                        ("setupIntent", setupIntent)]
            let enrolled = try await ana.post("/account/plan", form, csrf: ana.csrf)
            #expect(enrolled.status == .seeOther && enrolled.headers[.location] == "/account/plan")
            #expect(try await ana.post("/account/plan", form, csrf: ana.csrf).status == .seeOther, "the same form again changes nothing")
            #expect(try await plans(f.portal) == 1)
            let shown = String(buffer: try await ana.get("/account/plan").body)
            #expect(shown.contains("Your plan is active") && shown.contains("Visa ending 4242") && shown.contains("$87.50"))
            #expect(shown.components(separatedBy: "<td class=\"money\">$87.50</td>").count - 1 == 6)
            let plan = try #require(try await f.store.currentPlan(account: f.portal.account.id))
            #expect(plan.termsVersion == PlanPolicy.standard.termsVersion && plan.termsAcceptedBy == "patient:\(f.portal.account.id)")
            #expect(try await f.portal.audit().contains { $0.action == "plan.enroll" && $0.accountID == f.portal.account.id })
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndNothingIsEnrolled() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            var ana = try await f.portal.patientBrowser()
            let page = try await ana.get("/account/plan")
            let attempt = try #require(Browser.hidden("attempt", in: page))
            let setupIntent = try await saveCardInBrowser(page)
            let good = ["attempt": attempt, "option": "monthly-3", "agree": "yes", "terms": PlanPolicy.standard.termsVersion, "setupIntent": setupIntent]
            func post(_ change: [String: String]) async throws -> TestResponse {
                let fields = good.merging(change) { _, new in new }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                return try await ana.post("/account/plan", fields, csrf: ana.csrf)
            }
            let noOption = try await post(["option": ""])
            #expect(noOption.status == .unprocessableContent && Browser.errorNotice(noOption).hasPrefix("Plan:"))
            let notOffered = try await post(["option": "monthly-7"])
            #expect(notOffered.status == .unprocessableContent && Browser.errorNotice(notOffered).hasPrefix("Plan:"))
            let noAgreement = try await post(["agree": ""])
            #expect(noAgreement.status == .unprocessableContent && Browser.errorNotice(noAgreement).hasPrefix("Terms:"))
            let oldTerms = try await post(["terms": "2019-01"])
            #expect(oldTerms.status == .unprocessableContent && Browser.errorNotice(oldTerms).hasPrefix("Terms:"))
            let noCard = try await post(["setupIntent": ""])
            #expect(noCard.status == .unprocessableContent && Browser.errorNotice(noCard).hasPrefix("Card:"))
            let forged = try await post(["setupIntent": "seti_notours"])
            #expect(forged.status == .unprocessableContent && Browser.errorNotice(forged).hasPrefix("Card:"))
            // Another account's saved card cannot be borrowed.
            let (other, _) = try await PracticeDirectory(database: f.portal.database).openAccount(NewAccount(
                firstName: "Cleo", lastName: "Other", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!,
                address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801")))
            let gateway = server.gateway()
            let theirs = try await gateway.createSetupIntent(
                customerID: try await gateway.createCustomer(accountNumber: other.accountNumber, idempotencyKey: .random()).id,
                idempotencyKey: .random())
            _ = try await server.confirmSetupIntentInBrowser(theirs, paymentMethod: "pm_card_visa")
            #expect(try await post(["setupIntent": theirs.id]).status == .unprocessableContent)
            let noToken = try await ana.post("/account/plan", good.map { ($0.key, $0.value) })
            #expect(noToken.status == .forbidden, "no CSRF token")
            let missingField = try await ana.post("/account/plan", [("option", "monthly-3")], csrf: ana.csrf)
            #expect(missingField.status == .badRequest && String(buffer: missingField.body).contains("attempt"))
            #expect(try await plans(f.portal) == 0)
            #expect(try await f.payments() == 0)
        }
    }

    @Test func aSmallBalanceIsToldWhyThereIsNoPlan() async throws {
        try await run { f in
            try await f.portal.visit(charges: [19_999])
            var ana = try await f.portal.patientBrowser()
            let html = String(buffer: try await ana.get("/account/plan").body)
            #expect(html.contains("Payment plans are for balances of $200.00 or more") && !html.contains("plan-form"))
        }
    }

    @Test func theChangesPayAheadPayOffChangeTheCardAddChargesAndCancel() async throws {
        try await run { f in
            try await f.portal.visit(charges: [60_000])
            let plan = try await f.enroll("monthly-6", card: try await f.savedCard())
            var ana = try await f.portal.patientBrowser()
            // Pay the next installment ahead; the same form twice charges once.
            let attempt = try #require(Browser.hidden("attempt", in: try await ana.get("/account/plan")))
            let ahead = try await ana.post("/account/plans/\(plan.id)/pay-ahead", [("attempt", attempt)], csrf: ana.csrf)
            #expect(ahead.status == .seeOther && ahead.headers[.location]?.hasPrefix("/account/receipts/R") == true)
            let again = try await ana.post("/account/plans/\(plan.id)/pay-ahead", [("attempt", attempt)], csrf: ana.csrf)
            #expect(again.headers[.location] == ahead.headers[.location])
            #expect(try await f.payments() == 1)
            #expect(try await f.portal.balance() == .dollars(500))
            #expect(try await f.job.run(on: f.today).charged == 0, "the installment paid ahead is not charged again")

            // Change the card.
            let cardPage = try await ana.get("/account/plans/\(plan.id)/card")
            #expect(cardPage.status == .ok)
            let setupIntent = try await saveCardInBrowser(cardPage)
            #expect(try await ana.post("/account/plans/\(plan.id)/card", [("setupIntent", setupIntent)], csrf: ana.csrf).status == .seeOther)
            #expect(try await f.plan(plan.id).paymentMethodID != plan.paymentMethodID)
            #expect(try await ana.post("/account/plans/\(plan.id)/card", [("setupIntent", "nope")], csrf: ana.csrf).status == .unprocessableContent)

            // New charges are added by planning the whole balance again.
            try await f.portal.visit(charges: [10_000], daysAgo: 1)
            let page = String(buffer: try await ana.get("/account/plan").body)
            #expect(page.contains("Add your new charges to the plan") && page.contains("$100.00 of new charges"))
            let replanToken = try #require(Browser.firstMatch(#"replan"[\s\S]*?name="attempt" value="([^"]+)""#, in: page))
            let replanned = try await ana.post("/account/plans/\(plan.id)/replan",
                                               [("attempt", replanToken), ("option", "monthly-3"), ("agree", "yes"),
                                                ("terms", PlanPolicy.standard.termsVersion)], csrf: ana.csrf)
            #expect(replanned.status == .seeOther)
            #expect(try await f.plan(plan.id).status == .replanned)
            let current = try #require(try await f.store.currentPlan(account: f.portal.account.id))
            #expect(current.id != plan.id && current.total == .dollars(600) && current.installments.map(\.amount) == [.dollars(200), .dollars(200), .dollars(200)])

            // Pay off, then there is nothing left.
            let payoffToken = try #require(Browser.hidden("attempt", in: try await ana.get("/account/plan")))
            let payoff = try await ana.post("/account/plans/\(current.id)/payoff", [("attempt", payoffToken)], csrf: ana.csrf)
            #expect(payoff.status == .seeOther)
            #expect(try await f.plan(current.id).status == .completed)
            #expect(try await f.portal.balance() == .zero)
            // A cancel of an ended plan is refused.
            let late = try await ana.post("/account/plans/\(current.id)/cancel", [("confirm", "yes")], csrf: ana.csrf)
            #expect(late.status == .conflict)
        }
    }

    @Test func cancelNeedsConfirmingAndAnotherAccountsPlanIsNotThere() async throws {
        try await run { f in
            try await f.portal.visit(charges: [40_000])
            let plan = try await f.enroll("monthly-3", card: try await f.savedCard())
            let (other, otherPatient) = try await PracticeDirectory(database: f.portal.database).openAccount(NewAccount(
                firstName: "Cleo", lastName: "Other", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!,
                address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801")))
            try await f.portal.visit(charges: [40_000], account: other, patient: otherPatient)
            let theirs = try await f.enroll("monthly-3", card: try await f.savedCard(account: other), account: other)
            var ana = try await f.portal.patientBrowser()
            try await ana.get("/account/plan")
            for path in ["cancel", "payoff", "pay-ahead", "card"] {
                let response = try await ana.post("/account/plans/\(theirs.id)/\(path)", [("attempt", "x1234567"), ("confirm", "yes")], csrf: ana.csrf)
                #expect(response.status == .notFound, "\(path) of another account's plan")
            }
            #expect(try await ana.get("/account/plans/\(theirs.id)/card").status == .notFound)
            #expect(try await f.plan(theirs.id).status == .active)
            #expect(try await f.payments(account: other) == 0)

            let unconfirmed = try await ana.post("/account/plans/\(plan.id)/cancel", [("confirm", "")], csrf: ana.csrf)
            #expect(unconfirmed.status == .unprocessableContent && Browser.errorNotice(unconfirmed).hasPrefix("Cancel:"))
            #expect(try await ana.post("/account/plans/\(plan.id)/cancel", [("confirm", "yes")]).status == .forbidden, "no CSRF token")
            #expect(try await f.plan(plan.id).status == .active)
            let canceled = try await ana.post("/account/plans/\(plan.id)/cancel", [("confirm", "yes")], csrf: ana.csrf)
            #expect(canceled.status == .seeOther)
            #expect(try await f.plan(plan.id).status == .canceled)
            #expect(String(buffer: try await ana.get("/account/plan").body).contains("Your plan is canceled"))
        }
    }

    @Test func theDeskEnrollsAPatientAndTheOfficeSeesEveryPlanWithTotals() async throws {
        try await run { f in
            try await f.portal.visit(charges: [30_000])
            var desk = try await f.portal.staffBrowser("maria", .frontDesk)
            let page = try await desk.get("/staff/accounts/\(f.portal.account.id)/plan")
            #expect(page.status == .ok && String(buffer: page.body).contains("For Ana Peña Ruiz"))
            let attempt = try #require(Browser.hidden("attempt", in: page))
            let setupIntent = try await saveCardInBrowser(page)
            let enrolled = try await desk.post("/staff/accounts/\(f.portal.account.id)/plan",
                                               [("attempt", attempt), ("option", "monthly-3"), ("agree", "yes"),
                                                ("terms", PlanPolicy.standard.termsVersion), ("setupIntent", setupIntent)], csrf: desk.csrf)
            #expect(enrolled.status == .seeOther && enrolled.headers[.location] == "/staff/accounts/\(f.portal.account.id)/plan")
            let plan = try #require(try await f.store.currentPlan(account: f.portal.account.id))
            #expect(plan.termsAcceptedBy == "patient:\(f.portal.account.id) at the desk with staff:maria")
            #expect(try await desk.get("/staff/accounts/999999/plan").status == .notFound)
            _ = try await f.job.run(on: f.today)

            let list = try await desk.get("/staff/plans")
            let html = String(buffer: list.body)
            #expect(list.status == .ok)
            #expect(html.contains("Peña Ruiz, Ana") && html.contains(#"<th scope="row">Active</th><td class="money">1</td><td class="money">$300.00</td><td class="money">$100.00</td><td class="money">$200.00</td>"#))
            #expect(html.contains(#"<th scope="row">Defaulted</th><td class="money">0</td>"#))
            #expect(try await f.portal.audit().contains { $0.action == "staff.view.plans" })

            var ana = try await f.portal.patientBrowser()
            #expect(try await ana.get("/staff/plans").status == .forbidden)
            #expect(try await ana.get("/staff/accounts/\(f.portal.account.id)/plan").status == .forbidden)
            var stranger = f.portal.browser()
            #expect(try await stranger.get("/account/plan").status == .seeOther, "signed out: to the sign-in page")
        }
    }
}
