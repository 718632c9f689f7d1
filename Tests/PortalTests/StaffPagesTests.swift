import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct StaffPagesTests {
    func signIn(_ harness: PortalHarness, _ username: String, _ role: StaffRole) async throws -> Browser {
        try await harness.staff(username, role)
        var browser = harness.browser(from: "198.51.100.\(username.count)")
        try await browser.get("/staff/sign-in")
        let response = try await browser.post("/staff/sign-in", [("username", username), ("password", "a long staff password")], csrf: browser.csrf)
        #expect(response.status == .seeOther)
        try await browser.get("/staff")
        return browser
    }

    @Test func theDeskFindsAPatientAndSeesTheLedgerBehindTheBalance() async throws {
        try await PortalHarness.run { harness in
            let data = try await PatientPagesTests.ledger(harness)
            var desk = try await signIn(harness, "maria", .frontDesk)
            let results = String(buffer: try await desk.post("/staff/search", [("q", "Tester, Bo")], csrf: desk.csrf).body)
            #expect(results.contains("/staff/accounts/\(data.bob.id)") && !results.contains("Cleo"))
            #expect(String(buffer: try await desk.post("/staff/search", [("q", data.bob.accountNumber)], csrf: desk.csrf).body)
                .contains("Tester, Bob"))
            #expect(String(buffer: try await desk.post("/staff/search", [("q", "02/03/1960")], csrf: desk.csrf).body).contains("Tester, Bob"))
            let account = try await desk.get("/staff/accounts/\(data.bob.id)")
            let html = String(buffer: account.body)
            #expect(account.status == .ok)
            #expect(html.contains("patient_due") && html.contains("insurance_due") && html.contains("$270.00"))
            #expect(try await desk.get("/staff/accounts/999999").status == .notFound)
            #expect(try await desk.get("/staff/accounts/\(data.bob.id)/statements/\(data.statement.number)").status == .ok)
            // The statement of another account through this account's URL is not there.
            #expect(try await desk.get("/staff/accounts/\(data.bob.id)/statements/\(data.otherStatement.number)").status == .notFound)
            #expect(try await harness.audit().contains { $0.action == "staff.view.account" && $0.accountID == data.bob.id })
        }
    }

    @Test func onlyTheBillingOfficeEditsTheFAQAndReadsTheAuditLog() async throws {
        try await PortalHarness.run { harness in
            try await FAQStore(database: harness.database).seedIfEmpty()
            var desk = try await signIn(harness, "maria", .frontDesk)
            #expect(try await desk.get("/staff/faq").status == .forbidden)
            #expect(try await desk.get("/staff/audit").status == .forbidden)
            var office = try await signIn(harness, "billing", .billingAdmin)
            #expect(try await office.get("/staff/faq").status == .ok)
            let first = try #require(try await FAQStore(database: harness.database).all().first)
            let saved = try await office.post("/staff/faq/\(first.id)", [("question", "Why did I get a bill?"), ("answer", "Because.")], csrf: office.csrf)
            #expect(saved.status == .ok)
            #expect(try await FAQStore(database: harness.database).all().first?.question == "Why did I get a bill?")
            let empty = try await office.post("/staff/faq/\(first.id)", [("question", ""), ("answer", "x")], csrf: office.csrf)
            #expect(empty.status == .unprocessableContent)
            let forged = try await office.post("/staff/faq/\(first.id)", [("question", "Hacked"), ("answer", "x")], csrf: "wrong")
            #expect(forged.status == .forbidden)
            #expect(try await FAQStore(database: harness.database).all().first?.question == "Why did I get a bill?")
            let audit = try await office.get("/staff/audit")
            #expect(audit.status == .ok && String(buffer: audit.body).contains("faq.edit"))
        }
    }

    @Test func patientsCannotOpenStaffPages() async throws {
        try await PortalHarness.run { harness in
            let data = try await PatientPagesTests.ledger(harness)
            var patient = harness.browser()
            try await patient.signIn(code: data.bob.accountNumber, lastName: "Tester", dateOfBirth: "02/03/1960")
            for path in ["/staff", "/staff/accounts/\(data.bob.id)", "/staff/faq", "/staff/audit"] {
                #expect(try await patient.get(path).status == .forbidden, "\(path)")
            }
        }
    }
}
