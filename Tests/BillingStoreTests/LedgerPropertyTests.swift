import BillingCore
import BillingStore
import Foundation
import Testing

/// Thousands of random business actions — charges, adjudications, payments, refunds, credit use, write-offs and
/// reversals, with random retries of the same idempotency key — checking the ledger's invariants after every one.
@Suite struct LedgerPropertyTests {
    /// The balances a correct ledger must report, summed from what each action said it posted.
    struct Model {
        var books: [Int64: [String: Money]] = [:]
        mutating func add(_ posted: PostedTransaction) {
            guard let account = posted.accountID else { return }
            for leg in posted.postings { books[account, default: [:]][leg.book.code, default: .zero] += leg.amount }
        }
        func summary(_ account: Int64) -> AccountSummary {
            let b = books[account] ?? [:]
            return AccountSummary(patientDue: b["patient_due"] ?? .zero, credit: (b["patient_credit"] ?? .zero).negated,
                                  insurancePending: b["insurance_due"] ?? .zero)
        }
    }

    @Test(arguments: 0..<24)
    func randomSequencesKeepEveryInvariant(sequence: Int) async throws {
        var rng = SeededGenerator(seed: UInt64(sequence) &* 7919 &+ 17)
        let fixture = try await StoreFixture(accounts: 3)
        defer { fixture.remove() }
        let verifier = LedgerVerifier(database: fixture.database)
        let actor = Actor("property", via: .desk)
        var model = Model()
        var posted: [PostedTransaction] = []
        var keys = 0
        var claims = 0

        for step in 0..<130 {
            let who = Int.random(in: 0..<fixture.accounts.count, using: &rng)
            let account = fixture.accounts[who].account.id
            keys += 1
            let key = "seq\(sequence)-\(keys)"
            let day = fixture.today.adding(days: step)
            let countBefore = try await fixture.database.counts().transactions
            // Each action is a closure so it can be retried with the same key.
            let action: () async throws -> PostedTransaction?
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<22:
                let selfPay = Bool.random(using: &rng)
                claims += 1
                let charges = (0..<Int.random(in: 1...3, using: &rng)).map { _ in Int64.random(in: 1...50_000, using: &rng) }
                let visit = fixture.visit(who, on: day, claim: selfPay ? nil : "S\(sequence)C\(claims)", charges: charges, selfPay: selfPay)
                action = { try await fixture.ledger.recordCharges(visit, key: key, by: actor).transaction }
            case 22..<42:
                let lines = try await fixture.balances.lines(account: account).filter { $0.insuranceDue.isPositive }
                guard let line = lines.randomElement(using: &rng) else { continue }
                // Sometimes more than insurance still owes: must be refused whole.
                let total = Money(cents: Int64.random(in: 1...(line.insuranceDue.cents + (Bool.random(using: &rng) ? 0 : 500)), using: &rng))
                let paid = Money(cents: Int64.random(in: 0...total.cents, using: &rng))
                let patient = Money(cents: Int64.random(in: 0...(total - paid).cents, using: &rng))
                let decision = LineAdjudication(serviceLineID: line.serviceLineID, paid: paid, adjustments: [
                    LineAdjustment(group: .contractual, reasonCode: "45", amount: total - paid - patient),
                    LineAdjustment(group: .patientResponsibility, reasonCode: ["1", "2", "3", "96"].randomElement(using: &rng)!, amount: patient),
                ].filter { !$0.amount.isZero })
                action = { try await fixture.ledger.recordAdjudication([decision], paidBy: .insuranceEFT, reference: nil, on: day, key: key, by: actor) }
            case 42..<62:
                let payment = PatientPayment(accountID: account, amount: Money(cents: Int64.random(in: 1...30_000, using: &rng)),
                                             method: [.cash, .check, .cardTerminal, .cardOnline].randomElement(using: &rng)!, receivedOn: day)
                action = {
                    let result = try await fixture.ledger.recordPayment(payment, key: key, by: actor)
                    #expect(result.amountReceived == payment.amount)
                    return result
                }
            case 62..<70:
                let amount = Money(cents: Int64.random(in: 1...20_000, using: &rng))
                action = { try await fixture.ledger.refundCredit(account: account, amount: amount, method: .check, reference: nil,
                                                                 on: day, key: key, by: actor) }
            case 70..<78:
                action = { try await fixture.ledger.applyCredit(account: account, on: day, key: key, by: actor) }
            case 78..<84:
                let amount = Money(cents: Int64.random(in: 1...2_000, using: &rng))
                action = { try await fixture.ledger.writeOff(account: account, amount: amount, reason: "small balance", on: day, key: key, by: actor) }
            default:
                guard let target = posted.randomElement(using: &rng) else { continue }
                action = { try await fixture.ledger.reverse(target.id, key: key, by: actor, on: day, reason: "property test") }
            }

            let result: PostedTransaction?
            do {
                result = try await action()
            } catch is LedgerError {
                // Refused actions post nothing at all.
                #expect(try await fixture.database.counts().transactions == countBefore, "sequence \(sequence) step \(step)")
                result = nil
            }
            if let result, !result.replayed {
                model.add(result)
                posted.append(result)
                #expect(result.postings.map(\.amount).sum() == .zero)
            }
            if result != nil, Int.random(in: 0..<100, using: &rng) < 25 {
                let countNow = try await fixture.database.counts().transactions
                let again = try await action()
                #expect(again?.replayed == true && again?.id == result?.id, "retry of \(key) must replay")
                #expect(try await fixture.database.counts().transactions == countNow, "a retry posts nothing")
            }

            let report = try await verifier.verify()
            #expect(report.holds, "sequence \(sequence) step \(step): \(report.problems)")
            for entry in fixture.accounts {
                let stored = try await fixture.balances.summary(account: entry.account.id)
                #expect(stored == model.summary(entry.account.id), "sequence \(sequence) step \(step) account \(entry.account.id)")
                let lines = try await fixture.balances.lines(account: entry.account.id)
                #expect(lines.allSatisfy { !$0.patientDue.isNegative && !$0.insuranceDue.isNegative })
                #expect(lines.map(\.patientDue).sum() == stored.patientDue)
            }
            if !report.holds { return }
        }
    }
}
