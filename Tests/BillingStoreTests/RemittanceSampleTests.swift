import BillingCore
@testable import BillingStore
import Foundation
import Testing
import X12

/// Every public sample posted against visits billed for its claims.
@Suite struct RemittanceSampleTests {
    @Test(arguments: RemittanceSamples.names)
    func samplePostsVerifiesAndReimportsNothing(name: String) async throws {
        let fixture = try await StoreFixture(accounts: 3)
        defer { fixture.remove() }
        let file = try RemittanceSamples.read(name)
        try await fixture.chargeVisits(for: file)
        let posting = RemittancePosting(database: fixture.database)
        let summary = try await posting.importFile(bytes: try RemittanceSamples.bytes(name), name: name, options: RemittanceSamples.lenient)

        #expect(summary.claims == file.remittances.reduce(0) { $0 + $1.claims.count })
        #expect(summary.claimsPosted + summary.claimsQueued == summary.claims)
        #expect(summary.claimsPosted > 0, "\(summary.queued)")
        #expect(try await fixture.count("remittance_claims") == summary.claimsPosted)
        #expect(try await fixture.count("remittance_work_queue") == summary.claimsQueued)
        #expect(try await fixture.partiallyPostedClaims() == [])
        let verification = try await LedgerVerifier(database: fixture.database).verify()
        #expect(verification.holds, "\(verification.problems)")

        // A file whose every claim and total balance, with nothing to reverse, posts whole and adds up to its check.
        let hasReversals = file.remittances.contains { $0.claims.contains { $0.status == .reversal } }
        if file.balanceProblems().isEmpty, !hasReversals {
            #expect(summary.claimsQueued == 0, "\(summary.queued)")
            #expect(summary.fileBalances)
            #expect(summary.postedBalances)
            #expect(summary.paidCents - summary.providerAdjustmentCents == file.remittances.map(\.payment.amountCents).reduce(0, +))
        }

        let transactions = try await fixture.count("ledger_transactions")
        let again = try await posting.importFile(bytes: try RemittanceSamples.bytes(name), name: name, options: RemittanceSamples.lenient)
        #expect(again.claimsPosted == 0)
        #expect(again.claimsAlreadyPosted == summary.claimsPosted)
        #expect(again.claimsQueued == summary.claimsQueued)
        #expect(again.paidCents == summary.paidCents)
        #expect(try await fixture.count("ledger_transactions") == transactions)
        #expect(try await fixture.count("remittance_work_queue") == summary.claimsQueued)
        #expect(try await fixture.count("remittance_files") == 1)
    }

    /// managed-care.835, claim 5554555444: charge 800, line paid 500 with PR-1 300, and a claim-level CO-A2 of 50
    /// that comes out of the line's payment (CLP04 = 450).
    @Test func claimLevelAdjustmentComesOutOfTheLinePayment() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        try await fixture.chargeVisits(for: try RemittanceSamples.read("managed-care.835"))
        _ = try await RemittancePosting(database: fixture.database)
            .importFile(bytes: try RemittanceSamples.bytes("managed-care.835"), name: "managed-care.835")
        let line = try #require(try await ClaimLookup(database: fixture.database).claim(number: "5554555444")?.lines.first).id
        #expect(try await fixture.lineBook(line, .cash(.insuranceEFT)) == 45_000)
        #expect(try await fixture.lineBook(line, .contractualAdjustment) == 5_000)
        #expect(try await fixture.lineBook(line, .patientDue) == 30_000)
        #expect(try await fixture.lineBook(line, .insuranceDue) == 0)
        let reasons = try await fixture.database.pool.read { db in
            try String.fetchAll(db, sql: "SELECT reason FROM postings WHERE service_line_id = ? AND book = 'patient_due'", arguments: [line])
        }
        #expect(reasons == ["deductible"])
        let balance = try await fixture.balances.summary(account: fixture.accounts[0].account.id)
        #expect(balance.patientDue == Money(cents: 90_000))
    }

    /// medicare-part-a.835 has no SVC lines: each claim is spread over the visit's two lines, exactly.
    @Test func claimWithoutLinesIsApportionedExactly() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        try await fixture.chargeVisits(for: try RemittanceSamples.read("medicare-part-a.835"))
        let summary = try await RemittancePosting(database: fixture.database)
            .importFile(bytes: try RemittanceSamples.bytes("medicare-part-a.835"), name: "medicare-part-a.835")
        #expect(summary.claimsPosted == 2)
        #expect(summary.providerAdjustmentCents == -127)
        #expect(summary.postedBalances)
        let lines = try #require(try await ClaimLookup(database: fixture.database).claim(number: "666123")?.lines)
        var cash: Int64 = 0
        for line in lines {
            #expect(try await fixture.lineBook(line.id, .insuranceDue) == 0)
            cash += try await fixture.lineBook(line.id, .cash(.insuranceEFT))
        }
        #expect(cash == 13_801_840)
        // The payment is spread in proportion to the charges (one third, two thirds), to the cent.
        let first = try await fixture.lineBook(lines[0].id, .cash(.insuranceEFT))
        #expect(abs(first - 13_801_840 / 3) <= 1)
        let plb = try await fixture.database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT provider_adjustments FROM remittance_files") ?? ""
        }
        #expect(plb.contains("\"reason\":\"CV\""))
        #expect(try await fixture.count("postings", where: "book LIKE 'cash:%' AND service_line_id IS NULL") == 0)
    }

    @Test func unreadableFileIsRefusedWithItsSegmentAndPostsNothing() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        var text = String(decoding: try RemittanceSamples.bytes("managed-care.835"), as: UTF8.self)
        text = text.replacingOccurrences(of: "CLP*8765432112*1*1200.00", with: "CLP*8765432112*1*12x0.00")
        try await fixture.chargeVisits(for: try RemittanceSamples.read("managed-care.835"))
        let before = try await fixture.count("ledger_transactions")
        do {
            _ = try await RemittancePosting(database: fixture.database).importFile(bytes: Array(text.utf8), name: "bad.835")
            Issue.record("a garbled amount must refuse the file")
        } catch let error as RemittanceImportError {
            guard case .unreadable(let file, let x12) = error else { Issue.record("\(error)"); return }
            #expect(file == "bad.835")
            #expect(x12.segmentID == "CLP")
            #expect(x12.reason.contains("CLP03"))
            #expect(error.description.contains("segment \(x12.segmentNumber) (CLP)"))
        }
        #expect(try await fixture.count("ledger_transactions") == before)
        #expect(try await fixture.count("remittance_files") == 0)
    }
}
