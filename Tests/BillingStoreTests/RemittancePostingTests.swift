import BillingCore
@testable import BillingStore
import Foundation
import Testing
import X12

/// Reversals, corrections and the work queue, with small files written for each case.
@Suite struct RemittancePostingTests {
    /// A visit with one line per (code, charge, line control number).
    private func visit(_ fixture: StoreFixture, claim: String, lines: [(String, Int64, String?)]) async throws -> [Int64] {
        let visit = NewEncounter(accountID: fixture.accounts[0].account.id, patientID: fixture.accounts[0].patient.id,
                                 providerID: fixture.provider.id, locationID: fixture.location.id, dateOfService: fixture.today,
                                 placeOfService: "11", claimNumber: claim,
                                 lines: lines.map { NewServiceLine(code: $0.0, charge: Money(cents: $0.1), lineControlNumber: $0.2) })
        _ = try await fixture.ledger.recordCharges(visit, key: "visit:\(claim)", by: .system)
        return try #require(try await ClaimLookup(database: fixture.database).claim(number: claim)).lines.map(\.id)
    }

    private func post(_ fixture: StoreFixture, _ file: Test835, name: String = "test.835") async throws -> RemittanceSummary {
        try await RemittancePosting(database: fixture.database).importFile(bytes: file.bytes, name: name)
    }

    private func verify(_ fixture: StoreFixture) async throws {
        let verification = try await LedgerVerifier(database: fixture.database).verify()
        #expect(verification.holds, "\(verification.problems)")
        #expect(try await fixture.partiallyPostedClaims() == [])
    }

    /// The sample's reversal (CLP02 22) and correction of claim 123839-24635, after the original payment it reverses
    /// was posted from an earlier file; and the reversal of 134158-27488 with nothing after it.
    @Test func reversalThenCorrection() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        let first = try await visit(fixture, claim: "123839-24635", lines: [("T1017", 31_000, nil)])
        let second = try await visit(fixture, claim: "134158-27488", lines: [("T1017", 50_025, nil)])
        let original = Test835(claims: [
            .init(number: "123839-24635", charge: 31_000, paid: 21_000, payerClaim: "6363451",
                  services: [.init(code: "T1017", charge: 31_000, paid: 21_000, adjustments: [("CO", "45", 10_000)])]),
            .init(number: "134158-27488", charge: 50_025, paid: 50_025, payerClaim: "6397645",
                  services: [.init(code: "T1017", charge: 50_025, paid: 50_025)]),
        ], controlNumber: "000000001")
        #expect(try await post(fixture, original, name: "original.835").claimsPosted == 2)
        #expect(try await fixture.lineBook(first[0], .insuranceDue) == 0)

        let summary = try await RemittancePosting(database: fixture.database)
            .importFile(bytes: try RemittanceSamples.bytes("v4010-reversal-correction-plb.835"), name: "sample.835")
        #expect(summary.claimsPosted == 3, "\(summary.queued)")
        #expect(summary.paidCents == -21_000 + 20_000 - 50_025)
        #expect(summary.providerAdjustmentCents == -100_810 + 2_421 + 595)
        #expect(!summary.fileBalances)
        // Reversed and corrected: 310.00 billed, the correction settles 300.00 of it (200 paid, 100 adjusted).
        #expect(try await fixture.lineBook(first[0], .insuranceDue) == 1_000)
        #expect(try await fixture.lineBook(first[0], .cash(.insuranceCheck)) == 20_000)
        #expect(try await fixture.lineBook(first[0], .cash(.insuranceEFT)) == 0)
        // Reversed only: owed by the payer again in full.
        #expect(try await fixture.lineBook(second[0], .insuranceDue) == 50_025)
        #expect(try await fixture.count("ledger_transactions", where: "kind = 'reversal' AND reverses_id IS NOT NULL") == 2)
        #expect(try await fixture.count("remittance_claims", where: "reverses_claim_id IS NOT NULL") == 2)
        try await verify(fixture)

        // Importing the same file again neither posts nor reverses anything twice.
        let again = try await RemittancePosting(database: fixture.database)
            .importFile(bytes: try RemittanceSamples.bytes("v4010-reversal-correction-plb.835"), name: "sample.835")
        #expect(again.claimsPosted == 0 && again.claimsAlreadyPosted == 3)
        #expect(try await fixture.count("ledger_transactions", where: "kind = 'reversal'") == 2)
    }

    @Test func reversalWithNothingToReverseIsQueued() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        _ = try await visit(fixture, claim: "C-1", lines: [("99213", 10_000, nil)])
        let reversal = Test835(claims: [.init(number: "C-1", status: "22", charge: -10_000, paid: -8_000,
                                              adjustments: [("CO", "45", -2_000)])])
        let summary = try await post(fixture, reversal)
        #expect(summary.claimsQueued == 1)
        #expect(summary.queued.first?.reason.contains("no posted payment of claim C-1") == true)
        #expect(try await fixture.count("ledger_transactions", where: "kind != 'charge'") == 0)
    }

    /// The second line matches nothing, so the first, which would match, is not posted either.
    @Test func unmatchedLineQueuesTheWholeClaim() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        let lines = try await visit(fixture, claim: "C-2", lines: [("11102", 15_000, "L1"), ("17000", 9_000, "L2")])
        _ = try await visit(fixture, claim: "C-3", lines: [("99213", 12_000, nil)])
        let file = Test835(claims: [
            .init(number: "C-2", charge: 24_000, paid: 20_000, services: [
                .init(code: "11102", charge: 15_000, paid: 15_000, controlNumber: "L1"),
                .init(code: "11104", charge: 9_000, paid: 5_000, adjustments: [("CO", "45", 4_000)]),
            ]),
            .init(number: "C-3", charge: 12_000, paid: 9_000, patientShare: 3_000,
                  services: [.init(code: "99213", charge: 12_000, paid: 9_000, adjustments: [("PR", "3", 3_000)])]),
            .init(number: "NOT-OURS", charge: 5_000, paid: 5_000, services: [.init(code: "99212", charge: 5_000, paid: 5_000)]),
        ])
        let summary = try await post(fixture, file)
        #expect(summary.claimsPosted == 1)
        #expect(summary.claimsQueued == 2)
        #expect(summary.queued.map(\.claimNumber) == ["C-2", "NOT-OURS"])
        #expect(summary.queued[0].reason.contains("11104"))
        #expect(summary.queued[1].reason.contains("no visit carries claim number NOT-OURS"))
        #expect(!summary.postedBalances)
        for line in lines { #expect(try await fixture.lineBook(line, .cash(.insuranceEFT)) == 0) }
        let items = try await RemittanceWorkQueue(database: fixture.database).open()
        #expect(items.count == 2)
        let snapshot = try JSONDecoder().decode(RemittanceClaimSnapshot.self, from: Data(items[0].claimJSON.utf8))
        #expect(snapshot.claimNumber == "C-2")
        #expect(snapshot.services.map(\.procedure) == ["HC:11102", "HC:11104"])
        #expect(items[0].fileName == "test.835")
        try await verify(fixture)
    }

    @Test func unbalancedClaimIsQueuedWhole() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        let lines = try await visit(fixture, claim: "C-4", lines: [("99213", 10_000, nil)])
        // 100.00 − 20.00 is 80.00, but the payer says 85.00 was paid.
        let file = Test835(claims: [.init(number: "C-4", charge: 10_000, paid: 8_500,
                                          services: [.init(code: "99213", charge: 10_000, paid: 8_500, adjustments: [("CO", "45", 2_000)])])])
        let summary = try await post(fixture, file)
        #expect(summary.claimsQueued == 1)
        #expect(summary.queued.first?.reason.contains("does not balance") == true)
        #expect(try await fixture.lineBook(lines[0], .insuranceDue) == 10_000)
        try await verify(fixture)
    }

    /// A second payment of the same line by another payer claim would take insurance due below zero.
    @Test func claimThatWouldDriveALineBelowZeroIsQueued() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        let lines = try await visit(fixture, claim: "C-5", lines: [("99213", 10_000, nil)])
        func payment(_ payerClaim: String) -> Test835 {
            Test835(claims: [.init(number: "C-5", charge: 10_000, paid: 10_000, payerClaim: payerClaim,
                                   services: [.init(code: "99213", charge: 10_000, paid: 10_000)])], controlNumber: "00000000\(payerClaim.count)")
        }
        #expect(try await post(fixture, payment("A")).claimsPosted == 1)
        let second = try await post(fixture, payment("BB"))
        #expect(second.claimsQueued == 1)
        #expect(second.queued.first?.reason.contains("below zero") == true)
        // The same payer claim in another file is a duplicate, not a second payment.
        var duplicate = payment("A")
        duplicate.controlNumber = "000000777"
        #expect(try await post(fixture, duplicate).queued.first?.reason.contains("already posted") == true)
        #expect(try await fixture.lineBook(lines[0], .cash(.insuranceEFT)) == 10_000)
        try await verify(fixture)
    }

    /// A claim queued for want of a visit posts when the file is imported again after the visit exists.
    @Test func queuedClaimPostsOnReimportOnceItsVisitExists() async throws {
        let fixture = try await StoreFixture(accounts: 1)
        defer { fixture.remove() }
        let file = Test835(claims: [.init(number: "C-6", charge: 10_000, paid: 7_000, patientShare: 2_000, services: [
            .init(code: "99214", charge: 10_000, paid: 7_000, adjustments: [("CO", "45", 1_000), ("PR", "2", 2_000)]),
        ])])
        #expect(try await post(fixture, file).claimsQueued == 1)
        #expect(try await RemittanceWorkQueue(database: fixture.database).openCount() == 1)
        let lines = try await visit(fixture, claim: "C-6", lines: [("99214", 10_000, nil)])
        let again = try await post(fixture, file)
        #expect(again.claimsPosted == 1 && again.claimsQueued == 0)
        #expect(again.postedBalances)
        #expect(try await RemittanceWorkQueue(database: fixture.database).openCount() == 0)
        #expect(try await fixture.lineBook(lines[0], .patientDue) == 2_000)
        try await verify(fixture)
    }
}
