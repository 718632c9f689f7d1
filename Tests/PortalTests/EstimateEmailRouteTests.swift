import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import MailTestSupport
@testable import Portal
import Testing

/// Emailing a Good Faith Estimate from the desk through a loopback relay: what is sent and recorded, and every
/// refusal (CSRF, a patient's session, no address, a bad address, a relay that is down or refuses, no relay set up).
@Suite struct EstimateEmailRouteTests {
    private let estimates = EstimateRouteTests()

    private func mail(_ server: SMTPTestServer) throws -> MailSettings {
        MailSettings(client: SMTPClient(relay: SMTPRelay(host: "127.0.0.1", port: server.port), timeout: .seconds(5)),
                     from: try MailAddress("billing@blueridge.example"))
    }

    private func setEmail(_ portal: PortalHarness, _ email: String) async throws {
        try await portal.database.pool.write {
            try $0.execute(sql: "UPDATE accounts SET email = ? WHERE id = ?", arguments: [email, portal.account.id])
        }
    }

    /// Saves and issues Ana's Botox + filler GFE at the desk; returns the estimate's id.
    private func issuedGFE(_ desk: inout Browser, _ portal: PortalHarness, prospective: Bool = false) async throws -> Int64 {
        try await estimates.setTaxID(portal)
        let id: Int64
        if prospective {
            try await desk.get("/staff/estimates/new")
            let form = estimates.quoteForm(portal).filter { !["account", "patient"].contains($0.0) }
                + [("firstName", "Nora"), ("lastName", "Quinn"), ("dateOfBirth", "05/05/1990")]
            let saved = try await desk.post("/staff/estimates/new", form, csrf: desk.csrf)
            id = try #require(saved.headers[.location]?.split(separator: "/").last.flatMap { Int64($0) })
        } else {
            id = try await estimates.saveEstimate(&desk, portal)
        }
        try #require(try await desk.post("/staff/estimates/\(id)/gfe", [], csrf: desk.csrf).status == .seeOther)
        return id
    }

    private func sendings(_ portal: PortalHarness, _ id: Int64) async throws -> [EstimateEmail] {
        try await EstimateEmailLog(database: portal.database).sendings(estimate: id)
    }

    @Test func theDeskEmailsTheGFEPDFToTheAccountsAddressAndItIsRecordedAndAudited() async throws {
        try await SMTPTestServer.with { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                try await setEmail(portal, "maria@example.com")
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await issuedGFE(&desk, portal)
                let page = String(buffer: try await desk.get("/staff/estimates/\(id)").body)
                #expect(page.contains("Email to the patient") && page.contains("action=\"/staff/estimates/\(id)/email\""))
                #expect(String(buffer: try await desk.get("/staff/estimates/\(id)/gfe").body).contains("Email to the patient"))

                let sent = try await desk.post("/staff/estimates/\(id)/email", [], csrf: desk.csrf)
                #expect(sent.status == .ok)
                #expect(String(buffer: sent.body).contains("Emailed the Good Faith Estimate to m…@example.com."))
                let message = try ParsedMail(try #require(server.messages.first))
                #expect(server.messages.count == 1)
                #expect(message.headers["to"] == "<maria@example.com>")
                #expect(message.headers["from"] == "\"Blue Ridge Dermatology\" <billing@blueridge.example>")
                #expect(message.headers["subject"] == "Your Good Faith Estimate from Blue Ridge Dermatology")
                let pdf = try await desk.get("/staff/estimates/\(id)/gfe/pdf")
                let attachment = try #require(message.parts.last)
                #expect(attachment.content == Array(buffer: pdf.body) && attachment.content.starts(with: Array("%PDF".utf8)))
                let text = String(decoding: message.parts[0].content, as: UTF8.self)
                #expect(text.contains("Blue Ridge Dermatology") && text.contains("Your Good Faith Estimate from Blue Ridge Dermatology is attached as a PDF.") && text.contains("828-555-0100"))
                for phi in ["Ana", "Peña", "1975", "$", "Botox", "J0585"] {
                    #expect(!text.contains(phi) && !(message.headers["subject"] ?? "").contains(phi), "the email's text carries no \(phi)")
                }

                let rows = try await sendings(portal, id)
                #expect(rows.count == 1)
                #expect(rows.first?.address == "maria@example.com" && rows.first?.sentBy == "casey")
                #expect(rows.first?.messageID == message.headers["message-id"])
                let event = try #require(try await portal.audit().first { $0.action == "email.gfe" })
                let sendingID = try #require(rows.first?.id)
                #expect(event.actor == "staff:casey" && event.accountID == portal.account.id && event.subject.hasPrefix("gfe:"))
                #expect(event.detail == "estimate:\(id) sending:\(sendingID)" && !event.detail.contains("@"))
                let today = CalendarDate(portal.clock.now, in: .current).written()
                #expect(String(buffer: try await desk.get("/staff/estimates/\(id)").body).contains("Emailed to m…@example.com on \(today)"))
            }
        }
    }

    @Test func withoutACSRFTokenOrFromAPatientsSessionNothingIsSent() async throws {
        try await SMTPTestServer.with { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                try await setEmail(portal, "maria@example.com")
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await issuedGFE(&desk, portal)
                #expect(try await desk.post("/staff/estimates/\(id)/email", []).status == .forbidden)
                var patient = try await portal.patientBrowser()
                #expect(try await patient.post("/staff/estimates/\(id)/email", [], csrf: patient.csrf).status == .forbidden)
                #expect(server.messages.isEmpty && server.commands.isEmpty)
                #expect(try await sendings(portal, id).isEmpty)
            }
        }
    }

    @Test func noEmailOnFileIsRefused() async throws {
        try await SMTPTestServer.with { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await issuedGFE(&desk, portal)
                let refused = try await desk.post("/staff/estimates/\(id)/email", [("address", "someone@example.com")], csrf: desk.csrf)
                #expect(refused.status == .unprocessableContent)
                #expect(Browser.errorNotice(refused).contains("no email address is on file"))
                #expect(server.messages.isEmpty && server.commands.isEmpty, "a typed address does not stand in for the account's")
                #expect(try await sendings(portal, id).isEmpty)
            }
        }
    }

    @Test func aProspectivePatientsTypedAddressIsValidated() async throws {
        try await SMTPTestServer.with { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await issuedGFE(&desk, portal, prospective: true)
                #expect(String(buffer: try await desk.get("/staff/estimates/\(id)").body).contains("name=\"address\""))
                for bad in ["nora@", "nora@example.com\r\nBcc: x@evil.example", ""] {
                    let refused = try await desk.post("/staff/estimates/\(id)/email", [("address", bad)], csrf: desk.csrf)
                    #expect(refused.status == .unprocessableContent, "\(bad)")
                    #expect(Browser.errorNotice(refused).contains("not an email address"))
                }
                #expect(server.messages.isEmpty && server.commands.isEmpty)
                #expect(try await sendings(portal, id).isEmpty)
                let sent = try await desk.post("/staff/estimates/\(id)/email", [("address", "nora.quinn@example.org")], csrf: desk.csrf)
                #expect(sent.status == .ok)
                #expect(try ParsedMail(try #require(server.messages.first)).headers["to"] == "<nora.quinn@example.org>")
                #expect(try await sendings(portal, id).count == 1)
            }
        }
    }

    @Test func aRelayThatIsDownOrRefusesAnswers502AndRecordsNothing() async throws {
        let closedPort = try await SMTPTestServer.with { $0.port }
        let down = MailSettings(client: SMTPClient(relay: SMTPRelay(host: "127.0.0.1", port: closedPort), timeout: .seconds(2)),
                                from: try MailAddress("billing@blueridge.example"))
        try await PortalHarness.run(mail: down) { portal in
            try await setEmail(portal, "maria@example.com")
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let id = try await issuedGFE(&desk, portal)
            let failed = try await desk.post("/staff/estimates/\(id)/email", [], csrf: desk.csrf)
            #expect(failed.status == .badGateway)
            #expect(Browser.errorNotice(failed).contains("cannot reach the mail relay") && Browser.errorNotice(failed).contains("Nothing was sent"))
            #expect(try await sendings(portal, id).isEmpty)
            #expect(!(try await portal.audit().contains { $0.action == "email.gfe" }))
            #expect(!String(buffer: try await desk.get("/staff/estimates/\(id)").body).contains("Emailed to"))
        }
        try await SMTPTestServer.with(.rejecting(.rcptTo, code: 550)) { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                try await setEmail(portal, "maria@example.com")
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await issuedGFE(&desk, portal)
                let refused = try await desk.post("/staff/estimates/\(id)/email", [], csrf: desk.csrf)
                #expect(refused.status == .badGateway)
                #expect(Browser.errorNotice(refused).contains("refused the recipient (RCPT TO) (550"))
                #expect(server.messages.isEmpty)
                #expect(try await sendings(portal, id).isEmpty)
            }
        }
    }

    @Test func withoutARelayTheDeskIsToldAndNothingPretends() async throws {
        try await PortalHarness.run { portal in
            try await setEmail(portal, "maria@example.com")
            var desk = try await portal.staffBrowser("casey", .frontDesk)
            let id = try await issuedGFE(&desk, portal)
            let page = String(buffer: try await desk.get("/staff/estimates/\(id)").body)
            #expect(page.contains("Email is not set up on this server") && !page.contains("Email to the patient"))
            let refused = try await desk.post("/staff/estimates/\(id)/email", [], csrf: desk.csrf)
            #expect(refused.status == .conflict && Browser.errorNotice(refused).contains("email is not set up"))
            #expect(try await sendings(portal, id).isEmpty)
        }
    }

    @Test func anEstimateWithoutAGFEHasNothingToEmail() async throws {
        try await SMTPTestServer.with { server in
            try await PortalHarness.run(mail: try mail(server)) { portal in
                try await setEmail(portal, "maria@example.com")
                var desk = try await portal.staffBrowser("casey", .frontDesk)
                let id = try await estimates.saveEstimate(&desk, portal)
                #expect(String(buffer: try await desk.get("/staff/estimates/\(id)").body).contains("only a Good Faith Estimate can be emailed"))
                let refused = try await desk.post("/staff/estimates/\(id)/email", [], csrf: desk.csrf)
                #expect(refused.status == .conflict)
                #expect(try await desk.post("/staff/estimates/999/email", [], csrf: desk.csrf).status == .notFound)
                #expect(server.commands.isEmpty)
            }
        }
    }
}
