import BillingCore
@testable import BillingStore
import DemoPractice
import Foundation
import GRDB
import Testing

@Suite struct StatementStoreTests {
    let desk = Actor("desk", via: .desk)

    func fixtureWithBalance() async throws -> StoreFixture {
        let fixture = try await StoreFixture()
        try await PracticeDirectory(database: fixture.database).setPractice(Practice(
            name: "Test Dermatology", address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "(828) 555-0100", hours: "Mon–Fri", website: "https://example.test", taxID: "56-0000000", npi: NPI.make("123456789")))
        let (_, charge) = try await fixture.ledger.recordCharges(
            fixture.visit(0, on: fixture.today.adding(days: -40), claim: "CLM-1", charges: [20_000, 14_500]), key: "c1", by: desk)
        let lines = charge.postings.compactMap(\.serviceLineID)
        _ = try await fixture.ledger.recordAdjudication([
            LineAdjudication(serviceLineID: lines[0], paid: Money(cents: 9_000), adjustments: [
                LineAdjustment(group: .contractual, reasonCode: "45", amount: Money(cents: 6_000)),
                LineAdjustment(group: .patientResponsibility, reasonCode: "1", amount: Money(cents: 5_000))])],
            paidBy: .insuranceEFT, reference: "CLM-1", on: fixture.today.adding(days: -20), key: "a1", by: desk, memo: "Aetna")
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: fixture.accounts[0].account.id, amount: Money(cents: 1_000),
                                                                  method: .cardOnline, receivedOn: fixture.today.adding(days: -5)),
                                                   key: "p1", by: desk)
        return fixture
    }

    @Test func aStatementAddsUpAndCarriesEveryVisitLineInWords() async throws {
        let fixture = try await fixtureWithBalance()
        defer { fixture.remove() }
        let store = StatementStore(database: fixture.database)
        let record = try #require(try await store.generate(account: fixture.accounts[0].account.id, cycleDate: fixture.today))
        let stored = try #require(try await store.load(number: record.number, account: fixture.accounts[0].account.id))
        let statement = stored.statement
        let s = statement.summary
        #expect(s.previousBalance + s.newCharges - s.insurancePayments - s.insuranceAdjustments - s.patientPayments - s.writeOffs + s.refunds == s.balance)
        #expect(s.newCharges == Money(cents: 34_500))
        #expect(s.insurancePayments == Money(cents: 9_000))
        #expect(s.amountDue == Money(cents: 4_000))
        #expect(s.insurancePending == Money(cents: 14_500))
        #expect(s.amountDue == (try await fixture.balances.summary(account: fixture.accounts[0].account.id)).balance)
        #expect(StatementNumber.isValid(statement.number))
        #expect(StatementAccessCode.normalize(statement.accessCode) == statement.accessCode)
        #expect(statement.visits.flatMap(\.lines).allSatisfy { !$0.description.isEmpty && !$0.description.contains("code") })
        #expect(statement.visits.first?.lines.first?.reasons == [.init(reason: .deductible, amount: Money(cents: 5_000))])
        #expect(statement.activity.map(\.description).contains("Insurance payment — Aetna"))
        #expect(statement.messages.contains { $0.contains("waiting on your insurance") })
        #expect(record.sha256 == Digest(stored.json))
    }

    @Test func aStatementNeverChangesEvenAsTheLedgerMovesOn() async throws {
        let fixture = try await fixtureWithBalance()
        defer { fixture.remove() }
        let store = StatementStore(database: fixture.database)
        let account = fixture.accounts[0].account.id
        let record = try #require(try await store.generate(account: account, cycleDate: fixture.today))
        let first = try #require(try await store.load(number: record.number)).json
        // A month of ledger time later: another payment, another statement cycle.
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 2_000), method: .check,
                                                                  receivedOn: fixture.today.adding(days: 10)), key: "p2", by: desk)
        let next = try #require(try await store.generate(account: account, cycleDate: fixture.today.adding(days: 30)))
        let again = try #require(try await store.load(number: record.number)).json
        #expect(first == again, "the same statement rendered a month later is byte-identical")
        #expect(next.number != record.number)
        let later = try #require(try await store.load(number: next.number)).statement
        #expect(later.summary.previousBalance == (try await store.load(number: record.number))!.statement.summary.balance)
        #expect(try await store.generate(account: account, cycleDate: fixture.today)?.number == record.number, "one per account and cycle")
        await #expect(throws: DatabaseError.self) {
            try await fixture.database.pool.write { try $0.execute(sql: "UPDATE statements SET amount_due_cents = 0") }
        }
    }

    @Test func anotherAccountsNumberReadsAsAbsentAndSmallBalancesAreNotBilled() async throws {
        let fixture = try await fixtureWithBalance()
        defer { fixture.remove() }
        let store = StatementStore(database: fixture.database)
        let record = try #require(try await store.generate(account: fixture.accounts[0].account.id, cycleDate: fixture.today))
        #expect(try await store.load(number: record.number, account: fixture.accounts[1].account.id) == nil)
        #expect(try await store.generate(account: fixture.accounts[1].account.id, cycleDate: fixture.today) == nil)
        let cycle = try await store.generateCycle(cycleDate: fixture.today)
        #expect(cycle == .init(created: 0, alreadyMade: 1, nothingDue: 0))
    }

    @Test func theDemoLeavesEveryTryItPatientWithAStatement() async throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        let summary = try await DemoPractice.fill(path: path, options: .init(seed: 5, patients: 60, asOf: CalendarDate(year: 2026, month: 11, day: 22)!))
        let database = try ClearbillDatabase(path: path)
        defer { try? database.close() }
        #expect(summary.tryIt.map(\.note) == ["owes after insurance (deductible and coinsurance)", "cosmetic self-pay balance",
                                                "reads statements in Spanish", "can spread the balance over a payment plan"])
        let plan = try #require(summary.tryIt.last)
        #expect(plan.balance >= PlanPolicy.standard.minimumBalance, "the plan patient can enroll")
        for pick in summary.tryIt {
            let account = try #require(try await PracticeDirectory(database: database).account(number: pick.accountNumber))
            let latest = try await StatementStore(database: database).latest(account: account.id)
            #expect(latest != nil, "\(pick.name) needs a statement")
        }
    }
}

private func Digest(_ json: String) -> String { ClearbillCrypto.Digest.sha256Hex(Array(json.utf8)) }
import ClearbillCrypto
