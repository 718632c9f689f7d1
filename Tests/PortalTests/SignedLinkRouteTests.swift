import ClearbillCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct SignedLinkRouteTests {
    func path(account: Int64, expires: Date, key: [UInt8] = PortalHarness.signingKey) -> String {
        let url = SignedLink.url(publicURL: "https://billing.example.com", accountID: account, expires: expires, key: key)
        return String(url.dropFirst("https://billing.example.com".count))
    }

    @Test func aValidLinkOpensTheAccountAndIsAudited() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let response = try await browser.get(path(account: portal.account.id, expires: portal.clock.now.addingTimeInterval(3600)))
            #expect(response.status == .seeOther && response.headers[.location] == "/account")
            #expect(String(buffer: try await browser.get("/probe/patient").body).hasPrefix("account \(portal.account.id) "))
            let event = try #require(try await portal.audit().first)
            #expect(event.action == "patient.sign-in" && event.detail == "signed link" && event.accountID == portal.account.id)
        }
    }

    @Test func anExpiredLinkSaysSoWith410() async throws {
        try await PortalHarness.run { portal in
            var browser = portal.browser()
            let link = path(account: portal.account.id, expires: portal.clock.now.addingTimeInterval(60))
            portal.clock.advance(minutes: 2)
            let response = try await browser.get(link)
            #expect(response.status == .gone)
            #expect(String(buffer: response.body).contains("This link has expired"))
            #expect(browser.cookies["cb_session"] == nil)
            #expect(try await portal.audit().first?.action == "patient.link.expired")
        }
    }

    @Test func tamperedOrForeignLinksAreRefusedWith400() async throws {
        try await PortalHarness.run { portal in
            let expires = portal.clock.now.addingTimeInterval(3600)
            let good = path(account: portal.account.id, expires: expires)
            let signature = good.split(separator: ".")[1]
            let otherAccount = "/s/" + Base64URL.encode(Array("v1|\(portal.account.id + 1)|\(Int(expires.timeIntervalSince1970))".utf8))
                + "." + signature
            var flipped = Array(good)
            flipped[flipped.count - 2] = flipped[flipped.count - 2] == "A" ? "B" : "A"
            let broken = [otherAccount, String(flipped), path(account: portal.account.id, expires: expires, key: Array("other key".utf8)),
                          "/s/nonsense", "/s/" + String(good.dropFirst(3).prefix(10)),
                          path(account: 9_999, expires: expires)]  // well signed, but no such account
            for link in broken {
                var browser = portal.browser()
                let response = try await browser.get(link)
                #expect(response.status == .badRequest, "\(link)")
                #expect(String(buffer: response.body).contains("This link does not work"))
                #expect(browser.cookies["cb_session"] == nil)
            }
        }
    }
}
