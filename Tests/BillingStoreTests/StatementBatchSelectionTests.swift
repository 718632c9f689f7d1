import BillingCore
import BillingStore
import Foundation
import Testing

@Suite struct StatementBatchSelectionTests {
    let desk = Actor("frontdesk", via: .desk)

    /// Opens an account at `zip` (no street when `street` is empty) and charges it `cents` as self-pay, or to
    /// insurance when `claim` is given, `daysBefore` the fixture's today.
    func account(_ fixture: StoreFixture, _ name: String, street: String = "9 Elm St", zip: String = "28801", cents: Int64,
                 claim: String? = nil, daysBefore: Int = 20) async throws -> Account {
        let (account, patient) = try await PracticeDirectory(database: fixture.database).openAccount(NewAccount(
            firstName: name, lastName: "Tester", dateOfBirth: CalendarDate(year: 1975, month: 5, day: 5)!,
            address: MailingAddress(line1: street, city: "Asheville", state: "NC", zip: zip)))
        let visit = NewEncounter(
            accountID: account.id, patientID: patient.id, providerID: fixture.provider.id, locationID: fixture.location.id,
            dateOfService: fixture.today.adding(days: -daysBefore), placeOfService: "11", claimNumber: claim,
            lines: [NewServiceLine(code: "11102", charge: Money(cents: cents), selfPay: claim == nil)])
        _ = try await fixture.ledger.recordCharges(visit, key: "charge-\(name)", by: desk)
        return account
    }

    func pay(_ fixture: StoreFixture, _ account: Account, cents: Int64) async throws {
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account.id, amount: Money(cents: cents), method: .cash,
                                                                  receivedOn: fixture.today.adding(days: -5)),
                                                   key: "pay-\(account.id)", by: desk)
    }

    @Test func everyAccountWithMoneyOpenIsMailedOrSetAsideWithItsReason() async throws {
        let fixture = try await StoreFixture(accounts: 0)
        defer { fixture.remove() }
        try await PracticeDirectory(database: fixture.database).setPractice(Practice(
            name: "Test Dermatology", address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "(828) 555-0100", hours: "Mon–Fri", website: "https://example.test", taxID: "00-0000000", npi: NPI.make("111111112")))
        let east = try await account(fixture, "East", zip: "28805", cents: 12_000)
        let west = try await account(fixture, "West", zip: "28704", cents: 8_000)
        let small = try await account(fixture, "Small", cents: 300)
        let credit = try await account(fixture, "Credit", cents: 5_000)
        try await pay(fixture, credit, cents: 8_000)
        let insured = try await account(fixture, "Insured", cents: 20_000, claim: "CLM-INS-1")
        let paidUp = try await account(fixture, "PaidUp", cents: 4_000)
        try await pay(fixture, paidUp, cents: 4_000)
        let resent = try await account(fixture, "Resent", cents: 9_000)
        let held = try await account(fixture, "Held", cents: 7_000)
        let nowhere = try await account(fixture, "Nowhere", street: "", cents: 6_000)

        let store = StatementStore(database: fixture.database)
        _ = try await store.generate(account: resent.id, cycleDate: fixture.today.adding(days: -10))
        let cycle = try await store.generateCycle(cycleDate: fixture.today)
        #expect(cycle.created == 5, "East, West, Resent, Held and Nowhere owe at least the minimum")

        let selection = try await store.batchSelection(cycleDate: fixture.today, onHold: [held.id])
        let mailed = try await selection.statementNumbers.asyncMap { try await store.load(number: $0)?.record.accountID }
        #expect(mailed == [west.id, east.id], "only these two are mailed, in ZIP order")
        let reasons = Dictionary(uniqueKeysWithValues: selection.suppressed.map { ($0.accountNumber, $0.reason) })
        #expect(reasons == [
            small.accountNumber: .underMinimum, credit.accountNumber: .zeroOrCreditBalance,
            insured.accountNumber: .zeroOrCreditBalance, resent.accountNumber: .alreadySent,
            held.accountNumber: .onHold, nowhere.accountNumber: .noMailingAddress,
        ])
        #expect(reasons[paidUp.accountNumber] == nil, "nothing open, nothing to report")
        #expect(selection.suppressed.first { $0.accountNumber == held.accountNumber }?.name == "Held Tester")

        let later = try await store.batchSelection(cycleDate: fixture.today, sentWithinDays: 5, onHold: [])
        #expect(later.suppressed.first { $0.accountNumber == resent.accountNumber } == nil,
                "a statement older than the window does not hold this one back")
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
