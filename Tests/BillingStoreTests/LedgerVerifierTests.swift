import BillingCore
import BillingStore
import DemoPractice
import Foundation
import GRDB
import Testing

@Suite struct LedgerVerifierTests {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 22)!

    func demo(seed: UInt64, patients: Int) async throws -> (URL, String) {
        let folder = StoreFixture.temporaryFolder()
        let path = folder.appendingPathComponent("demo.sqlite").path
        _ = try await DemoPractice.fill(path: path, options: .init(seed: seed, patients: patients, asOf: Self.asOf))
        return (folder, path)
    }

    @Test func aFreshDemoPracticePassesAndACorruptedOneFailsNamingTheTransaction() async throws {
        let (folder, path) = try await demo(seed: 7, patients: 40)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try ClearbillDatabase(path: path)
        defer { try? database.close() }
        let clean = try await LedgerVerifier(database: database).verify()
        #expect(clean.holds, "\(clean.problems)")
        #expect(clean.transactions > 100)

        // Corrupt it the way only direct SQL could: one extra leg that unbalances transaction 5.
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO postings (transaction_id, book, amount_cents, account_id)
                SELECT id, 'revenue', -1, account_id FROM ledger_transactions WHERE id = 5
                """)
        }
        let broken = try await LedgerVerifier(database: database).verify()
        #expect(!broken.holds)
        #expect(broken.offendingTransactions.contains(5))
    }

    @Test func verifierCatchesEachKindOfDamage() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let desk = Actor("t", via: .desk)
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: nil, charges: [1_000], selfPay: true), key: "c", by: desk)
        let payment = try await fixture.ledger.recordPayment(PatientPayment(accountID: fixture.accounts[0].account.id,
                                                                            amount: Money(cents: 1_000), method: .cash,
                                                                            receivedOn: fixture.today), key: "p", by: desk)
        let reversal = try await fixture.ledger.reverse(payment.id, key: "r", by: desk, on: fixture.today, reason: "test")
        #expect(try await LedgerVerifier(database: fixture.database).verify().holds)
        // A reversal that no longer mirrors its original, and a line pushed below zero.
        try await fixture.database.pool.write { db in
            try db.execute(sql: "INSERT INTO postings (transaction_id, book, amount_cents, account_id, service_line_id) VALUES (?, 'patient_due', -5000, ?, 1)",
                           arguments: [reversal.id, fixture.accounts[0].account.id])
            try db.execute(sql: "INSERT INTO postings (transaction_id, book, amount_cents, account_id) VALUES (?, 'cash:cash', 5000, ?)",
                           arguments: [reversal.id, fixture.accounts[0].account.id])
            try db.execute(sql: "DROP TRIGGER postings_no_delete")
        }
        let report = try await LedgerVerifier(database: fixture.database).verify()
        let text = report.problems.map(\.description).joined(separator: "\n")
        #expect(text.contains("not the exact negation"))
        #expect(text.contains("below zero"))
        #expect(text.contains("postings_no_delete is missing"))
    }

    @Test func theSameSeedGivesTheSamePractice() async throws {
        let (folderA, pathA) = try await demo(seed: 11, patients: 15)
        let (folderB, pathB) = try await demo(seed: 11, patients: 15)
        let (folderC, pathC) = try await demo(seed: 12, patients: 15)
        defer { for folder in [folderA, folderB, folderC] { try? FileManager.default.removeItem(at: folder) } }
        func dump(_ path: String) throws -> [String] {
            let queue = try DatabaseQueue(path: path)
            return try queue.read { db in
                try ["accounts", "patients", "encounters", "service_lines", "ledger_transactions", "postings"].flatMap { table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY id").map { "\(table): \($0)" }
                }
            }
        }
        let a = try dump(pathA), b = try dump(pathB), c = try dump(pathC)
        #expect(a.count > 100)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func demoPracticeHasTheStoriesADemoNeeds() async throws {
        let (folder, path) = try await demo(seed: 42, patients: 120)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try ClearbillDatabase(path: path)
        defer { try? database.close() }
        let kinds = try await database.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM ledger_transactions GROUP BY kind")
                .map { ($0["kind"] as String, $0["n"] as Int) })
        }
        for kind in ["charge", "adjudication", "payment", "reversal", "credit_application"] {
            #expect((kinds[kind] ?? 0) > 0, "demo data needs at least one \(kind)")
        }
        let stories = try await database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service_lines WHERE code = 'J0585' AND self_pay = 1") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM postings WHERE book = 'contractual_adjustment' AND amount_cents > 0") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM postings WHERE reason IN ('deductible', 'coinsurance', 'copay')") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM providers") ?? 0)
        }
        #expect(stories.0 > 0, "Botox by the unit")
        #expect(stories.1 > 0 && stories.2 > 0)
        #expect((2...3).contains(stories.3))
    }
}
