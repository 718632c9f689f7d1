import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

/// Prices, quotes, Good Faith Estimates and billing through the routes: the public price page and catalog API, the
/// desk's builder, the patient's own estimates, and every refusal (roles, CSRF, another account, bad input).
@Suite struct EstimateRouteTests {
    /// The builder's fields for Ana's account: Botox by area and one lip filler unless told otherwise.
    func quoteForm(_ portal: PortalHarness, action: String = "save", items: [(String, String)] = [("botox:glabellar", ""), ("juvederm-ultra-xc:lips", "")],
                           extra: [(String, String)] = []) -> [(String, String)] {
        [("action", action), ("account", String(portal.account.id)), ("patient", String(portal.patient.id)), ("provider", "1"), ("location", "1"),
         ("selfPay", "on"), ("serviceDate", CalendarDate(portal.clock.now, in: .current).adding(days: 21).iso), ("validUntil", ""),
         ("primaryService", ""), ("diagnosisCodes", ""), ("separatelyScheduled", ""),
         ("discountAmount", ""), ("discountPercent", ""), ("discountReason", "")]
            .filter { field in !extra.contains { $0.0 == field.0 } } + extra
            + items.flatMap { [("item[]", $0.0), ("quantity[]", $0.1)] }
    }

    private func estimates(_ portal: PortalHarness) async throws -> Int {
        try await portal.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM estimates") ?? 0 }
    }

    func setTaxID(_ portal: PortalHarness) async throws {
        let directory = PracticeDirectory(database: portal.database)
        var practice = try #require(try await directory.practice())
        practice.taxID = "56-1234567"
        try await directory.setPractice(practice)
    }

    /// Saves Ana's Botox + filler estimate at the desk and returns its id.
    func saveEstimate(_ desk: inout Browser, _ portal: PortalHarness, items: [(String, String)]? = nil) async throws -> Int64 {
        try await desk.get("/staff/estimates/new?account=\(portal.account.id)")
        let saved = try await desk.post("/staff/estimates/new", items.map { quoteForm(portal, items: $0) } ?? quoteForm(portal), csrf: desk.csrf)
        try #require(saved.status == .seeOther, "saved: \(Browser.errorNotice(saved))")
        let location = try #require(saved.headers[.location])
        return try #require(Int64(location.split(separator: "/").last ?? ""))
    }

    @Test func thePublicPricePageNeedsNoSignInAndEstimates() async throws {
        try await PortalHarness.run { portal in
            var visitor = portal.browser()
            let page = String(buffer: try await visitor.get("/prices").body)
            #expect(page.contains("Botox for frown lines (between the brows): about 20 units, $280.00"))
            #expect(page.contains("Dysport for frown lines (between the brows): about 50 units, $225.00"))
            #expect(page.contains("$725.00 per syringe") && page.contains("Good Faith Estimate"))
            let estimate = String(buffer: try await visitor.get("/prices?item=dysport&quantity=52").body)
            #expect(estimate.contains("Dysport (abobotulinumtoxinA): about 52 units, $247.50"))
            let bad = try await visitor.get("/prices?item=botox&quantity=lots")
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("Quantity: &#39;lots&#39; is not a whole number") || String(buffer: bad.body).contains("is not a whole number"))
            let unknown = try await visitor.get("/prices?item=gold")
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("is not in the price list"))
        }
    }

    @Test func theCatalogAPIIsPublicAndCacheable() async throws {
        try await PortalHarness.run { portal in
            let response = try await portal.client.execute(uri: "/api/v1/catalog", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "public, max-age=300")
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            let items = try #require(body?["items"] as? [[String: Any]])
            let botox = try #require(items.first { $0["id"] as? String == "botox" })
            #expect(botox["code"] as? String == "J0585" && botox["unitPriceCents"] as? Int == 1_400)
            #expect((botox["areas"] as? [[String: Any]])?.first?["typicalPriceCents"] as? Int == 28_000)
        }
    }

    @Test func theQuoteAPITakesAnAPIKeyOrAStaffSessionAndNamesBadFields() async throws {
        try await PortalHarness.run { portal in
            let body = #"{"items":[{"item":"botox","area":"glabellar"},{"item":"dysport","quantity":52}],"discount":{"amountCents":2500,"reason":"Returning"}}"#
            func post(_ body: String, headers: HTTPFields) async throws -> TestResponse {
                var all = headers
                all[.contentType] = "application/json"
                return try await portal.client.execute(uri: "/api/v1/quotes", method: .post, headers: all, body: ByteBuffer(string: body))
            }
            #expect(try await post(body, headers: [:]).status == .unauthorized)
            let key = try await APIKeyStore(database: portal.database).create(name: "scheduler").key
            let priced = try await post(body, headers: [.authorization: "Bearer \(key)"])
            #expect(priced.status == .ok)
            let quote = try #require(try JSONSerialization.jsonObject(with: Data(buffer: priced.body)) as? [String: Any])
            #expect(quote["subtotalCents"] as? Int == 28_000 + 24_750 && quote["totalCents"] as? Int == 28_000 + 24_750 - 2_500)
            let bad = try await post(#"{"items":[{"item":"botox","quantity":0},{"item":"gold"}]}"#, headers: [.authorization: "Bearer \(key)"])
            #expect(bad.status == .unprocessableContent && bad.headers[.contentType] == "application/problem+json")
            let problem = String(buffer: bad.body)
            #expect(problem.contains(#""field":"items[0].quantity""#) && problem.contains(#""field":"items[1].item""#))
            let unreadable = try await post(#"{"items":"botox"}"#, headers: [.authorization: "Bearer \(key)"])
            #expect(unreadable.status == .badRequest && String(buffer: unreadable.body).contains(#""field":"items""#))

            var desk = try await portal.staffBrowser("casey", .frontDesk)
            try await desk.get("/staff")
            let cookie = desk.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            #expect(try await post(body, headers: [.cookie: cookie, .xForwardedFor: desk.address]).status == .ok)
            let patient = try await portal.patientBrowser()
            let patientCookie = patient.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            #expect(try await post(body, headers: [.cookie: patientCookie, .xForwardedFor: patient.address]).status == .unauthorized)
        }
    }

    @Test func theDeskQuotesSavesAndIssuesAGFEAndThePatientSeesIt() async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let builder = try await desk.get("/staff/estimates/new?account=\(portal.account.id)")
            #expect(builder.status == .ok && String(buffer: builder.body).contains("Account of Ana Peña Ruiz"))
            let priced = try await desk.post("/staff/estimates/new", quoteForm(portal, action: "price", extra: [
                ("discountAmount", "50.00"), ("discountReason", "New patient")]), csrf: desk.csrf)
            let pricedPage = String(buffer: priced.body)
            #expect(priced.status == .ok && pricedPage.contains("$1,005.00") && pricedPage.contains("$955.00") && pricedPage.contains("New patient"))
            #expect(try await estimates(portal) == 0, "pricing saves nothing")

            let id = try await saveEstimate(&desk, portal)
            let page = String(buffer: try await desk.get("/staff/estimates/\(id)").body)
            #expect(page.contains("$1,005.00") && page.contains("Due by "))

            // The harness practice has no TIN: the GFE cannot be issued, and says what is missing.
            let refused = try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(Browser.errorNotice(refused).contains("tax identification number (TIN)"))
            try await setTaxID(portal)
            let issued = try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf)
            #expect(issued.status == .seeOther && issued.headers[.location] == "/staff/estimates/\(id)/gfe")
            let gfe = String(buffer: try await desk.get("/staff/estimates/\(id)/gfe").body)
            for element in ["Ana Peña Ruiz", "03/09/1975", "J0585", "FILLER-HA", "$1,005.00", "56-1234567", NPI.make("123456789"),
                            "Rosa Lin, MD", NPI.make("222222222"), "state: NC", "not a contract", "$400.00 more", "Date issued"] {
                #expect(gfe.contains(element), "the GFE page shows \(element)")
            }
            let pdf = try await desk.get("/staff/estimates/\(id)/gfe/pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(String(buffer: try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf).body).contains("was already issued"))

            var patient = try await portal.patientBrowser()
            let list = String(buffer: try await patient.get("/account/estimates").body)
            #expect(list.contains("/account/estimates/\(id)") && list.contains("GFE-"))
            #expect(String(buffer: try await patient.get("/account/estimates/\(id)").body).contains("$1,005.00"))
            #expect(String(buffer: try await patient.get("/account/estimates/\(id)/gfe").body).contains("not a contract"))
            #expect(try await patient.get("/account/estimates/\(id)/gfe/pdf").headers[.contentType] == "application/pdf")
            let actions = try await portal.audit().map(\.action)
            for action in ["estimate.save", "gfe.issue", "staff.view.gfe", "download.gfe", "view.estimates", "view.estimate", "view.gfe"] {
                #expect(actions.contains(action), "\(action) is audited")
            }
        }
    }

    @Test func anotherAccountsEstimateIsNotFound() async throws {
        try await PortalHarness.run { portal in
            let (other, otherPatient) = try await PracticeDirectory(database: portal.database).openAccount(NewAccount(
                firstName: "Lee", lastName: "Other", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!,
                address: MailingAddress(line1: "1 Oak St", city: "Asheville", state: "NC", zip: "28801")))
            try await setTaxID(portal)
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            try await desk.get("/staff/estimates/new?account=\(other.id)")
            let saved = try await desk.post("/staff/estimates/new", quoteForm(portal, extra: [("account", String(other.id)), ("patient", String(otherPatient.id))]),
                                            csrf: desk.csrf)
            let id = try #require(saved.headers[.location]?.split(separator: "/").last.map(String.init))
            #expect(try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf).status == .seeOther)
            var ana = try await portal.patientBrowser()
            for path in ["/account/estimates/\(id)", "/account/estimates/\(id)/gfe", "/account/estimates/\(id)/gfe/pdf", "/account/estimates/999"] {
                #expect(try await ana.get(path).status == .notFound, "\(path) is another account's")
            }
            #expect(!String(buffer: try await ana.get("/account/estimates").body).contains("/account/estimates/\(id)"))
        }
    }

    @Test func patientsAndTheFrontDeskAreKeptOutOfWhatIsNotTheirs() async throws {
        try await PortalHarness.run { portal in
            var patient = try await portal.patientBrowser()
            for path in ["/staff/estimates", "/staff/estimates/new", "/staff/estimates/1", "/staff/estimates/1/gfe/pdf", "/staff/catalog"] {
                #expect(try await patient.get(path).status == .forbidden, "a patient gets 403 on \(path)")
            }
            #expect(try await patient.post("/staff/estimates/new", quoteForm(portal), csrf: patient.csrf).status == .forbidden)
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            #expect(try await desk.get("/staff/catalog").status == .forbidden, "the front desk does not edit prices")
            #expect(try await desk.post("/staff/catalog/botox/prices", [("price", "1.00"), ("effectiveFrom", "2030-01-01")], csrf: desk.csrf).status == .forbidden)
            var nobody = portal.browser()
            #expect(try await nobody.get("/staff/estimates").status == .seeOther)
            #expect(try await nobody.get("/account/estimates").status == .seeOther)
            #expect(try await estimates(portal) == 0)
        }
    }

    @Test func everyFormNeedsItsCSRFToken() async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let id = try await saveEstimate(&desk, portal)
            #expect(try await desk.post("/staff/estimates/new", quoteForm(portal)).status == .forbidden)
            #expect(try await desk.post("/staff/estimates/\(id)/gfe", []).status == .forbidden)
            #expect(try await desk.post("/staff/estimates/\(id)/bill", [("quantity[]", "20"), ("quantity[]", "1")]).status == .forbidden)
            var office = try await portal.staffBrowser("billing", .billingAdmin)
            #expect(try await office.post("/staff/catalog/botox/prices", [("price", "1.00"), ("effectiveFrom", "2030-01-01")]).status == .forbidden)
            #expect(try await estimates(portal) == 1)
            #expect(try await portal.transactions(.charge) == 0)
            #expect(try await EstimateStore(database: portal.database).goodFaithEstimate(estimate: id) == nil)
        }
    }

    @Test(arguments: [
        ([("item[]", ""), ("quantity[]", "")], [(String, String)](), "Items: add at least one item"),
        ([("item[]", "botox"), ("quantity[]", "abc")], [], "Item 1 quantity: &#39;abc&#39; is not a whole number above zero"),
        ([("item[]", "botox"), ("quantity[]", "5000")], [], "Item 1 quantity: must be between 1 and 999"),
        ([("item[]", "gold"), ("quantity[]", "")], [], "Item 1: &#39;gold&#39; is not in the price list"),
        ([("item[]", "botox:chin"), ("quantity[]", "")], [], "Item 1 area: "),
        ([("item[]", "botox"), ("quantity[]", "10")], [("discountAmount", "20.00")], "Discount reason: give the reason"),
        ([("item[]", "botox"), ("quantity[]", "10")], [("discountAmount", "-5")], "Discount amount: "),
        ([("item[]", "botox"), ("quantity[]", "10")], [("serviceDate", "next week")], "Service date: &#39;next week&#39; is not a date"),
        ([("item[]", "botox"), ("quantity[]", "10")], [("diagnosisCodes", "X")], "Diagnosis codes: "),
        ([("item[]", "botox"), ("quantity[]", "10")], [("patient", "9999")], "Patient: choose a patient on this account"),
    ])
    func badBuilderInputIsRefusedNamingTheFieldAndNothingIsSaved(rows: [(String, String)], extra: [(String, String)], message: String) async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            try await desk.get("/staff/estimates/new?account=\(portal.account.id)")
            let form = quoteForm(portal, items: [], extra: extra) + rows
            let refused = try await desk.post("/staff/estimates/new", form, csrf: desk.csrf)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains(message), "\(message) in \(Browser.alert(refused))")
            #expect(try await estimates(portal) == 0)
        }
    }

    @Test func aProspectivePatientNeedsANameAndADateOfBirth() async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            try await desk.get("/staff/estimates/new")
            let base = quoteForm(portal).filter { !["account", "patient"].contains($0.0) }
            let refused = try await desk.post("/staff/estimates/new", base + [("firstName", "Nora"), ("lastName", ""), ("dateOfBirth", "")], csrf: desk.csrf)
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("Date of birth: enter the patient"))
            let noName = try await desk.post("/staff/estimates/new", base + [("firstName", "Nora"), ("lastName", ""), ("dateOfBirth", "05/05/1990")], csrf: desk.csrf)
            #expect(noName.status == .unprocessableContent && String(buffer: noName.body).contains("Last name: enter the patient"))
            #expect(try await estimates(portal) == 0)
            let saved = try await desk.post("/staff/estimates/new", base + [("firstName", "Nora"), ("lastName", "Quinn"), ("dateOfBirth", "05/05/1990")],
                                            csrf: desk.csrf)
            #expect(saved.status == .seeOther)
            let id = try #require(saved.headers[.location]?.split(separator: "/").last.map(String.init))
            // Billing needs the account she was registered under, with her name and date of birth on it.
            let wrong = try await desk.post("/staff/estimates/\(id)/bill", [("quantity[]", "20"), ("quantity[]", "1"), ("accountNumber", portal.account.accountNumber)],
                                            csrf: desk.csrf)
            #expect(wrong.status == .unprocessableContent && Browser.errorNotice(wrong).contains("is not a patient on that account"))
            #expect(try await portal.transactions(.charge) == 0)
        }
    }

    @Test func billingAnEstimatePostsOnceAndWarnsAt400Over() async throws {
        try await PortalHarness.run { portal in
            try await setTaxID(portal)
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let id = try await saveEstimate(&desk, portal)
            #expect(try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf).status == .seeOther)
            let bad = try await desk.post("/staff/estimates/\(id)/bill", [("quantity[]", "x"), ("quantity[]", "1")], csrf: desk.csrf)
            #expect(bad.status == .unprocessableContent && Browser.errorNotice(bad).hasPrefix("Item 1 done:"))
            #expect(try await portal.transactions(.charge) == 0)
            // 50 units of Botox instead of 20: $420.00 over the GFE.
            let billed = try await desk.post("/staff/estimates/\(id)/bill", [("quantity[]", "50"), ("quantity[]", "1")], csrf: desk.csrf)
            let page = String(buffer: billed.body)
            #expect(billed.status == .ok && page.contains("Warning: billed $1,425.00, $420.00 over the Good Faith Estimate ($1,005.00)"))
            #expect(try await portal.balance() == Money(cents: 142_500))
            let again = try await desk.post("/staff/estimates/\(id)/bill", [("quantity[]", "50"), ("quantity[]", "1")], csrf: desk.csrf)
            #expect(again.status == .conflict && Browser.errorNotice(again).contains("already billed"))
            #expect(try await portal.transactions(.charge) == 1)
            let actions = try await portal.audit().map(\.action)
            #expect(actions.contains("estimate.bill") && actions.contains("dispute.flag"))
            let account = String(buffer: try await desk.get("/staff/accounts/\(portal.account.id)").body)
            #expect(account.contains("Billed over a Good Faith Estimate") && account.contains("right to dispute"), "the account is flagged")
            #expect(account.contains("/staff/estimates/\(id)"))
        }
    }

    @Test func theDeskSeesWhichGFEsAreDueAndOverdue() async throws {
        try await PortalHarness.run { portal in
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let id = try await saveEstimate(&desk, portal)
            let list = String(buffer: try await desk.get("/staff/estimates").body)
            #expect(list.contains("/staff/estimates/\(id)") && list.contains("Due by "))
            portal.clock.advance(minutes: 60 * 24 * 7)
            var later = try await portal.signInStaff("casey")
            #expect(String(buffer: try await later.get("/staff/estimates").body).contains("Overdue since "))
        }
    }

    @Test func theBillingOfficeAddsAPriceFromADateAndItIsAudited() async throws {
        try await PortalHarness.run { portal in
            var office = try await portal.staffBrowser("billing", .billingAdmin)
            #expect(String(buffer: try await office.get("/staff/catalog").body).contains("$14.00 per unit"))
            let later = CalendarDate(portal.clock.now, in: .current).adding(days: 30)
            let saved = try await office.post("/staff/catalog/botox/prices", [("price", "15.00"), ("effectiveFrom", later.iso)], csrf: office.csrf)
            #expect(saved.status == .ok && String(buffer: saved.body).contains("Saved: $15.00 from"))
            #expect(String(buffer: saved.body).contains("Scheduled: $15.00 from"))
            let badPrice = try await office.post("/staff/catalog/botox/prices", [("price", "lots"), ("effectiveFrom", later.iso)], csrf: office.csrf)
            #expect(badPrice.status == .unprocessableContent && Browser.errorNotice(badPrice).hasPrefix("Price: "))
            let past = try await office.post("/staff/catalog/botox/prices", [("price", "9.00"), ("effectiveFrom", "2020-01-01")], csrf: office.csrf)
            #expect(past.status == .unprocessableContent && Browser.errorNotice(past).contains("takes effect today or later"))
            #expect(try await office.post("/staff/catalog/gold/prices", [("price", "9.00"), ("effectiveFrom", later.iso)], csrf: office.csrf).status == .notFound)
            #expect(try await portal.audit().filter { $0.action == "catalog.price" }.count == 1)
        }
    }
}
