import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct StaffSignInTests {
    @Test func theStaffSignInPageIsLabelled() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let html = String(buffer: try await browser.get("/staff/sign-in").body)
            #expect(html.components(separatedBy: "<h1").count == 2)
            #expect(html.contains(#"<label for="username">"#) && html.contains(#"<label for="password">"#))
            #expect(html.contains(#"autocomplete="current-password""#))
        }
    }

    @Test func staffSignInOpensARoleBoundSession() async throws {
        try await PortalHarness.run { portal in
            try await portal.staff("jordan", .billingAdmin)
            try await portal.staff("casey", .frontDesk)
            var admin = portal.browser()
            try await admin.get("/staff/sign-in")
            let response = try await admin.post("/staff/sign-in", [("username", "jordan"), ("password", "a long staff password")],
                                                csrf: admin.csrf)
            #expect(response.status == .seeOther && response.headers[.location] == "/staff")
            #expect(String(buffer: try await admin.get("/probe/admin").body).hasPrefix("staff jordan "))
            #expect(try await admin.get("/probe/desk").status == .ok, "the billing office may do what the desk does")
            #expect(try await admin.get("/probe/patient").status == .seeOther, "a staff session is not a patient's")

            var desk = portal.browser()
            try await desk.get("/staff/sign-in")
            try await desk.post("/staff/sign-in", [("username", "casey"), ("password", "a long staff password")], csrf: desk.csrf)
            #expect(try await desk.get("/probe/desk").status == .ok)
            let refused = try await desk.get("/probe/admin")
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("You do not have access"))
            #expect(try await portal.audit().first?.actor == "staff:casey")
        }
    }

    @Test func withoutAStaffSessionStaffPagesSendYouToSignInAndPatientsAreForbidden() async throws {
        try await PortalHarness.run { portal in
            var nobody = portal.browser()
            let response = try await nobody.get("/probe/desk")
            #expect(response.status == .seeOther && response.headers[.location] == "/staff/sign-in")
            var patient = portal.browser()
            try await patient.signIn(code: "K7M2-Q9XD", lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
            #expect(try await patient.get("/probe/desk").status == .forbidden)
        }
    }

    @Test func wrongPasswordsGetOneAnswerAndFiveLockTheUser() async throws {
        try await PortalHarness.run { portal in
            try await portal.staff("jordan", .billingAdmin)
            var answers: Set<String> = []
            for (index, guess) in [("jordan", "wrong password 1"), ("nobody", "whatever it is"), ("jordan", "wrong password 2"),
                                   ("jordan", "wrong password 3"), ("jordan", "wrong password 4")].enumerated() {
                var browser = portal.browser(from: "198.51.100.\(index)")
                try await browser.get("/staff/sign-in")
                let response = try await browser.post("/staff/sign-in", [("username", guess.0), ("password", guess.1)], csrf: browser.csrf)
                #expect(response.status == .ok)
                answers.insert(Browser.alert(response))
            }
            #expect(answers.count == 1)
            var fifth = portal.browser(from: "198.51.100.9")
            try await fifth.get("/staff/sign-in")
            let fifthFailure = try await fifth.post("/staff/sign-in", [("username", "JORDAN"), ("password", "wrong password 5")],
                                                    csrf: fifth.csrf)
            #expect(fifthFailure.status == .tooManyRequests, "usernames are not case-sensitive, so this is jordan's fifth")
            let locked = try await fifth.post("/staff/sign-in", [("username", "jordan"), ("password", "a long staff password")],
                                              csrf: fifth.csrf)
            #expect(locked.status == .tooManyRequests)
            #expect(fifth.cookies["cb_session"] == nil)
            #expect(try await portal.audit().contains { $0.action == "staff.sign-in.locked" })
        }
    }

    @Test func staffSignOutEndsTheSession() async throws {
        try await PortalHarness.run { portal in
            try await portal.staff("jordan", .billingAdmin)
            var browser = portal.browser()
            try await browser.get("/staff/sign-in")
            try await browser.post("/staff/sign-in", [("username", "jordan"), ("password", "a long staff password")], csrf: browser.csrf)
            try await browser.get("/probe/admin")
            let out = try await browser.post("/staff/sign-out", [], csrf: browser.csrf)
            #expect(out.status == .seeOther && out.headers[.location] == "/staff/sign-in?signed-out=1")
            #expect(try await browser.get("/probe/admin").status == .seeOther)
        }
    }
}
