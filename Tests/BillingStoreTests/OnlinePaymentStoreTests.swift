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

    /// 200 payment confirmations for 50 accounts from parallel tasks, each delivered three times (the webhook, its
    /// replay and the patient's read-back racing each other, each recording the attempt first as the webhook does for
    /// an intent it has not seen): the ledger holds each payment once, `clearbill ledger verify` passes over the file,
    /// and the payments add up to what was confirmed.
    @Test func concurrentConfirmationsWithRetriesPostEachPaymentOnce() async throws {
        let fixture = try await StoreFixture(accounts: 50)
        defer { fixture.remove() }
        let store = OnlinePaymentStore(database: fixture.database)
        let intents = (0..<200).map { index in
            ("pi_c\(index)", fixture.accounts[index % 50].account.id, Money(cents: Int64(100 + index * 7)))
        }
        let expected = intents.map(\.2).sum()
        let today = fixture.today
        let postings = try await withThrowingTaskGroup(of: Int64.self) { group in
            for (intent, account, amount) in intents {
                for _ in 0..<3 {
                    group.addTask {
                        _ = try await store.started(intentID: intent, account: account, amount: amount, method: .cardOnline)
                        return try #require(try await store.confirm(intentID: intent, amountReceived: amount, on: today)).id
                    }
                }
            }
            var ids: [Int64] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(postings.count == 600 && Set(postings).count == 200, "three answers per payment, all naming its one posting")
        #expect(try await fixture.database.counts().transactions == 200)
        let report = try await LedgerVerifier(database: fixture.database).verify()
        #expect(report.holds, "\(report.problems)")
        var received = Money.zero
        for entry in fixture.accounts {
            received += try await fixture.balances.summary(account: entry.account.id).credit
        }
        #expect(received == expected, "with nothing owed, every payment is credit: the sum must equal what was confirmed")

        let (status, output) = try ClearbillCommand.run(["ledger", "verify", "--db", fixture.database.path])
        #expect(status == 0, "\(output)")
        #expect(output.hasPrefix("ledger ok: 200 transactions"), "\(output)")
    }
}
