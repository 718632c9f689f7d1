import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct SessionRoutesTests {
    @Test func withoutASessionPatientPagesSendYouToSignIn() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let response = try await browser.get("/probe/patient")
            #expect(response.status == .seeOther && response.headers[.location] == "/")
        }
    }

    @Test func signOutEndsTheSessionAndTheOldCookieNoLongerWorks() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            let stolen = try #require(browser.cookies["cb_session"])
            try await browser.get("/probe/patient")  // the session's CSRF token, as a page would carry it
            let out = try await browser.post("/sign-out", [], csrf: browser.csrf)
            #expect(out.status == .seeOther && out.headers[.location] == "/?signed-out=1")
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("cb_session=;") && $0.contains("Max-Age=0") })
            #expect(browser.cookies["cb_session"] == nil)
            #expect(String(buffer: try await browser.get("/?signed-out=1").body).contains("You are signed out"))

            browser.cookies["cb_session"] = stolen
            let replay = try await browser.get("/probe/patient")
            #expect(replay.status == .seeOther && replay.headers[.location] == "/")
        }
    }

    @Test func aSessionEndsAfterFifteenIdleMinutesAndSaysSo() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            portal.clock.advance(minutes: 14)
            #expect(try await browser.get("/probe/patient").status == .ok)
            portal.clock.advance(minutes: 14)
            #expect(try await browser.get("/probe/patient").status == .ok, "each request restarts the idle clock")
            portal.clock.advance(minutes: 15)
            let expired = try await browser.get("/probe/patient")
            #expect(expired.status == .seeOther && expired.headers[.location] == "/?expired=1")
            #expect(browser.cookies["cb_session"] == nil, "the dead cookie is cleared")
            let landing = try await browser.get("/?expired=1")
            #expect(String(buffer: landing.body).contains("signed out after 15 minutes without activity"))
        }
    }

    @Test func signingInAgainEndsTheEarlierSession() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            let first = try #require(browser.cookies["cb_session"])
            try await browser.get("/probe/patient")
            let again = try await browser.post("/sign-in", [("code", "K7M2-Q9XD"), ("lastName", "Peña Ruiz"),
                                                            ("dateOfBirth", "03/09/1975")], csrf: browser.csrf)
            #expect(again.status == .seeOther)
            #expect(browser.cookies["cb_session"] != first)
            var old = portal.browser()
            old.cookies["cb_session"] = first
            #expect(try await old.get("/probe/patient").status == .seeOther)
        }
    }
}
