import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

/// The front desk's money through the staff routes: payments by method with a receipt, deposits, a chosen visit, double
/// submits, voids, credit refunds and the end-of-day close, by a front-desk user; a patient session gets none of it.
@Suite struct DeskRouteTests {
    /// Takes a payment through the desk form (opening it first, for its attempt token unless one is given).
    private func take(_ desk: inout Browser, _ portal: PortalHarness, method: String, amount: String, tendered: String = "",
                      reference: String = "", visit: String = "", attempt: String? = nil) async throws -> TestResponse {
        let form = try await desk.get("/staff/accounts/\(portal.account.id)/payment")
        try #require(form.status == .ok)
        let token = try #require(attempt ?? Browser.hidden("attempt", in: form))
        return try await desk.post("/staff/accounts/\(portal.account.id)/payment", [
            ("attempt", token), ("method", method), ("amount", amount), ("tendered", tendered), ("reference", reference), ("visit", visit),
        ], csrf: desk.csrf)
    }

    private func today(_ portal: PortalHarness) -> CalendarDate { CalendarDate(portal.clock.now, in: .current) }

    @Test func cashWithChangePrintsTheChangeOnTheReceipt() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            let start = try await portal.balance()
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let short = try await take(&desk, portal, method: "cash", amount: "45.00", tendered: "40.00")
            #expect(short.status == .unprocessableContent)
            #expect(Browser.errorNotice(short) == "Cash handed over ($40.00) is less than the payment ($45.00).")

            let paid = try await take(&desk, portal, method: "cash", amount: "45.00", tendered: "50.00")
            #expect(paid.status == .seeOther)
            let receipt = try #require(paid.headers[.location])
            #expect(receipt.hasPrefix("/staff/receipts/R") && receipt.hasSuffix("?tendered=5000"))
            let html = String(buffer: try await desk.get(receipt).body)
            #expect(html.contains("<dt>Cash received</dt><dd>$50.00</dd>") && html.contains("<dt>Change given</dt><dd>$5.00</dd>"))
            #expect(html.contains(#"<dd class="total">$45.00</dd>"#) && html.contains("<dd>Cash</dd>"))
            #expect(html.contains("Taken by casey") && !html.contains("<dt>Reference</dt>"))
            #expect(try await portal.balance() == start - Money(cents: 4_500))
        }
    }

    @Test(arguments: [
        ("check", "Enter the check number.", "1042", "Check"),
        ("card_terminal", "Enter the reference the card terminal printed.", "T-88812", "Card (in office)"),
        ("hsa_fsa", "Enter the reference the card terminal printed.", "H-5511", "HSA/FSA card"),
    ])
    func aCheckNeedsItsNumberAndACardItsTerminalReference(method: String, missing: String, reference: String, shown: String) async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            let start = try await portal.balance()
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let refused = try await take(&desk, portal, method: method, amount: "30.00")
            #expect(refused.status == .unprocessableContent)
            #expect(Browser.errorNotice(refused) == missing)
            #expect(try await portal.transactions(.payment) == 0)

            let paid = try await take(&desk, portal, method: method, amount: "30.00", reference: reference)
            let html = String(buffer: try await desk.get(try #require(paid.headers[.location])).body)
            #expect(html.contains("<dd>\(shown)</dd>") && html.contains("<dt>Reference</dt><dd>\(reference)</dd>"))
            #expect(!html.contains("Cash received") && !html.contains("Change given"), "only cash shows tender and change")
            #expect(try await portal.balance() == start - Money(cents: 3_000))
        }
    }

    @Test func anUnknownMethodOrAmountIsRefused() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            #expect(Browser.errorNotice(try await take(&desk, portal, method: "card_online", amount: "5.00", reference: "x"))
                    == "Choose cash, check, card or HSA/FSA card.")
            #expect(Browser.errorNotice(try await take(&desk, portal, method: "cash", amount: "0.00")) == "Amount: enter more than $0.00.")
            #expect(Browser.errorNotice(try await take(&desk, portal, method: "cash", amount: "lots")).hasPrefix("Amount: "))
            #expect(try await portal.transactions(.payment) == 0)
        }
    }

    @Test func aDepositGoesToCreditAndAChosenVisitIsPaidFirst() async throws {
        try await PortalHarness.run { portal in
            let older = try await portal.visit(charges: [5_000], daysAgo: 60)
            let newer = try await portal.visit(charges: [8_000], daysAgo: 10)
            let owed = try await AccountBalances(database: portal.database).summary(account: portal.account.id).patientDue
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let form = String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)/payment").body)
            #expect(form.contains(#"<option value="\#(newer)">"#) && form.contains(#"<option value="\#(older)">"#))

            let deposit = try await take(&desk, portal, method: "card_terminal", amount: "100.00", reference: "T-1", visit: "deposit")
            let receipt = String(buffer: try await desk.get(try #require(deposit.headers[.location])).body)
            #expect(receipt.contains("$100.00 is kept as a credit"))
            var balances = AccountBalances(database: portal.database)
            #expect(try await balances.summary(account: portal.account.id).credit == Money(cents: 10_000))
            #expect(try await balances.summary(account: portal.account.id).patientDue == owed, "a deposit pays no open line")

            _ = try await take(&desk, portal, method: "cash", amount: "30.00", visit: String(newer))
            var due = Dictionary(try await balances.lines(account: portal.account.id).map { ($0.encounterID, $0.patientDue) }, uniquingKeysWith: +)
            #expect(due[newer] == Money(cents: 5_000) && due[older] == Money(cents: 5_000), "the chosen visit first")
            _ = try await take(&desk, portal, method: "cash", amount: "10.00")
            balances = AccountBalances(database: portal.database)
            due = Dictionary(try await balances.lines(account: portal.account.id).map { ($0.encounterID, $0.patientDue) }, uniquingKeysWith: +)
            #expect(due[older] == Money(cents: 4_000) && due[newer] == Money(cents: 5_000), "otherwise the oldest first")
        }
    }

    @Test func theSameFormSubmittedTwicePostsOnce() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            let start = try await portal.balance()
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let attempt = SecureRandom.token(byteCount: 16)
            let first = try await take(&desk, portal, method: "check", amount: "20.00", reference: "77", attempt: attempt)
            let second = try await take(&desk, portal, method: "check", amount: "20.00", reference: "77", attempt: attempt)
            #expect(first.status == .seeOther && first.headers[.location] == second.headers[.location])
            #expect(try await portal.transactions(.payment) == 1)
            #expect(try await portal.balance() == start - Money(cents: 2_000))
        }
    }

    @Test func aVoidReversesThePaymentOnceAndOnlyDeskMoneyCanBeVoided() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            let start = try await portal.balance()
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let paid = try await take(&desk, portal, method: "cash", amount: "25.00")
            let payment = try #require(Browser.receiptTransaction(paid.headers[.location]))
            let accountPage = String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body)
            #expect(accountPage.contains(#"action="/staff/transactions/\#(payment)/void""#))
            #expect(!accountPage.contains("()") && !accountPage.contains("line </span>"), "no empty reference or line shown")

            let noReason = try await desk.post("/staff/transactions/\(payment)/void", [("reason", "x")], csrf: desk.csrf)
            #expect(noReason.status == .unprocessableContent)
            #expect(String(buffer: noReason.body).contains("A void needs a reason (3 to 200 characters)."))
            #expect(try await portal.transactions(.reversal) == 0)

            let voided = try await desk.post("/staff/transactions/\(payment)/void", [("reason", "wrong account")], csrf: desk.csrf)
            #expect(voided.status == .seeOther && voided.headers[.location] == "/staff/accounts/\(portal.account.id)")
            #expect(try await portal.balance() == start)
            #expect(try await portal.transactions(.reversal) == 1)
            #expect(!String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body).contains("/void"))

            let again = try await desk.post("/staff/transactions/\(payment)/void", [("reason", "wrong account")], csrf: desk.csrf)
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("This was already voided"))
            #expect(try await portal.transactions(.reversal) == 1)

            let charge = try await portal.database.pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM ledger_transactions WHERE kind = 'charge'")
            }
            let notDesk = try await desk.post("/staff/transactions/\(try #require(charge))/void", [("reason", "typo")], csrf: desk.csrf)
            #expect(notDesk.status == .notFound)
            #expect(String(buffer: notDesk.body).contains("Only payments and refunds taken at the desk can be voided here."))
            let online = OnlinePaymentStore(database: portal.database)
            _ = try await online.started(intentID: "pi_desk_test", account: portal.account.id, amount: Money(cents: 1_000), method: .cardOnline)
            let card = try #require(try await online.confirm(intentID: "pi_desk_test", amountReceived: Money(cents: 1_000), on: today(portal)))
            #expect(try await desk.post("/staff/transactions/\(card.id)/void", [("reason", "typo")], csrf: desk.csrf).status == .notFound,
                    "an online payment goes back through the gateway, not by a void")
            #expect(try await portal.transactions(.reversal) == 1)
            #expect(try await LedgerVerifier(database: portal.database).verify().holds)
        }
    }

    @Test func aCreditRefundNeverExceedsTheCredit() async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            _ = try await take(&desk, portal, method: "check", amount: "100.00", reference: "501", visit: "deposit")
            let page = String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body)
            #expect(page.contains("At most $100.00"))

            func refund(_ amount: String, _ method: String = "check") async throws -> TestResponse {
                try await desk.post("/staff/accounts/\(portal.account.id)/refund",
                                    [("attempt", SecureRandom.token(byteCount: 16)), ("amount", amount), ("method", method)], csrf: desk.csrf)
            }
            let tooMuch = try await refund("100.01")
            #expect(tooMuch.status == .unprocessableContent)
            #expect(String(buffer: tooMuch.body).contains("only $100.00 of patient credit is available, $100.01 was requested"))
            #expect(try await refund("10.00", "hsa_fsa").status == .unprocessableContent)
            #expect(try await portal.transactions(.refund) == 0)

            let refunded = try await refund("60.00")
            #expect(refunded.status == .seeOther)
            let receipt = String(buffer: try await desk.get(try #require(refunded.headers[.location])).body)
            #expect(receipt.contains("Refund receipt") && receipt.contains(#"<dd class="total">$60.00</dd>"#))
            #expect(try await AccountBalances(database: portal.database).summary(account: portal.account.id).credit == Money(cents: 4_000))
            #expect(try await refund("40.01").status == .unprocessableContent)
            #expect(try await refund("40.00").status == .seeOther)
            #expect(try await AccountBalances(database: portal.database).summary(account: portal.account.id).credit == .zero)
        }
    }

    @Test func theDayCloseTotalsByMethodAndRefusesLaterPayments() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [30_000])
            var casey = try await portal.staffBrowser("casey", .frontDesk)
            _ = try await take(&casey, portal, method: "cash", amount: "45.00", tendered: "50.00")
            _ = try await take(&casey, portal, method: "cash", amount: "20.00")
            _ = try await take(&casey, portal, method: "check", amount: "30.00", reference: "1043")
            _ = try await take(&casey, portal, method: "card_terminal", amount: "12.50", reference: "T-9")
            _ = try await take(&casey, portal, method: "cash", amount: "15.00", visit: "deposit")
            #expect(try await casey.post("/staff/accounts/\(portal.account.id)/refund",
                                         [("attempt", "r1"), ("amount", "5.00"), ("method", "cash")], csrf: casey.csrf).status == .seeOther)
            var jordan = try await portal.staffBrowser("jordan", .frontDesk, from: "198.51.100.21")
            _ = try await take(&jordan, portal, method: "cash", amount: "99.00")

            let open = String(buffer: try await casey.get("/staff/close").body)
            #expect(open.contains(#"action="/staff/close""#) && !open.contains("Closed at"), "an open day offers to close it")
            #expect(open.contains("<tr><td>Cash</td><td class=\"money\">$80.00</td><td class=\"money\">$5.00</td></tr>"))
            #expect(open.contains("<tr><td>Check</td><td class=\"money\">$30.00</td><td class=\"money\">$0.00</td></tr>"))
            #expect(open.contains("<tr><td>Card (in office)</td><td class=\"money\">$12.50</td><td class=\"money\">$0.00</td></tr>"))
            #expect(open.contains("Cash expected in the drawer (beyond the float): <strong>$75.00</strong>"), "jordan's $99 is in jordan's day")
            #expect(open.components(separatedBy: "<tr><td>R").count - 1 == 6, "six transactions listed")
            #expect(!open.contains("$99.00"))

            let closed = String(buffer: try await casey.post("/staff/close", [], csrf: casey.csrf).body)
            #expect(closed.contains("Closed at") && !closed.contains(#"action="/staff/close""#))

            let late = try await take(&casey, portal, method: "cash", amount: "10.00")
            #expect(late.status == .unprocessableContent)
            #expect(Browser.errorNotice(late) == "casey&#39;s desk day \(today(portal).iso) is closed; correct it with a reversal")
            let lateRefund = try await casey.post("/staff/accounts/\(portal.account.id)/refund",
                                                  [("attempt", "r2"), ("amount", "1.00"), ("method", "cash")], csrf: casey.csrf)
            #expect(lateRefund.status == .unprocessableContent && String(buffer: lateRefund.body).contains("is closed"))
            #expect(try await take(&jordan, portal, method: "cash", amount: "1.00").status == .seeOther, "jordan's day is still open")
            #expect(try await portal.transactions(.payment) == 7)

            // Tomorrow is a new day.
            portal.clock.advance(minutes: 24 * 60)
            var tomorrow = try await portal.signInStaff("casey")
            #expect(try await take(&tomorrow, portal, method: "cash", amount: "10.00").status == .seeOther)
        }
    }

    @Test func theBillingOfficeMayDoWhatTheDeskDoes() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            var admin = try await portal.staffBrowser("jordan", .billingAdmin)
            #expect(try await take(&admin, portal, method: "cash", amount: "10.00").status == .seeOther)
            #expect(try await admin.get("/staff/close").status == .ok)
        }
    }

    @Test func aPatientSessionCannotUseTheDesk() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [9_000])
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let paid = try await take(&desk, portal, method: "cash", amount: "10.00")
            let receipt = try #require(paid.headers[.location])
            let payment = try #require(Browser.receiptTransaction(receipt))

            var ana = try await portal.patientBrowser()
            let id = portal.account.id
            for path in ["/staff/accounts/\(id)/payment", "/staff/close", receipt, "/staff/accounts/\(id)"] {
                #expect(try await ana.get(path).status == .forbidden, "\(path)")
            }
            let posts: [(String, [(String, String)])] = [
                ("/staff/accounts/\(id)/payment", [("attempt", "p"), ("method", "cash"), ("amount", "500.00")]),
                ("/staff/transactions/\(payment)/void", [("reason", "because")]),
                ("/staff/accounts/\(id)/refund", [("attempt", "p"), ("amount", "1.00"), ("method", "cash")]),
                ("/staff/transactions/\(payment)/refund-online", [("attempt", "p"), ("amount", "1.00")]),
                ("/staff/close", []),
            ]
            for (path, form) in posts {
                let response = try await ana.post(path, form, csrf: ana.csrf)
                #expect(response.status == .forbidden, "\(path)")
                #expect(String(buffer: response.body).contains("You do not have access"), "\(path)")
            }
            var nobody = portal.browser(from: "192.0.2.9")
            #expect(try await nobody.get("/staff/close").headers[.location] == "/staff/sign-in")
            #expect(try await portal.transactions(.payment) == 1)
            #expect(try await portal.transactions(.reversal) == 0)
            #expect(try await DayCloseStore(database: portal.database).day(staff: "casey", date: today(portal)).closedAt == nil)
        }
    }
}
