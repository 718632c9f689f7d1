import BillingCore
@testable import BillingStore
import Foundation
import GRDB
import Testing
import X12
import FuzzSupport

@Suite struct RemittanceFuzzTests {
    static let samples = ["managed-care.835", "united-healthcare-legacy.835", "secondary-payment.835",
                          "blue-cross-nc-no-envelope.835", "medicare-part-a.835", "v4010-reversal-correction-plb.835"]

    /// Each damaged file either posts (every claim posted, already posted or queued, each posted claim whole) or is
    /// refused with a reason and posts nothing; the ledger verifies after every batch. A new database every 50 files
    /// keeps claims posting rather than all being duplicates of the first. 1,000 files, or as many as 60 s allow.
    @Test func damagedFilesPostWholeOrNotAtAll() async throws {
        let originals = try Self.samples.map(RemittanceSamples.bytes)
        var rng = SeededGenerator(seed: 835)
        var imported = 0, refused = 0, posted = 0, rounds = 0
        let started = Date()
        while rounds < 1_000, Date().timeIntervalSince(started) < 60 {
            let fixture = try await StoreFixture(accounts: 3)
            defer { fixture.remove() }
            // Durability is not what this test is about; without a sync per commit it runs at the speed of the code.
            try await fixture.database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
            for name in Self.samples { try await fixture.chargeVisits(for: try RemittanceSamples.read(name)) }
            let posting = RemittancePosting(database: fixture.database)
            for _ in 0..<50 where rounds < 1_000 {
                let damage = X12Mutation.allCases[rounds % X12Mutation.allCases.count]
                let file = damage.apply(to: originals[rounds % originals.count], using: &rng)
                let options = RemittanceReadOptions(acceptsCountMismatches: rounds % 2 == 0)
                let before = try await counts(fixture)
                do {
                    let summary = try await posting.importFile(bytes: file, name: "fuzz-\(rounds)", options: options)
                    let after = try await counts(fixture)
                    #expect(summary.claimsPosted + summary.claimsAlreadyPosted + summary.claimsQueued == summary.claims)
                    #expect(after.transactions - before.transactions == summary.claimsPosted, "round \(rounds)")
                    #expect(after.claims - before.claims == summary.claimsPosted, "round \(rounds)")
                    imported += 1
                    posted += summary.claimsPosted
                } catch let error as RemittanceImportError {
                    #expect(error.description.hasPrefix("fuzz-\(rounds): "), "round \(rounds)")
                    #expect(try await counts(fixture) == before, "a refused file posted something (round \(rounds))")
                    refused += 1
                }
                rounds += 1
            }
            let verification = try await LedgerVerifier(database: fixture.database).verify()
            #expect(verification.holds, "\(verification.problems)")
            #expect(try await fixture.partiallyPostedClaims() == [])
        }
        // About 3 s on an idle machine; on a busy one (the whole suite in parallel) the 60 s bound may cut it short.
        #expect(rounds >= 100, "only \(rounds) files in 60 s")
        #expect(imported > 0 && refused > 0 && posted > 0, "imported \(imported), refused \(refused), claims posted \(posted)")
    }

    private func counts(_ fixture: StoreFixture) async throws -> Counts {
        try await fixture.database.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM ledger_transactions) AS t, (SELECT COUNT(*) FROM remittance_claims) AS c,
                       (SELECT COUNT(*) FROM remittance_files) AS f
                """)
            return Counts(transactions: row?["t"] ?? -1, claims: row?["c"] ?? -1, files: row?["f"] ?? -1)
        }
    }

    private struct Counts: Equatable {
        var transactions: Int, claims: Int, files: Int
    }
}
