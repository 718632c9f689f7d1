import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct ProtectionTests {
    let form = [("code", "K7M2-Q9XD"), ("lastName", "Peña Ruiz"), ("dateOfBirth", "03/09/1975")]

    @Test func aFormWithoutItsCSRFTokenIsRefusedAsExpired() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            try await browser.get("/")
            let missing = try await browser.post("/sign-in", form)
            #expect(missing.status == .forbidden)
            #expect(String(buffer: missing.body).contains("This form has expired"))
            let wrong = try await browser.post("/sign-in", form, csrf: String(browser.csrf.reversed()))
            #expect(wrong.status == .forbidden)
            #expect(browser.cookies["cb_session"] == nil)
            var cookieless = portal.browser()  // a token but no cookie to match: another site's forged post
            #expect(try await cookieless.post("/sign-in", form, csrf: browser.csrf).status == .forbidden)
        }
    }

    @Test func signedInFormsNeedTheSessionsTokenInTheFieldOrHeader() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let preSignIn = browser.csrf
            try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(try await browser.post("/sign-out", [], csrf: preSignIn).status == .forbidden)
            #expect(try await browser.post("/sign-out", []).status == .forbidden)
            #expect(try await browser.get("/probe/patient").status == .ok, "a refused sign-out leaves the session alone")
            let out = try await browser.post("/sign-out", [], extraHeaders: [.xCSRFToken: browser.csrf])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/probe/patient").status == .seeOther)
        }
    }

    @Test func apiAndWebhookPostsAreLeftToTheirOwnAuthentication() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let api = try await browser.post("/api/v1/anything", [])
            let webhook = try await browser.post("/webhooks/anything", [])
            let page = try await browser.post("/anything", [])
            #expect(api.status == .notFound && webhook.status == .notFound)
            #expect(page.status == .forbidden)
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeadersAndPagesAreNotCached() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            for uri in ["/", "/no-such-page", "/static/clearbill.css"] {
                let headers = try await browser.get(uri).headers
                #expect(headers[.contentSecurityPolicy] == "default-src 'self'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", "\(uri)")
                #expect(headers[.xContentTypeOptions] == "nosniff")
                #expect(headers[.xFrameOptions] == "DENY")
                #expect(headers[.referrerPolicy] == "no-referrer")
            }
            #expect(try await browser.get("/").headers[.cacheControl] == "no-store")
            #expect(try await browser.get("/static/clearbill.css").headers[.cacheControl]?.contains("max-age=3600") == true)
        }
    }

    @Test func cookiesAreSecureWhenConfigured() async throws {
        try await PortalHarness.run(secureCookies: true) { portal in
            var browser = portal.browser()
            let response = try await browser.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("cb_session=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        }
    }

    @Test func forwardedAddressesAreIgnoredUnlessAProxyIsTrusted() async throws {
        try await PortalHarness.run(trustForwardedFor: false) { portal in
            for index in 0..<5 {
                var browser = portal.browser(from: "198.51.100.\(index)")  // claims to differ, but is one connection
                let response = try await browser.signIn(code: "AAAA-AAA\(["A", "B", "C", "D", "E"][index])", lastName: "X",
                                                        dateOfBirth: "01/01/1980")
                #expect(response.status == (index < 4 ? .ok : .tooManyRequests))
            }
            #expect(try await portal.audit().allSatisfy { $0.client == "unknown" })
        }
    }

    @Test func aHandMadeFormMissingAFieldIsRefusedNamingIt() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            try await browser.get("/")
            let response = try await browser.post("/sign-in", [("code", "K7M2-Q9XD"), ("dateOfBirth", "03/09/1975")], csrf: browser.csrf)
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("lastName: is missing"))
        }
    }
}
