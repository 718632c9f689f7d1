@testable import BillingStore
import BillingCore
import Foundation
import GRDB
import Testing

@Suite struct LedgerTests {
    let desk = Actor("frontdesk", via: .desk)

    @Test func opensDurablyInWALWithForeignKeys() async throws {
        let fixture = try await StoreFixture(accounts: 0)
        defer { fixture.remove() }
        let settings = try fixture.database.writerSettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2, "synchronous must be FULL (2) for money writes")
        #expect(settings.foreignKeys)
    }

    @Test func selfPayChargeThenPaymentAllocatesOldestFirstAndKeepsTheRestAsCredit() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, on: fixture.today.adding(days: -40), claim: nil, charges: [10_000], selfPay: true),
                                                   key: "c1", by: desk)
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: nil, charges: [5_000], selfPay: true), key: "c2", by: desk)
        let paid = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 12_000), method: .cash,
                                                                         receivedOn: fixture.today), key: "p1", by: desk)
        #expect(paid.amountReceived == Money(cents: 12_000))
        let lines = try await fixture.balances.lines(account: account)
        #expect(lines.map(\.patientDue) == [.zero, Money(cents: 3_000)])
        #expect(lines.map(\.patientPaid) == [Money(cents: 10_000), Money(cents: 2_000)])
        let summary = try await fixture.balances.summary(account: account)
        #expect(summary.patientDue == Money(cents: 3_000))
        #expect(summary.balance == Money(cents: 3_000))

        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 4_000), method: .check,
                                                                  reference: "1042", receivedOn: fixture.today), key: "p2", by: desk)
        let after = try await fixture.balances.summary(account: account)
        #expect(after.credit == Money(cents: 1_000))
        #expect(after.balance == Money(cents: -1_000))
    }

    @Test func aReplayedKeyReturnsTheFirstResultAndPostsNothing() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let payment = PatientPayment(accountID: fixture.accounts[0].account.id, amount: Money(cents: 2_500), method: .cardTerminal,
                                     reference: "T-77", receivedOn: fixture.today)
        let first = try await fixture.ledger.recordPayment(payment, key: "same-key", by: desk)
        let second = try await fixture.ledger.recordPayment(payment, key: "same-key", by: desk)
        #expect(!first.replayed)
        #expect(second.replayed)
        #expect(second.id == first.id)
        #expect(second.postings == first.postings)
        #expect(try await fixture.database.counts().transactions == 1)
        var different = payment
        different.amount = Money(cents: 2_600)
        await #expect(throws: LedgerError.idempotencyKeyReused(key: "same-key")) {
            try await fixture.ledger.recordPayment(different, key: "same-key", by: desk)
        }
        #expect(try await fixture.database.counts().transactions == 1)
    }

    @Test func adjudicationMovesChargesToPaidAdjustedAndPatientShare() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        let (_, charge) = try await fixture.ledger.recordCharges(fixture.visit(0, claim: "CLM1", charges: [20_000]), key: "c", by: desk)
        let line = try #require(charge.postings.first?.serviceLineID)
        #expect(try await fixture.balances.summary(account: account).insurancePending == Money(cents: 20_000))
        _ = try await fixture.ledger.recordAdjudication([LineAdjudication(serviceLineID: line, paid: Money(cents: 9_000), adjustments: [
            LineAdjustment(group: .contractual, reasonCode: "45", amount: Money(cents: 8_000)),
            LineAdjustment(group: .patientResponsibility, reasonCode: "3", amount: Money(cents: 3_000))])],
            paidBy: .insuranceEFT, reference: "CLM1", on: fixture.today, key: "a", by: desk)
        let balance = try #require(try await fixture.balances.lines(account: account).first)
        #expect(balance.insurancePaid == Money(cents: 9_000))
        #expect(balance.adjustments == Money(cents: 8_000))
        #expect(balance.patientShare == [.copay: Money(cents: 3_000)])
        #expect(balance.patientDue == Money(cents: 3_000))
        #expect(balance.insuranceDue == .zero)
        // Paying more than insurance still owes on the line would drive it below zero: refused, nothing posted.
        let before = try await fixture.database.counts().transactions
        await #expect(throws: LedgerError.wouldGoBelowZero(what: "insurance due on service line \(line)")) {
            try await fixture.ledger.recordAdjudication([LineAdjudication(serviceLineID: line, paid: Money(cents: 1), adjustments: [])],
                                                        paidBy: .insuranceEFT, reference: "CLM1", on: fixture.today, key: "a2", by: desk)
        }
        #expect(try await fixture.database.counts().transactions == before)
    }

    @Test func reversalsNegateOnceAndOnlyOnce() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: nil, charges: [7_500], selfPay: true), key: "c", by: desk)
        let payment = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 7_500), method: .cash,
                                                                            receivedOn: fixture.today), key: "p", by: desk)
        let reversal = try await fixture.ledger.reverse(payment.id, key: "void-p", by: desk, on: fixture.today, reason: "Wrong account")
        #expect(reversal.postings == LedgerRules.reversal(of: payment.postings))
        #expect(try await fixture.balances.summary(account: account).patientDue == Money(cents: 7_500))
        await #expect(throws: LedgerError.alreadyReversed(transaction: payment.id)) {
            try await fixture.ledger.reverse(payment.id, key: "void-p-again", by: desk, on: fixture.today, reason: "again")
        }
        await #expect(throws: LedgerError.cannotReverseReversal(transaction: reversal.id)) {
            try await fixture.ledger.reverse(reversal.id, key: "void-void", by: desk, on: fixture.today, reason: "undo")
        }
        let replay = try await fixture.ledger.reverse(payment.id, key: "void-p", by: desk, on: fixture.today, reason: "Wrong account")
        #expect(replay.replayed && replay.id == reversal.id)
    }

    @Test func aFailureInsideAMultiPostingTransactionLeavesNothingPosted() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        struct Crash: Error {}
        let entry = LedgerEntry(kind: .payment, source: .desk, actor: "t", idempotencyKey: "crash", accountID: account,
                                effectiveDate: fixture.today, postings: [Posting(.cash(.cash), Money(cents: 100)),
                                                                         Posting(.patientCredit, Money(cents: -60)),
                                                                         Posting(.patientCredit, Money(cents: -40))])
        await #expect(throws: Crash.self) {
            try await fixture.database.pool.write { db in
                _ = try LedgerWriter.insert(entry, fingerprint: entry.fingerprint, at: "2026-06-15T12:00:00Z", in: db)
                throw Crash()  // the process "dies" after the postings were written, before commit
            }
        }
        #expect(try await fixture.database.counts().transactions == 0)
        let postings = try await fixture.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM postings") }
        #expect(postings == 0)
        // A visit whose charge transaction fails (bad line) leaves no encounter or line behind either.
        var visit = fixture.visit(0, claim: "CLM9", charges: [100])
        visit.patientID = 999
        await #expect(throws: LedgerError.unknownPatient(999)) { try await fixture.ledger.recordCharges(visit, key: "v", by: desk) }
        let encounters = try await fixture.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM encounters") }
        #expect(encounters == 0)
    }

    @Test func postedHistoryCannotBeEditedOrDeleted() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: fixture.accounts[0].account.id, amount: Money(cents: 100),
                                                                  method: .cash, receivedOn: fixture.today), key: "p", by: desk)
        for sql in ["UPDATE postings SET amount_cents = 1", "DELETE FROM postings", "UPDATE ledger_transactions SET actor = 'x'",
                    "DELETE FROM ledger_transactions"] {
            await #expect(throws: DatabaseError.self, "\(sql) must be refused") {
                try await fixture.database.pool.write { try $0.execute(sql: sql) }
            }
        }
    }

    @Test func creditIsAppliedRefundedAndNeverOverdrawn() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordPayment(PatientPayment(accountID: account, amount: Money(cents: 5_000), method: .cardTerminal,
                                                                  receivedOn: fixture.today), key: "deposit", by: desk)
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, claim: nil, charges: [3_000], selfPay: true), key: "c", by: desk)
        let applied = try await fixture.ledger.applyCredit(account: account, on: fixture.today, key: "apply", by: .system)
        #expect(applied?.postings.contains(Posting(.patientCredit, Money(cents: 3_000))) == true)
        await #expect(throws: LedgerError.insufficientCredit(available: Money(cents: 2_000), requested: Money(cents: 2_001))) {
            try await fixture.ledger.refundCredit(account: account, amount: Money(cents: 2_001), method: .cardTerminal, reference: nil,
                                                  on: fixture.today, key: "r1", by: desk)
        }
        _ = try await fixture.ledger.refundCredit(account: account, amount: Money(cents: 2_000), method: .cardTerminal, reference: nil,
                                                  on: fixture.today, key: "r2", by: desk)
        let summary = try await fixture.balances.summary(account: account)
        #expect(summary.credit == .zero && summary.patientDue == .zero)
        #expect(try await fixture.ledger.applyCredit(account: account, on: fixture.today, key: "apply-2", by: .system) == nil)
    }

    @Test func agingFollowsWhenTheShareBecameThePatients() async throws {
        let fixture = try await StoreFixture()
        defer { fixture.remove() }
        let account = fixture.accounts[0].account.id
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, on: fixture.today.adding(days: -100), claim: nil, charges: [4_000], selfPay: true),
                                                   key: "old", by: desk)
        _ = try await fixture.ledger.recordCharges(fixture.visit(0, on: fixture.today.adding(days: -10), claim: nil, charges: [1_500], selfPay: true),
                                                   key: "new", by: desk)
        let aging = try await fixture.balances.aging(account: account, asOf: fixture.today)
        #expect(aging.days91to120 == Money(cents: 4_000))
        #expect(aging.current == Money(cents: 1_500))
        #expect(aging.total == (try await fixture.balances.summary(account: account)).patientDue)
    }

    @Test func refusesToOpenADatabaseFromANewerClearbill() async throws {
        let fixture = try await StoreFixture(accounts: 0)
        let path = fixture.database.path
        try await fixture.database.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try fixture.database.close()
        #expect(throws: DatabaseOpenError.self) { try ClearbillDatabase(path: path) }
        #expect(throws: DatabaseOpenError.self) { try ClearbillDatabase(path: "/nonexistent-folder/x.sqlite") }
    }
}
