import BillingCore
import BillingStore
import Testing

@Suite struct ReceiptStoreTests {
    @Test func aReceiptShowsWhereTheMoneyWentAndTheChange() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await PracticeDirectory(database: fixture.database).setPractice(Practice(
            name: "Test Dermatology", address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "(828) 555-0100", hours: "Mon–Fri", website: "", taxID: "", npi: NPI.make("123456789")))
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: nil, charges: [4_000], selfPay: true), key: "c", by: Actor("d", via: .desk))
        let paid = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 5_000), method: .cash,
                                                                         receivedOn: fixture.today), key: "p", by: Actor("maria", via: .desk))
        let number = ReceiptNumber.make(transactionID: paid.id)
        #expect(ReceiptNumber.transactionID(number) == paid.id)
        #expect(ReceiptNumber.transactionID("R0000000019") == nil || ReceiptNumber.transactionID("R0000000019") != paid.id)
        let receipt = try #require(try await ReceiptStore(database: fixture.database).receipt(number: number, tendered: Money(cents: 6_000)))
        #expect(receipt.amount == Money(cents: 5_000))
        #expect(receipt.change == Money(cents: 1_000))
        #expect(receipt.applied.map(\.amount) == [Money(cents: 4_000)])
        #expect(receipt.toCredit == Money(cents: 1_000))
        #expect(receipt.takenBy == "maria")
        #expect(try await ReceiptStore(database: fixture.database).receipt(number: number, account: fixture.accounts[1].account.id) == nil)
        #expect(CashTender.change(paying: Money(cents: 500), tendered: Money(cents: 400)) == nil)
    }
}
