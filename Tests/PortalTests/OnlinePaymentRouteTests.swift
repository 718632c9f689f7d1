import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import GatewayTestSupport
import Hummingbird
import HummingbirdTesting
import Payments
@testable import Portal
import Testing

/// The patient's pay flow, the gateway's webhook and the staff refund to the card, through the portal's routes against a
/// running localstripe. Card numbers appear only here, sent to localstripe the way the page's Stripe.js stand-in sends
/// them; the portal only ever sees the card id localstripe hands back.
@Suite(.localStripe)
struct OnlinePaymentRouteTests {
    static let visa = "4242424242424242"
    /// localstripe accepts this card when it is entered and declines it when it is charged.
    static let declinedWhenCharged = "4000000000000341"

    let server: LocalStripe
    let webhookSecret = "whsec_" + SecureRandom.token()

    init() throws {
        server = try #require(LocalStripe.current, "the suite's trait starts localstripe")
    }

    func run(_ body: @Sendable (PortalHarness) async throws -> Void) async throws {
        try await PortalHarness.run(onlinePayments: OnlinePaymentSettings(gateway: server.gateway(), webhookSecret: webhookSecret), body)
    }

    /// Opens the pay page and posts its form as the page's script would after the gateway tokenised the card.
    private func pay(_ browser: inout Browser, choice: String = "other", other: String, card: String?,
                     attempt: String? = nil) async throws -> TestResponse {
        let page = try await browser.get("/account/pay")
        try #require(page.status == .ok)
        let token = try #require(attempt ?? Browser.hidden("attempt", in: page))
        return try await browser.post("/account/pay", [("attempt", token), ("choice", choice), ("other", other),
                                                       ("paymentMethod", card ?? "")], csrf: browser.csrf)
    }

    private func submit(_ browser: Browser, other: String, card: String, attempt: String) async throws -> TestResponse {
        var browser = browser
        return try await browser.post("/account/pay", [("attempt", attempt), ("choice", "other"), ("other", other), ("paymentMethod", card)],
                                      csrf: browser.csrf)
    }

    private func intentID(transaction: Int64, _ portal: PortalHarness) async throws -> String {
        try #require(try await portal.database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT intent_id FROM online_payments WHERE transaction_id = ?", arguments: [transaction])
        })
    }

    /// Delivers `payment_intent.succeeded` for `intentID` with the intent exactly as the gateway holds it, signed with
    /// `secret` at `signedAt`.
    func deliverSucceeded(_ intentID: String, _ portal: PortalHarness, secret: String? = nil, signedAt: Date? = nil,
                                  signature: String?? = nil) async throws -> TestResponse {
        let object = try await server.objectJSON(path: "/v1/payment_intents/\(intentID)")
        let created = Int64(portal.clock.now.timeIntervalSince1970)
        let body = Array(#"{"id":"evt_\#(UUID().uuidString.prefix(8))","type":"payment_intent.succeeded","created":\#(created),"data":{"object":"#.utf8)
            + Array(object) + Array("}}".utf8)
        let timestamp = Int64((signedAt ?? portal.clock.now).timeIntervalSince1970)
        var headers: HTTPFields = [.contentType: "application/json"]
        let header = signature ?? StripeWebhook.sign(payload: body, secret: secret ?? webhookSecret, timestamp: timestamp)
        if let header { headers[.init(StripeWebhook.signatureHeaderName)!] = header }
        return try await portal.client.execute(uri: "/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// An intent paid at the gateway for Ana's account whose answer never reached the portal (as when the create call
    /// timed out after the card was charged): only the webhook can tell the portal about it.
    func paidBehindThePortalsBack(cents: Int64, _ portal: PortalHarness) async throws -> PaymentIntent {
        let card = try await server.cardIDFromBrowser(number: Self.visa)
        return try await server.gateway().createPaymentIntent(PaymentIntentRequest(
            amountCents: cents, metadata: PaymentMetadata(accountNumber: portal.account.accountNumber, paymentReference: "lost-answer"),
            paymentMethodID: card, confirmation: .now, idempotencyKey: .random()))
    }

    @Test func aCardPaymentLandsOnAReceiptAndLowersTheBalanceByExactlyItsAmount() async throws {
        try await run { portal in
            try await portal.visit(charges: [8_000, 4_000])
            let start = try await portal.balance()
            var ana = try await portal.patientBrowser()
            let page = try await ana.get("/account/pay")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self' \(server.baseURL)") && policy.contains("connect-src 'self' \(server.baseURL)"),
                    "the page may load the gateway's script and let it send the card to the gateway: \(policy)")
            #expect(String(buffer: page.body).contains(#"data-publishable-key="\#(LocalStripe.publishableKey)""#))

            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let paid = try await pay(&ana, other: "37.45", card: card)
            #expect(paid.status == .seeOther)
            let location = try #require(paid.headers[.location])
            #expect(location.hasPrefix("/account/receipts/R"))

            let receipt = try await ana.get(location)
            let html = String(buffer: receipt.body)
            #expect(receipt.status == .ok)
            #expect(html.contains("Payment receipt") && html.contains(String(location.dropFirst("/account/receipts/".count))))
            #expect(html.contains(#"<dd class="total">$37.45</dd>"#))
            #expect(html.contains("Card (online)") && !html.contains("Cash received") && !html.contains("Change given"))
            let after = try await portal.balance()
            #expect(after == start - Money(cents: 3_745))
            #expect(try await portal.transactions(.payment) == 1)
            #expect(String(buffer: try await ana.get("/account/pay").body).contains("Account balance: \(after.formatted)."))
        }
    }

    @Test func aDeclinedCardSaysSoAndPostsNothing() async throws {
        try await run { portal in
            try await portal.visit(charges: [9_000])
            let start = try await portal.balance()
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.declinedWhenCharged)
            let refused = try await pay(&ana, choice: "due", other: "", card: card)
            #expect(refused.status.code == 402)
            #expect(Browser.errorNotice(refused) == "Your card was declined.")
            #expect(String(buffer: refused.body).contains(#"id="pay-form""#), "the patient can try another card")
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await portal.balance() == start)
            #expect(try await portal.audit().contains { $0.action == "payment.online.failed" && $0.detail == "declined" })
        }
    }

    @Test func theSameFormSubmittedTwiceChargesAndPostsOnce() async throws {
        try await run { portal in
            try await portal.visit(charges: [15_000])
            let start = try await portal.balance()
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let page = try await ana.get("/account/pay")
            let attempt = try #require(Browser.hidden("attempt", in: page))
            let first = try await pay(&ana, other: "60.00", card: card, attempt: attempt)
            let second = try await pay(&ana, other: "60.00", card: card, attempt: attempt)
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.headers[.location] == second.headers[.location], "the second click lands on the same receipt")

            // Two clicks racing each other.
            let racing = try #require(Browser.hidden("attempt", in: try await ana.get("/account/pay")))
            let clicked = ana
            async let one = submit(clicked, other: "10.00", card: card, attempt: racing)
            async let two = submit(clicked, other: "10.00", card: card, attempt: racing)
            let (a, b) = try await (one, two)
            #expect(a.status == .seeOther && b.status == .seeOther)
            #expect(a.headers[.location] == b.headers[.location])

            #expect(try await portal.transactions(.payment) == 2)
            #expect(try await portal.balance() == start - Money(cents: 6_000 + 1_000))
        }
    }

    @Test func theWebhookThreeTimesAndTheReadBackPostOnce() async throws {
        try await run { portal in
            try await portal.visit(charges: [20_000])
            let start = try await portal.balance()
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let paid = try await pay(&ana, other: "25.00", card: card)
            let receipt = try #require(paid.headers[.location])
            let transaction = try #require(Browser.receiptTransaction(receipt))
            let intent = try await intentID(transaction: transaction, portal)
            for _ in 0..<3 {
                #expect(try await deliverSucceeded(intent, portal).status == .ok)
            }
            #expect(try await portal.transactions(.payment) == 1)
            #expect(try await portal.balance() == start - Money(cents: 2_500))

            // The other order: the portal never heard back, the webhook comes three times (twice at once), then the
            // patient's read-back of the same intent posts nothing more.
            let lost = try await paidBehindThePortalsBack(cents: 4_200, portal)
            async let first = deliverSucceeded(lost.id, portal)
            async let second = deliverSucceeded(lost.id, portal)
            let (one, two) = try await (first, second)
            #expect(one.status == .ok && two.status == .ok)
            #expect(try await deliverSucceeded(lost.id, portal).status == .ok)
            let store = OnlinePaymentStore(database: portal.database)
            let posted = try #require(try await store.find(intentID: lost.id))
            #expect(posted.status == .succeeded && posted.amount == Money(cents: 4_200))
            #expect(try await store.confirm(intentID: lost.id, amountReceived: Money(cents: lost.amountReceivedCents),
                                            on: CalendarDate(portal.clock.now, in: .current))?.id == posted.transactionID)
            #expect(try await portal.transactions(.payment) == 2)
            #expect(try await portal.balance() == start - Money(cents: 2_500 + 4_200))
            #expect(try await LedgerVerifier(database: portal.database).verify().holds)
        }
    }

    @Test func aWebhookWithAWrongSignatureOrAStaleTimestampIsRefusedAndPostsNothing() async throws {
        try await run { portal in
            try await portal.visit(charges: [10_000])
            let intent = try await paidBehindThePortalsBack(cents: 3_000, portal)
            let refusals: [(String, TestResponse)] = [
                ("another secret", try await deliverSucceeded(intent.id, portal, secret: "whsec_someone_else")),
                ("signed 10 minutes ago", try await deliverSucceeded(intent.id, portal, signedAt: portal.clock.now.addingTimeInterval(-600))),
                ("signed 10 minutes ahead", try await deliverSucceeded(intent.id, portal, signedAt: portal.clock.now.addingTimeInterval(600))),
                ("no signature", try await deliverSucceeded(intent.id, portal, signature: .some(nil))),
                ("a garbled signature", try await deliverSucceeded(intent.id, portal, signature: "t=1,v1=zz")),
            ]
            for (what, response) in refusals {
                #expect(response.status == .badRequest, "\(what)")
                #expect(String(buffer: response.body).hasPrefix("signature check failed"), "\(what)")
            }
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await OnlinePaymentStore(database: portal.database).find(intentID: intent.id) == nil)
            // The same event, rightly signed, is taken: the refusals above were about the signature alone.
            #expect(try await deliverSucceeded(intent.id, portal).status == .ok)
            #expect(try await portal.transactions(.payment) == 1)
        }
    }

    @Test(arguments: [
        ("other", "0.50", "Amount: the smallest online payment is $1.00."),
        ("other", "120.01", "Amount: that is more than your balance of $120.00."),
        ("other", "12.345", ""),
        ("other", "ten dollars", ""),
        ("", "", "Amount: choose how much to pay."),
    ])
    func anAmountOutsideTheLimitsIsRefusedWithTheReason(choice: String, other: String, message: String) async throws {
        try await run { portal in
            try await portal.visit(charges: [12_000])
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let refused = try await pay(&ana, choice: choice, other: other, card: card)
            #expect(refused.status == .unprocessableContent)
            let notice = Browser.errorNotice(refused)
            if message.isEmpty {
                #expect(notice.hasPrefix("Amount: "), "\(notice)")
                #expect(notice.count > "Amount: .".count, "the notice says what is wrong: \(notice)")
            } else {
                #expect(notice == message)
            }
            #expect(String(buffer: refused.body).contains(#"value="\#(other)""#), "what the patient typed stays in the box")
            #expect(try await portal.transactions(.payment) == 0)
        }
    }

    @Test func withoutCardDetailsNothingIsCharged() async throws {
        try await run { portal in
            try await portal.visit(charges: [12_000])
            var ana = try await portal.patientBrowser()
            for card in ["", "4242424242424242", "tok_../../v1/charges"] {
                let refused = try await pay(&ana, choice: "due", other: "", card: card)
                #expect(refused.status == .unprocessableContent || refused.status.code == 402, "\(card)")
                #expect(!Browser.errorNotice(refused).isEmpty)
            }
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await portal.audit().allSatisfy { !$0.detail.contains("4242") && !$0.subject.contains("4242") })
        }
    }

    @Test func withoutAGatewayThePayPageSaysSoAndShowsTheOtherWays() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [12_000])
            var ana = try await portal.patientBrowser()
            let page = try await ana.get("/account/pay")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("Online payment is not available right now."))
            #expect(html.contains("By phone: call 828-555-0100") && html.contains("By mail:") && html.contains("front desk"))
            #expect(!html.contains(#"id="pay-form""#) && !html.contains("pay.js"), "no card form that could not work")
            #expect(page.headers[.contentSecurityPolicy] == SecurityHeadersMiddleware<PortalRequestContext>.contentSecurityPolicy)

            let posted = try await ana.post("/account/pay", [("attempt", "x"), ("choice", "due"), ("paymentMethod", "card_1")],
                                            csrf: ana.csrf)
            #expect(posted.status == .serviceUnavailable)
            #expect(String(buffer: posted.body).contains("Online payment is not available right now."))
            #expect(try await portal.transactions(.payment) == 0)
            #expect(try await portal.client.execute(uri: "/webhooks/stripe", method: .post, body: ByteBuffer(string: "{}")).status
                    == .notFound)
        }
    }

    @Test func aPatientCannotOpenAnotherAccountsReceipt() async throws {
        try await run { portal in
            try await portal.visit(charges: [5_000])
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let own = try #require(try await pay(&ana, other: "10.00", card: card).headers[.location])
            #expect(try await ana.get(own).status == .ok)

            let (other, _) = try await PracticeDirectory(database: portal.database).openAccount(NewAccount(
                firstName: "Ben", lastName: "Okafor", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 2)!,
                address: MailingAddress(line1: "3 Oak St", city: "Asheville", state: "NC", zip: "28801")))
            let theirs = try await Ledger(database: portal.database).recordPayment(
                PatientPayment(accountID: other.id, amount: Money(cents: 2_000), method: .cash, receivedOn: CalendarDate(portal.clock.now, in: .current)),
                key: "ben-cash", by: Actor("casey", via: .desk))
            let number = ReceiptNumber.make(transactionID: theirs.id)
            let refused = try await ana.get("/account/receipts/\(number)")
            #expect(refused.status == .notFound)
            #expect(!String(buffer: refused.body).contains("Okafor"))
            #expect(try await ana.get("/account/receipts/R000000001X").status == .notFound)
        }
    }

    @Test func staffRefundAnOnlinePaymentToTheCardNeverMoreThanWasPaid() async throws {
        try await run { portal in
            try await portal.visit(charges: [12_000])
            let start = try await portal.balance()
            var ana = try await portal.patientBrowser()
            let card = try await server.cardIDFromBrowser(number: Self.visa)
            let receipt = try #require(try await pay(&ana, other: "40.00", card: card).headers[.location])
            let payment = try #require(Browser.receiptTransaction(receipt))
            let intent = try await intentID(transaction: payment, portal)
            // A $10 deposit at the desk: the refund takes the credit first.
            let deposit = try await Ledger(database: portal.database).recordPayment(
                PatientPayment(accountID: portal.account.id, amount: Money(cents: 1_000), method: .cash,
                               receivedOn: CalendarDate(portal.clock.now, in: .current), isDeposit: true),
                key: "deposit", by: Actor("casey", via: .desk))
            #expect(try await portal.balance() == start - Money(cents: 4_000 + 1_000))

            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let accountPage = String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body)
            #expect(accountPage.contains(#"action="/staff/transactions/\#(payment)/refund-online""#))
            #expect(accountPage.contains("At most $40.00"))

            func refund(_ amount: String, attempt: String = SecureRandom.token(byteCount: 16)) async throws -> TestResponse {
                try await desk.post("/staff/transactions/\(payment)/refund-online", [("attempt", attempt), ("amount", amount)], csrf: desk.csrf)
            }
            let attempt = SecureRandom.token(byteCount: 16)
            let first = try await refund("15.00", attempt: attempt)
            #expect(first.status == .seeOther)
            let refundReceipt = try #require(first.headers[.location])
            #expect(try await refund("15.00", attempt: attempt).headers[.location] == refundReceipt, "a double submit refunds once")
            let shown = String(buffer: try await desk.get(refundReceipt).body)
            #expect(shown.contains("Refund receipt") && shown.contains(#"<dd class="total">$15.00</dd>"#) && shown.contains("Card (online)"))
            #expect(try await portal.balance() == start - Money(cents: 4_000 + 1_000 - 1_500))
            #expect(try await AccountBalances(database: portal.database).summary(account: portal.account.id).credit == .zero)

            let tooMuch = try await refund("25.01")
            #expect(tooMuch.status == .unprocessableContent)
            #expect(String(buffer: tooMuch.body).contains("at most $25.00 of this payment can be refunded"))
            #expect(try await refund("25.00").status == .seeOther)
            let none = try await refund("1.00")
            #expect(none.status == .unprocessableContent)
            #expect(String(buffer: none.body).contains("has been refunded in full"))
            #expect(!String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body).contains("refund-online"))

            let refunds = try JSONSerialization.jsonObject(with: try await server.objectJSON(path: "/v1/refunds?payment_intent=\(intent)"))
            let amounts = ((refunds as? [String: Any])?["data"] as? [[String: Any]] ?? []).compactMap { $0["amount"] as? Int }
            #expect(amounts.sorted() == [1_500, 2_500], "the gateway refunded exactly what was posted, once each")
            #expect(try await portal.transactions(.refund) == 2)
            #expect(try await portal.balance() == start - Money(cents: 1_000), "the card got all $40.00 back; the deposit stays paid")
            #expect(try await LedgerVerifier(database: portal.database).verify().holds)

            // A desk payment is not an online one.
            let cash = try await desk.post("/staff/transactions/\(deposit.id)/refund-online", [("attempt", "a"), ("amount", "1.00")],
                                           csrf: desk.csrf)
            #expect(cash.status == .notFound)
        }
    }
}
