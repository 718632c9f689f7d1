import BillingCore
import BillingStore
import Testing

@Suite struct DayCloseStoreTests {
    @Test func aClosedDayTotalsByMethodAndTakesNoMoreDeskMoney() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let maria = Actor("maria", via: .desk)
        let account = fixture.accounts[0].account.id
        for (index, (method, cents)) in [(PaymentMethod.cash, 4_000), (.cash, 1_500), (.check, 9_000), (.cardTerminal, 2_500)].enumerated() {
            _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: Int64(cents)), method: method,
                                                                      reference: method == .check ? "2041" : nil, receivedOn: fixture.today),
                                                       key: "p\(index)", by: maria)
        }
        _ = try await fixture.ledger.refundCredit(account: account, amount: Money(cents: 500), method: .cash, reference: nil,
                                                  on: fixture.today, key: "r", by: maria)
        // Someone else's money and another day are not in Maria's close.
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 100), method: .cash,
                                                                  receivedOn: fixture.today), key: "other", by: Actor("li", via: .desk))
        let store = DayCloseStore(database: fixture.database)
        let day = try await store.day(staff: "maria", date: fixture.today)
        #expect(day.items.count == 5)
        #expect(day.expectedCash == Money(cents: 5_000))
        #expect(day.totals.first { $0.method == .check }?.received == Money(cents: 9_000))
        let closed = try await store.close(staff: "maria", date: fixture.today)
        #expect(closed.closedAt != nil)
        #expect(try await store.close(staff: "maria", date: fixture.today) == closed, "closing twice returns the first close")
        await #expect(throws: LedgerError.dayClosed(staff: "maria", date: fixture.today)) {
            try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 100), method: .cash,
                                                                  receivedOn: fixture.today), key: "late", by: maria)
        }
        // Corrections after the close are reversals.
        let reversal = try await fixture.ledger.reverse(day.items[0].transactionID, key: "void", by: maria, on: fixture.today, reason: "keyed twice")
        #expect(reversal.kind == .reversal)
    }
}
