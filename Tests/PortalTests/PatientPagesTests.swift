import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

/// The signed-in patient's pages and the staff pages, over a real ledger with real statements.
@Suite struct PatientPagesTests {
    /// Bob, with a visit, an insurance decision and a statement; and Ana's account (the harness's) for the 404 checks.
    struct Ledgered {
        let bob: Account
        let statement: StatementRecord
        let otherStatement: StatementRecord
    }

    static func ledger(_ harness: PortalHarness) async throws -> Ledgered {
        let directory = PracticeDirectory(database: harness.database)
        let provider = try await directory.addProvider(name: "Elena Marquez", credentials: "MD", npi: NPI.make("154321098"))
        let location = try await directory.addLocation(name: "Main office", address: harness.account.address, phone: "", placeOfService: "11")
        let ledger = Ledger(database: harness.database)
        let desk = Actor("desk", via: .desk)
        let today = CalendarDate(harness.clock.now, in: .current)
        var statements: [StatementRecord] = []
        var bob: Account?
        for (index, name) in ["Bob", "Cleo"].enumerated() {
            let (account, patient) = try await directory.openAccount(NewAccount(
                firstName: name, lastName: "Tester", dateOfBirth: CalendarDate(year: 1960, month: 2, day: 3 + index)!, address: harness.account.address))
            let (_, charge) = try await ledger.recordCharges(NewEncounter(
                accountID: account.id, patientID: patient.id, providerID: provider.id, locationID: location.id,
                dateOfService: today.adding(days: -30), placeOfService: "11", claimNumber: "CLM-\(name)",
                lines: [NewServiceLine(code: "11102", diagnosisCodes: ["D48.5"], charge: Money(cents: 18_500)),
                        NewServiceLine(code: "J0585", units: 20, charge: Money(cents: 28_000), selfPay: true)]),
                key: "charge-\(name)", by: desk)
            let line = try #require(charge.postings.first { $0.book == .insuranceDue }?.serviceLineID)
            _ = try await ledger.recordAdjudication([LineAdjudication(serviceLineID: line, paid: Money(cents: 8_000), adjustments: [
                LineAdjustment(group: .contractual, reasonCode: "45", amount: Money(cents: 6_500)),
                LineAdjustment(group: .patientResponsibility, reasonCode: "2", amount: Money(cents: 4_000))])],
                paidBy: .insuranceEFT, reference: "CLM-\(name)", on: today.adding(days: -10), key: "adj-\(name)", by: desk, memo: "Aetna")
            _ = try await ledger.recordPayment(PatientPayment(accountID: account.id, amount: Money(cents: 5_000), method: .cardTerminal,
                                                              reference: "T-1", receivedOn: today.adding(days: -5)), key: "pay-\(name)", by: desk)
            statements.append(try #require(try await StatementStore(database: harness.database).generate(account: account.id, cycleDate: today)))
            if index == 0 { bob = account }
        }
        try await FAQStore(database: harness.database).seedIfEmpty()
        return Ledgered(bob: try #require(bob), statement: statements[0], otherStatement: statements[1])
    }

    func signedInBob(_ harness: PortalHarness) async throws -> (Browser, Ledgered) {
        let data = try await Self.ledger(harness)
        var browser = harness.browser()
        let response = try await browser.signIn(code: data.bob.accountNumber, lastName: "tester", dateOfBirth: "02/03/1960")
        #expect(response.status == .seeOther)
        return (browser, data)
    }

    @Test func theSummaryShowsWhatIsOwedAndWhen() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let page = try await browser.get("/account")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            // 40.00 coinsurance + 280.00 Botox − 50.00 paid.
            #expect(html.contains("$270.00"))
            #expect(html.contains("Hello, Bob"))
            #expect(html.contains("/account/statements/\(data.statement.number)"))
            #expect(html.contains(data.statement.dueDate.written()))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }

    @Test func theStatementIsItemizedInPlainWords() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let page = try await browser.get("/account/statements/\(data.statement.number)")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains(PlainLanguageCodes.describe(code: "11102")))
            #expect(html.contains(PlainLanguageCodes.describe(code: "J0585")))
            #expect(html.contains("Coinsurance $40.00"))
            #expect(html.contains("Insurance payment — Aetna"))
            #expect(html.components(separatedBy: "<h1").count == 2, "one h1")
            let events = try await harness.audit()
            #expect(events.contains { $0.action == "view.statement" && $0.accountID == data.bob.id && $0.client == "203.0.113.5" })
        }
    }

    @Test func anotherAccountsStatementIsNotFoundNot403() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            #expect(try await browser.get("/account/statements/\(data.otherStatement.number)").status == .notFound)
            #expect(try await browser.get("/account/statements/12345678901").status == .notFound)
            #expect(try await browser.get("/account/statements/not-a-number").status == .notFound)
        }
    }

    @Test func statementsDownloadAsPDFOnlyForTheirOwner() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let pdf = try await browser.get("/account/statements/\(data.statement.number)/pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))
            let again = try await browser.get("/account/statements/\(data.statement.number)/pdf")
            #expect(again.body == pdf.body, "the same stored statement prints the same bytes")
            #expect(try await browser.get("/account/statements/\(data.otherStatement.number)/pdf").status == .notFound)
            #expect(try await harness.audit().contains { $0.action == "download.statement" && $0.accountID == data.bob.id })
        }
    }

    @Test func receiptsDownloadAsPDFOnlyForTheirOwner() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let history = AccountHistory(database: harness.database)
            let bobs = try #require(try await history.entries(account: data.bob.id, kinds: [.payment]).first)
            let cleos = try #require(try await history.entries(account: data.otherStatement.accountID, kinds: [.payment]).first)
            let pdf = try await browser.get("/account/receipts/\(ReceiptNumber.make(transactionID: bobs.transactionID))/pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))
            #expect(try await browser.get("/account/receipts/\(ReceiptNumber.make(transactionID: cleos.transactionID))/pdf").status == .notFound)
            #expect(try await browser.get("/account/receipts/R123/pdf").status == .notFound)
        }
    }

    @Test func thePayPageUsesTheLatestStatement() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let later = try #require(try await StatementStore(database: harness.database).generate(
                account: data.bob.id, cycleDate: data.statement.cycleDate.adding(days: 30)))
            let pay = String(buffer: try await browser.get("/account/pay").body)
            #expect(pay.contains(later.dueDate.written()))
            #expect(!pay.contains(data.statement.dueDate.written()))
        }
    }

    @Test func listsHistoryAndTheFAQ() async throws {
        try await PortalHarness.run { harness in
            var (browser, data) = try await signedInBob(harness)
            let list = String(buffer: try await browser.get("/account/statements").body)
            #expect(list.contains(data.statement.number) && !list.contains(data.otherStatement.number))
            let payments = String(buffer: try await browser.get("/account/payments").body)
            #expect(payments.contains("$50.00") && payments.contains("Card (in office)"))
            let faq = try await browser.get("/faq")
            #expect(faq.status == .ok)
            #expect(String(buffer: faq.body).components(separatedBy: "<h2 id=\"q").count == 21)
            let pay = String(buffer: try await browser.get("/account/pay").body)
            #expect(pay.contains("Online payment is not available right now"))
        }
    }

    @Test func signedOutVisitorsGoToSignIn() async throws {
        try await PortalHarness.run { harness in
            var browser = harness.browser()
            for path in ["/account", "/account/statements", "/account/statements/26060000011", "/account/payments"] {
                let response = try await browser.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/")
            }
        }
    }
}
