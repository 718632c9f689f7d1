import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

/// `GET /api/v1/payments`: the claims module's ordered feed of patient money, behind an API key.
@Suite struct PaymentFeedRouteTests {
    struct Page: Decodable {
        var items: [FeedItem]
        var nextCursor: String
    }

    private func get(_ uri: String, key: String?, _ portal: PortalHarness) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.authorization] = key }
        return try await portal.client.execute(uri: uri, method: .get, headers: headers)
    }

    private func expectProblem(_ response: TestResponse, status: HTTPResponse.Status, _ comment: String) throws -> [String: Any] {
        #expect(response.status == status, "\(comment)")
        #expect(response.headers[.contentType] == "application/problem+json", "\(comment)")
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any], "\(comment)")
        #expect(problem["status"] as? Int == Int(status.code), "\(comment)")
        #expect((problem["detail"] as? String)?.isEmpty == false, "\(comment)")
        return problem
    }

    @Test func aMissingWrongOrRevokedKeyGets401ProblemDetails() async throws {
        try await PortalHarness.run { portal in
            let keys = APIKeyStore(database: portal.database)
            let (key, _) = try await keys.create(name: "claims-module")
            let parts = key.split(separator: "_")
            let wrongSecret = "\(parts[0])_\(parts[1])_\(String(repeating: "A", count: 43))"
            for (header, what) in [(nil, "no key"), ("Bearer cbk_nope", "a malformed key"), ("Bearer \(wrongSecret)", "a wrong secret"),
                                   ("Basic \(key)", "the key in the wrong scheme"), (key, "the key without Bearer")] {
                let response = try await get("/api/v1/payments", key: header, portal)
                let problem = try expectProblem(response, status: .unauthorized, what)
                #expect((problem["detail"] as? String)?.contains("API key") == true, "\(what)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer", "\(what)")
            }
            #expect(try await get("/api/v1/payments", key: "Bearer \(key)", portal).status == .ok)
            #expect(try await keys.revoke(name: "claims-module") == 1)
            _ = try expectProblem(try await get("/api/v1/payments", key: "Bearer \(key)", portal), status: .unauthorized, "a revoked key")
        }
    }

    @Test func theFeedListsPaymentsAndRefundsInPostingOrderPageByPage() async throws {
        try await PortalHarness.run { portal in
            try await portal.visit(charges: [20_000])
            let ledger = Ledger(database: portal.database)
            let today = CalendarDate(portal.clock.now, in: .current)
            let desk = Actor("casey", via: .desk)
            func pay(_ cents: Int64, _ method: PaymentMethod, _ key: String, deposit: Bool = false) async throws -> PostedTransaction {
                try await ledger.recordPayment(PatientPayment(accountID: portal.account.id, amount: Money(cents: cents), method: method,
                                                              reference: method == .cash ? nil : "ref-\(key)", receivedOn: today,
                                                              isDeposit: deposit), key: key, by: desk)
            }
            let cash = try await pay(5_000, .cash, "a")
            let check = try await pay(2_500, .check, "b")
            let deposit = try await pay(3_000, .cardTerminal, "c", deposit: true)
            let refund = try await ledger.refundCredit(account: portal.account.id, amount: Money(cents: 1_000), method: .check, reference: "ck-9",
                                                       on: today, key: "d", by: desk)
            let void = try await ledger.reverse(check.id, key: "e", by: desk, on: today, reason: "Void: wrong amount")
            try await portal.visit(charges: [1_000])  // charges are not in the feed

            let (key, _) = try await APIKeyStore(database: portal.database).create(name: "claims-module")
            var seen: [FeedItem] = []
            var cursor = "0"
            var pages = 0
            while pages < 10 {
                let response = try await get("/api/v1/payments?after=\(cursor)&limit=2", key: "Bearer \(key)", portal)
                #expect(response.status == .ok)
                let page = try JSONDecoder().decode(Page.self, from: Data(response.body.readableBytesView))
                pages += 1
                if page.items.isEmpty {
                    #expect(page.nextCursor == cursor, "an empty page keeps the cursor")
                    break
                }
                #expect(page.items.count <= 2)
                #expect(page.nextCursor == String(page.items.last!.sequence))
                seen += page.items
                cursor = page.nextCursor
            }
            #expect(pages == 4, "five items, two per page, then an empty page")
            #expect(seen.map(\.sequence) == [cash.id, check.id, deposit.id, refund.id, void.id])
            #expect(seen.map(\.kind) == ["payment", "payment", "payment", "refund", "reversal"])
            #expect(seen.map(\.method) == ["cash", "check", "card_terminal", "check", "check"])
            #expect(seen.map(\.amount.cents) == [5_000, 2_500, 3_000, -1_000, -2_500])
            #expect(seen.map(\.reverses) == [nil, nil, nil, nil, check.id])
            #expect(seen.allSatisfy { $0.accountNumber == portal.account.accountNumber })
            #expect(seen[2].applied.map(\.amount.cents) == [3_000] && seen[2].applied[0].serviceLineID == nil, "a deposit is credit")

            // The same cursor gives the same page again.
            let again = try await get("/api/v1/payments?after=\(seen[1].sequence)&limit=2", key: "Bearer \(key)", portal)
            #expect(try JSONDecoder().decode(Page.self, from: Data(again.body.readableBytesView)).items.map(\.sequence) == [deposit.id, refund.id])
        }
    }

    @Test(arguments: ["after=-1", "after=abc", "after=1&limit=0", "after=1&limit=1001"])
    func aBadCursorOrLimitIs400NamingTheField(query: String) async throws {
        try await PortalHarness.run { portal in
            let (key, _) = try await APIKeyStore(database: portal.database).create(name: "claims-module")
            let problem = try expectProblem(try await get("/api/v1/payments?\(query)", key: "Bearer \(key)", portal),
                                            status: .badRequest, query)
            let field = query.contains("limit") ? "limit" : "after"
            #expect((problem["errors"] as? [[String: Any]])?.first?["field"] as? String == field)
        }
    }
}
