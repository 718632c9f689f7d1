import BillingCore
import BillingStore
import Testing

@Suite struct PaymentFeedTests {
    @Test func keysWorkUntilRevokedAndOnlyWhole() async throws {
        let fixture = try await StoreFixture(accounts: 0)
        defer { fixture.remove() }
        let keys = APIKeyStore(database: fixture.database)
        let (key, client) = try await keys.create(name: "claims-module")
        #expect(try await keys.authenticate(key) == client)
        #expect(try await keys.authenticate(String(key.dropLast())) == nil)
        #expect(try await keys.authenticate(key + "x") == nil)
        #expect(try await keys.authenticate("cbk_000000000000_nope") == nil)
        #expect(try await keys.authenticate("") == nil)
        #expect(try await keys.revoke(name: "claims-module") == 1)
        #expect(try await keys.authenticate(key) == nil)
    }

    @Test func theFeedListsPatientMoneyInPostingOrderWithAStableCursor() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let desk = Actor("desk", via: .desk)
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: "CLM-7", charges: [10_000]), key: "c", by: desk)
        let payment = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 2_500), method: .check,
                                                                            reference: "1001", receivedOn: fixture.today), key: "p", by: desk)
        let void = try await fixture.ledger.reverse(payment.id, key: "v", by: desk, on: fixture.today, reason: "bounced")
        let second = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 700), method: .cash,
                                                                           receivedOn: fixture.today), key: "p2", by: desk)
        let feed = PaymentFeed(database: fixture.database)
        let all = try await feed.items(after: 0, limit: 100)
        #expect(all.map(\.sequence) == [payment.id, void.id, second.id])
        #expect(all.map(\.amount) == [Money(cents: 2_500), Money(cents: -2_500), Money(cents: 700)])
        #expect(all[0].method == "check" && all[0].reference == "1001")
        #expect(all[1].reverses == payment.id)
        let page = try await feed.items(after: all[0].sequence, limit: 1)
        #expect(page.map(\.sequence) == [void.id])
        #expect(try await feed.items(after: second.id, limit: 10).isEmpty)
    }
}
