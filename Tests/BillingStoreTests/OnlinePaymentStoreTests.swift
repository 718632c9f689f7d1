import BillingCore
import BillingStore
import Foundation
import Testing

@Suite struct OnlinePaymentStoreTests {
    @Test func webhookAndReadBackPostOnce() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = OnlinePaymentStore(database: fixture.database)
        let account = fixture.accounts[0].account.id
        _ = try await store.started(intentID: "pi_1", account: account, amount: Money(cents: 5_000), method: .cardOnline)
        _ = try await store.started(intentID: "pi_1", account: account, amount: Money(cents: 5_000), method: .cardOnline)
        // The webhook three times, the return page once: one posting.
        var ids = Set<Int64>()
        for _ in 0..<4 {
            let posted = try #require(try await store.confirm(intentID: "pi_1", amountReceived: Money(cents: 5_000), on: fixture.today))
            ids.insert(posted.id)
        }
        #expect(ids.count == 1)
        #expect(try await fixture.database.counts().transactions == 1)
        #expect(try await store.find(intentID: "pi_1")?.status == .succeeded)
        #expect(try await store.confirm(intentID: "pi_unknown", amountReceived: Money(cents: 1), on: fixture.today) == nil)
    }

    @Test func aDeclineRecordsTheReasonAndPostsNothing() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let store = OnlinePaymentStore(database: fixture.database)
        _ = try await store.started(intentID: "pi_2", account: fixture.accounts[0].account.id, amount: Money(cents: 900), method: .cardOnline)
        try await store.failed(intentID: "pi_2", reason: "Your card was declined.")
        let attempt = try #require(try await store.find(intentID: "pi_2"))
        #expect(attempt.status == .failed && attempt.failure == "Your card was declined.")
        #expect(try await fixture.database.counts().transactions == 0)
    }

    /// 200 confirmations for 50 accounts from parallel tasks, each retried: the ledger holds each payment once.
    @Test func concurrentConfirmationsWithRetriesPostEachPaymentOnce() async throws {
        let fixture = try await StoreFixture(accounts: 50)
        defer { fixture.remove() }
        let store = OnlinePaymentStore(database: fixture.database)
        var expected = Money.zero
        var intents: [(String, Int64, Money)] = []
        for index in 0..<200 {
            let amount = Money(cents: Int64(100 + index * 7))
            let account = fixture.accounts[index % 50].account.id
            _ = try await store.started(intentID: "pi_c\(index)", account: account, amount: amount, method: .cardOnline)
            intents.append(("pi_c\(index)", account, amount))
            expected += amount
        }
        let today = fixture.today
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (intent, _, amount) in intents {
                for _ in 0..<3 {  // webhook, a replayed webhook, and the return page, racing
                    group.addTask { _ = try await store.confirm(intentID: intent, amountReceived: amount, on: today) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await fixture.database.counts().transactions == 200)
        let report = try await LedgerVerifier(database: fixture.database).verify()
        #expect(report.holds, "\(report.problems)")
        var received = Money.zero
        for entry in fixture.accounts {
            received += try await fixture.balances.summary(account: entry.account.id).credit
        }
        #expect(received == expected, "with nothing owed, every payment is credit: the sum must equal what was confirmed")
    }
}
