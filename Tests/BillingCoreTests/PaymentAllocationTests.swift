import BillingCore
import Testing

@Suite struct PaymentAllocationTests {
    let march = CalendarDate(year: 2026, month: 3, day: 2)!
    let may = CalendarDate(year: 2026, month: 5, day: 11)!

    var charges: [OpenCharge] {
        [OpenCharge(serviceLineID: 7, encounterID: 2, dateOfService: may, patientDue: Money(cents: 5000)),
         OpenCharge(serviceLineID: 3, encounterID: 1, dateOfService: march, patientDue: Money(cents: 2000)),
         OpenCharge(serviceLineID: 4, encounterID: 1, dateOfService: march, patientDue: Money(cents: 1000))]
    }

    @Test func paysOldestLinesFirstThenCredit() {
        let allocation = PaymentAllocation.allocate(Money(cents: 9000), to: charges)
        #expect(allocation.applied.map(\.serviceLineID) == [3, 4, 7])
        #expect(allocation.applied.map(\.amount) == [Money(cents: 2000), Money(cents: 1000), Money(cents: 5000)])
        #expect(allocation.toCredit == Money(cents: 1000))
    }

    @Test func partialPaymentStopsAtTheOldest() {
        let allocation = PaymentAllocation.allocate(Money(cents: 2500), to: charges)
        #expect(allocation.applied.map(\.serviceLineID) == [3, 4])
        #expect(allocation.applied.map(\.amount) == [Money(cents: 2000), Money(cents: 500)])
        #expect(allocation.toCredit == .zero)
    }

    @Test func theChosenVisitComesFirst() {
        let allocation = PaymentAllocation.allocate(Money(cents: 5500), to: charges, preferringEncounter: 2)
        #expect(allocation.applied.map(\.serviceLineID) == [7, 3])
        #expect(allocation.applied.map(\.amount) == [Money(cents: 5000), Money(cents: 500)])
    }

    @Test func postingsBalanceAndPassTheLedgerRules() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let amount = Money(cents: Int64.random(in: 1...20_000, using: &rng))
            let allocation = PaymentAllocation.allocate(amount, to: charges)
            let legs = allocation.postings(receivedBy: .cardOnline)
            #expect(legs.map(\.amount).sum() == .zero)
            #expect(legs.first?.amount == amount)
            try LedgerRules.validate(LedgerEntry(kind: .payment, source: .portal, actor: "t", idempotencyKey: "k", accountID: 1,
                                                 effectiveDate: march, postings: legs))
        }
    }
}
