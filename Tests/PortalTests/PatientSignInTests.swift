import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct PatientSignInTests {
    @Test func theLandingPageHasOneHeadingLabelledFieldsAndSetsTheCSRFCookie() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let response = try await browser.get("/")
            let html = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(html.components(separatedBy: "<h1").count == 2)
            for field in ["code", "lastName", "dateOfBirth"] {
                #expect(html.contains(#"<label for="\#(field)">"#) && html.contains(#"id="\#(field)""#), "\(field) is labelled")
            }
            #expect(html.contains("MM/DD/YYYY"))
            #expect(html.contains(#"method="post" action="/sign-in""#))
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("cb_csrf=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!browser.csrf.isEmpty && cookie.hasPrefix("cb_csrf=\(browser.csrf);"))
        }
    }

    @Test func theStatementCodeWithNameAndBirthDateOpensTheAccount() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let response = try await browser.signIn(code: "k7m2 q9xd", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/account")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("cb_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "the harness serves plain HTTP")
            let probe = try await browser.get("/probe/patient")
            #expect(String(buffer: probe.body).hasPrefix("account \(portal.account.id) "))
            let landing = try await browser.get("/")
            #expect(landing.status == .seeOther && landing.headers[.location] == "/account")
        }
    }

    @Test func theAccountNumberWorksTooWithAnyCaseOrAccentsInTheName() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let response = try await browser.signIn(code: portal.account.accountNumber, lastName: " pena ruiz ", dateOfBirth: "3/9/1975")
            #expect(response.status == .seeOther && response.headers[.location] == "/account")
            #expect(String(buffer: try await browser.get("/probe/patient").body).hasPrefix("account \(portal.account.id) "))
        }
    }

    @Test func everyWrongAnswerGetsTheSameGenericAnswer() async throws {
        try await PortalHarness.run { portal in
            let tries = [
                ("K7M2-Q9XE", "Peña Ruiz", "03/09/1975"),  // another code
                ("K7M2-Q9XD", "Pena", "03/09/1975"),  // wrong last name
                ("K7M2-Q9XD", "Peña Ruiz", "03/10/1975"),  // wrong date of birth
                (AccountNumber.make(serial: 500), "Peña Ruiz", "03/09/1975"),  // no such account
            ]
            var answers: Set<String> = []
            for (index, attempt) in tries.enumerated() {
                var browser = portal.browser(from: "198.51.100.\(index)")
                let response = try await browser.signIn(code: attempt.0, lastName: attempt.1, dateOfBirth: attempt.2)
                #expect(response.status == .ok)
                #expect(browser.cookies["cb_session"] == nil)
                answers.insert(Browser.alert(response))
            }
            #expect(answers.count == 1)
            #expect(answers.first?.contains("could not find a statement that matches") == true)
        }
    }

    @Test func aBadDateFormatIsExplainedAndNotCountedAsATry() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            for _ in 0..<6 {
                let response = try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "1975-13-09")
                #expect(response.status == .ok)
                #expect(Browser.alert(response).contains("MM/DD/YYYY"))
                #expect(!Browser.alert(response).contains("could not find"))
            }
            let response = try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03091975")
            #expect(response.status == .seeOther, "six format errors must not lock anyone out")
        }
    }

    @Test func fiveFailuresLockTheAccountWhateverTheClientAndTheLockIsExplained() async throws {
        try await PortalHarness.run { portal in
            var last: TestResponse?
            for index in 0..<5 {
                var browser = portal.browser(from: "198.51.100.\(index)")
                last = try await browser.signIn(code: portal.account.accountNumber, lastName: "Smith", dateOfBirth: "01/01/1980")
                if index < 4 { #expect(last?.status == .ok) }
            }
            let locked = try #require(last)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "900")
            #expect(String(buffer: locked.body).contains("Sign-in is paused"))
            #expect(String(buffer: locked.body).contains("15 minutes"))

            var rightful = portal.browser(from: "192.0.2.200")
            let refused = try await rightful.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(refused.status == .tooManyRequests, "the account is locked, whichever identifier and client")
            #expect(rightful.cookies["cb_session"] == nil)

            portal.clock.advance(minutes: 15)
            let after = try await rightful.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(after.status == .seeOther)
        }
    }

    @Test func fiveFailuresFromOneClientLockThatClientOnly() async throws {
        try await PortalHarness.run { portal in
            var guesser = portal.browser(from: "198.51.100.77")
            for code in ["AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD"] {
                #expect(try await guesser.signIn(code: code, lastName: "Smith", dateOfBirth: "01/01/1980").status == .ok)
            }
            #expect(try await guesser.signIn(code: "EEEE-EEEE", lastName: "Smith", dateOfBirth: "01/01/1980").status == .tooManyRequests)
            let right = try await guesser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(right.status == .tooManyRequests, "the client is locked even with the right answers")
            var other = portal.browser(from: "198.51.100.78")
            #expect(try await other.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975").status == .seeOther)
        }
    }

    @Test func signInsAreAuditedWithIdsAndAddressesButNoNameOrBirthDate() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser(from: "203.0.113.9")
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Ruiz", dateOfBirth: "03/09/1975")
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            try await browser.get("/probe/patient")
            try await browser.post("/sign-out", [], csrf: browser.csrf)
            let events = try await portal.audit()
            #expect(events.map(\.action) == ["patient.sign-out", "patient.sign-in", "patient.sign-in.failed"])
            #expect(events.allSatisfy { $0.accountID == portal.account.id && $0.client == "203.0.113.9" })
            #expect(events[1].actor == "patient:\(portal.account.id)" && events[1].detail == "statement code")
            let everything = events.map { "\($0.actor) \($0.subject) \($0.detail)" }.joined()
            #expect(!everything.contains("Ruiz") && !everything.contains("1975") && !everything.contains("K7M2"))
        }
    }
}
