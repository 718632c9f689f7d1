import BillingCore
@testable import BillingStore
import Foundation
import GRDB
import Testing

/// The catalog, estimates, Good Faith Estimates and billing from an estimate, on a real database.
@Suite struct EstimateStoreTests {
    /// A fixture whose practice can issue GFEs (NPI and TIN set).
    private func fixture() async throws -> StoreFixture {
        let fixture = try await StoreFixture()
        try await PracticeDirectory(database: fixture.database).setPractice(Practice(
            name: "Blue Ridge Dermatology", address: MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "828-555-0100", hours: "", website: "", taxID: "56-1234567", npi: NPI.make("123456789")))
        return fixture
    }

    private func details(_ fixture: StoreFixture, _ items: [QuoteRequest.Item], account: Int? = 0, selfPay: Bool = true,
                         on day: CalendarDate? = nil) async throws -> EstimateDetails {
        let day = day ?? fixture.today
        let catalog = try await PriceCatalogStore(database: fixture.database).catalog()
        let quote = try Quote.price(QuoteRequest(items: items), catalog: catalog, on: day)
        let patient = account.map { index in
            let (a, p) = fixture.accounts[index]
            return EstimatePatient(accountID: a.id, patientID: p.id, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth)
        } ?? EstimatePatient(accountID: nil, patientID: nil, firstName: "Nora", lastName: "Quinn", dateOfBirth: CalendarDate(year: 1990, month: 5, day: 5)!)
        return EstimateDetails(patient: patient, providerID: fixture.provider.id, locationID: fixture.location.id, selfPay: selfPay,
                               primaryService: "Botox for frown lines", scheduledOn: day, serviceDate: day.adding(days: 21),
                               validUntil: day.adding(days: 30), quote: quote)
    }

    @Test func aNewDatabaseHasTheExamplePricesAndANewPriceIsANewRow() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = PriceCatalogStore(database: fixture.database)
        #expect(try await store.catalog().price(of: "botox", on: fixture.today) == Money(cents: 1_400))
        let september = CalendarDate(year: 2026, month: 9, day: 1)!
        try await store.setPrice(item: "botox", unitPrice: Money(cents: 1_500), effectiveFrom: september, today: fixture.today, by: "billing", client: "t")
        let catalog = try await store.catalog()
        #expect(catalog.price(of: "botox", on: fixture.today) == Money(cents: 1_400))
        #expect(catalog.price(of: "botox", on: september) == Money(cents: 1_500))
        await #expect(throws: CatalogError.priceExists(item: "botox", date: september)) {
            try await store.setPrice(item: "botox", unitPrice: Money(cents: 1), effectiveFrom: september, today: fixture.today, by: "billing", client: "t")
        }
        await #expect(throws: CatalogError.effectiveInThePast(fixture.today.adding(days: -1))) {
            try await store.setPrice(item: "botox", unitPrice: Money(cents: 1), effectiveFrom: fixture.today.adding(days: -1), today: fixture.today,
                                     by: "billing", client: "t")
        }
        await #expect(throws: CatalogError.unknownItem("gold")) {
            try await store.setPrice(item: "gold", unitPrice: Money(cents: 1), effectiveFrom: september, today: fixture.today, by: "billing", client: "t")
        }
        let audit = try await AuditLog(database: fixture.database).recent()
        #expect(audit.filter { $0.action == "catalog.price" }.map(\.detail) == ["$15.00 from 2026-09-01"], "one audited change, the refused ones none")
    }

    @Test func pricesEstimatesAndGoodFaithEstimatesRefuseUpdatesAndDeletes() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = EstimateStore(database: fixture.database)
        let saved = try await store.save(try await details(fixture, [.init(item: "botox", area: "glabellar")]), by: "casey", client: "t")
        _ = try await store.issueGoodFaithEstimate(estimate: saved.id, on: fixture.today, by: "casey", client: "t")
        for sql in ["UPDATE catalog_prices SET unit_price_cents = 1", "DELETE FROM catalog_prices",
                    "UPDATE estimates SET total_cents = 1", "DELETE FROM estimates",
                    "UPDATE good_faith_estimates SET total_cents = 1", "DELETE FROM good_faith_estimates"] {
            #expect(throws: DatabaseError.self, "\(sql) is refused") { try fixture.database.pool.write { try $0.execute(sql: sql) } }
        }
        let kept = try #require(try await store.goodFaithEstimate(estimate: saved.id))
        #expect(kept.estimate.total == Money(cents: 28_000))
        #expect(kept.keepUntil == CalendarDate(year: 2032, month: 6, day: 15)!, "kept six years")
    }

    @Test func aPriceChangeNeverAltersASavedEstimate() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = EstimateStore(database: fixture.database)
        let saved = try await store.save(try await details(fixture, [.init(item: "botox", quantity: 10)]), by: "casey", client: "t")
        try await PriceCatalogStore(database: fixture.database).setPrice(item: "botox", unitPrice: Money(cents: 9_900), effectiveFrom: fixture.today,
                                                                         today: fixture.today, by: "billing", client: "t")
        let again = try #require(try await store.estimate(saved.id))
        #expect(again.details.quote.total == Money(cents: 14_000))
        let gfe = try await store.issueGoodFaithEstimate(estimate: saved.id, on: fixture.today, by: "casey", client: "t")
        #expect(gfe.estimate.total == Money(cents: 14_000), "the GFE is drawn from the estimate's stored lines")
    }

    @Test func aRevisionIssuesTheNextVersionWhichSupersedesTheFirst() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = EstimateStore(database: fixture.database)
        let first = try await store.save(try await details(fixture, [.init(item: "botox", area: "glabellar")]), by: "casey", client: "t")
        let v1 = try await store.issueGoodFaithEstimate(estimate: first.id, on: fixture.today, by: "casey", client: "t")
        await #expect(throws: EstimateError.alreadyIssued(number: v1.estimate.number)) {
            try await store.issueGoodFaithEstimate(estimate: first.id, on: fixture.today, by: "casey", client: "t")
        }
        let second = try await store.save(try await details(fixture, [.init(item: "botox", area: "glabellar"), .init(item: "xeomin", area: "forehead")]),
                                          revises: first.id, by: "casey", client: "t")
        #expect(second.seriesID == first.id)
        await #expect(throws: EstimateError.revisedSince(estimate: second.id)) {
            try await store.save(try await details(fixture, [.init(item: "botox", quantity: 1)]), revises: first.id, by: "casey", client: "t")
        }
        let v2 = try await store.issueGoodFaithEstimate(estimate: second.id, on: fixture.today.adding(days: 1), by: "casey", client: "t")
        #expect(v1.estimate.number == "GFE-\(String(format: "%06lld", first.id))-1")
        #expect(v2.estimate.version == 2 && v2.estimate.supersedes == v1.estimate.number)
        let old = try #require(try await store.goodFaithEstimate(estimate: first.id))
        #expect(old.supersededBy == v2.estimate.number && old.estimate == v1.estimate, "the first version is kept unchanged")
    }

    @Test func aGFEMissingTheTaxIDIsNotIssuedAndNothingIsWritten() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        try await PracticeDirectory(database: fixture.database).setPractice(Practice(
            name: "Blue Ridge Dermatology", address: MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "", hours: "", website: "", taxID: "", npi: NPI.make("123456789")))
        let store = EstimateStore(database: fixture.database)
        let saved = try await store.save(try await details(fixture, [.init(item: "botox", area: "glabellar")]), by: "casey", client: "t")
        await #expect(throws: EstimateError.incomplete(GoodFaithEstimateIncomplete(missing: [.providerTaxID]))) {
            try await store.issueGoodFaithEstimate(estimate: saved.id, on: fixture.today, by: "casey", client: "t")
        }
        #expect(try await store.goodFaithEstimate(estimate: saved.id) == nil)
        let insured = try await store.save(try await details(fixture, [.init(item: "botox", quantity: 5)], selfPay: false), by: "casey", client: "t")
        await #expect(throws: EstimateError.notSelfPay) {
            try await store.issueGoodFaithEstimate(estimate: insured.id, on: fixture.today, by: "casey", client: "t")
        }
    }

    @Test func theDeskListsGFEsOwedSoonestFirst() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = EstimateStore(database: fixture.database)
        var soon = try await details(fixture, [.init(item: "botox", quantity: 5)])
        soon.serviceDate = fixture.today.adding(days: 5)  // Monday to Saturday: 4 business days → due in one
        let later = try await details(fixture, [.init(item: "botox", quantity: 5)])  // three weeks out → due in three
        var tooSoon = try await details(fixture, [.init(item: "botox", quantity: 5)])
        tooSoon.serviceDate = fixture.today.adding(days: 1)
        let a = try await store.save(later, by: "casey", client: "t")
        let b = try await store.save(soon, by: "casey", client: "t")
        _ = try await store.save(tooSoon, by: "casey", client: "t")
        let owed = try await store.gfesOwed()
        #expect(owed.map(\.id) == [b.id, a.id])
        #expect(owed.map(\.gfeDueOn) == [CalendarDate(year: 2026, month: 6, day: 16)!, CalendarDate(year: 2026, month: 6, day: 18)!])
        #expect(owed[0].gfeStatus(today: CalendarDate(year: 2026, month: 6, day: 17)!) == .overdue)
        _ = try await store.issueGoodFaithEstimate(estimate: b.id, on: fixture.today, by: "casey", client: "t")
        #expect(try await store.gfesOwed().map(\.id) == [a.id])
    }

    /// Bills an estimate of one $X microdermabrasion after doing two: $X over the GFE.
    private func billTwiceAsMuch(unitPrice: Money) async throws -> (EstimateBill, StoreFixture) {
        let fixture = try await fixture()
        try await PriceCatalogStore(database: fixture.database).setPrice(item: "microdermabrasion", unitPrice: unitPrice, effectiveFrom: fixture.today,
                                                                         today: fixture.today, by: "billing", client: "t")
        let store = EstimateStore(database: fixture.database)
        let saved = try await store.save(try await details(fixture, [.init(item: "microdermabrasion", quantity: 1)]), by: "casey", client: "t")
        _ = try await store.issueGoodFaithEstimate(estimate: saved.id, on: fixture.today, by: "casey", client: "t")
        let bill = try await fixture.ledger.billEstimate(saved.id, performed: [2], on: fixture.today.adding(days: 21),
                                                         by: Actor("casey", via: .desk), client: "t")
        return (bill, fixture)
    }

    @Test func billed399_99OverTheGFEIsNotFlagged() async throws {
        let (bill, fixture) = try await billTwiceAsMuch(unitPrice: Money(cents: 39_999))
        defer { fixture.remove() }
        #expect(bill.excess == Money(cents: 39_999) && !bill.disputeFlag && bill.disputeUntil == nil)
        #expect(try await fixture.balances.summary(account: bill.accountID).patientDue == Money(cents: 79_998))
    }

    @Test func billed400_00OverTheGFEIsFlaggedAndTheStatementSaysSo() async throws {
        let (bill, fixture) = try await billTwiceAsMuch(unitPrice: Money(cents: 40_000))
        defer { fixture.remove() }
        #expect(bill.excess == Money(cents: 40_000) && bill.disputeFlag)
        #expect(bill.disputeUntil == bill.billedOn.adding(days: 120))
        let audit = try await AuditLog(database: fixture.database).recent()
        #expect(audit.contains { $0.action == "dispute.flag" && $0.accountID == bill.accountID })
        let statements = StatementStore(database: fixture.database)
        let record = try #require(try await statements.generate(account: bill.accountID, cycleDate: bill.billedOn.adding(days: 2)))
        let stored = try #require(try await statements.load(number: record.number))
        #expect(stored.statement.disputeNotice?.contains("right to dispute") == true)
        #expect(stored.json.contains("\"disputeNotice\""))
        let line = try #require(stored.statement.visits.first?.lines.first)
        #expect(line.code == "MICRODERM" && line.selfPay && line.units == 2)
    }

    @Test func billingIsOneTransactionPostedOnce() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let store = EstimateStore(database: fixture.database)
        let saved = try await store.save(try await details(fixture, [.init(item: "botox", area: "glabellar"), .init(item: "dysport", quantity: 52)]),
                                         by: "casey", client: "t")
        await #expect(throws: EstimateError.invalid(ValidationFailure([FieldError("quantities", "at least one item must have been done")]))) {
            try await fixture.ledger.billEstimate(saved.id, performed: [0, 0], on: fixture.today, by: Actor("casey", via: .desk), client: "t")
        }
        let first = try await fixture.ledger.billEstimate(saved.id, on: fixture.today, by: Actor("casey", via: .desk), client: "t")
        let again = try await fixture.ledger.billEstimate(saved.id, on: fixture.today, by: Actor("casey", via: .desk), client: "t")
        #expect(!first.replayed && again.replayed && again.transactionID == first.transactionID)
        #expect(first.billed == Money(cents: 28_000 + 11 * 2_250) && !first.disputeFlag, "no GFE issued: nothing to dispute")
        #expect(try await fixture.balances.summary(account: first.accountID).patientDue == first.billed)
        let charges = try await fixture.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ledger_transactions WHERE kind = 'charge'") }
        #expect(charges == 1)
        // A statement without any flag keeps its old shape: the new field is left out of the JSON.
        let statements = StatementStore(database: fixture.database)
        let record = try #require(try await statements.generate(account: first.accountID, cycleDate: fixture.today))
        #expect(try await statements.load(number: record.number)?.json.contains("disputeNotice") == false)
    }

    @Test func aProspectivePatientsEstimateNeedsTheirAccountToBeBilled() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let saved = try await EstimateStore(database: fixture.database).save(try await details(fixture, [.init(item: "botox", quantity: 10)], account: nil),
                                                                             by: "casey", client: "t")
        await #expect(throws: EstimateError.needsAccount) {
            try await fixture.ledger.billEstimate(saved.id, on: fixture.today, by: Actor("casey", via: .desk), client: "t")
        }
        let (account, patient) = fixture.accounts[1]
        let bill = try await fixture.ledger.billEstimate(saved.id, patient: (account.id, patient.id), on: fixture.today,
                                                         by: Actor("casey", via: .desk), client: "t")
        #expect(bill.accountID == account.id && bill.billed == Money(cents: 14_000))
    }
}
