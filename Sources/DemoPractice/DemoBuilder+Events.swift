import BillingCore
import BillingStore

extension DemoBuilder {
    mutating func run(_ event: Event, on date: CalendarDate, ledger: Ledger, location: Int64) async throws {
        let desk = Actor("frontdesk", via: .desk)
        let claims = Actor("claims-module", via: .claims)
        switch event {
        case .charge(let index):
            var visit = visits[index]
            let lines = visit.template.lines.enumerated().map { offset, line in
                NewServiceLine(code: line.code, modifiers: line.modifiers, diagnosisCodes: line.diagnoses, units: line.units,
                               charge: line.charge, selfPay: visit.claimNumber == nil,
                               lineControlNumber: visit.claimNumber.map { "\($0)-\(offset + 1)" })
            }
            let encounter = NewEncounter(accountID: visit.account, patientID: visit.patient, providerID: visit.provider,
                                         locationID: location, dateOfService: visit.date, placeOfService: "11",
                                         claimNumber: visit.claimNumber, lines: lines)
            let result = try await ledger.recordCharges(encounter, key: nextKey(), by: visit.claimNumber == nil ? desk : claims)
            let charged = try await AccountBalances(database: database).lines(account: visit.account)
                .filter { $0.encounterID == result.encounterID }
            visit.encounterID = result.encounterID
            visit.lines = charged.map { ($0.serviceLineID, $0.code, $0.charge) }
            visits[index] = visit
        case .adjudicate(let index, let deny):
            guard let coverage = visits[index].coverageIndex, !visits[index].lines.isEmpty else { return }
            let decision = coverages[coverage].adjudicate(lines: visits[index].lines, year: date.year, deny: deny)
            let posted = try await ledger.recordAdjudication(decision, paidBy: .insuranceEFT,
                                                             reference: visits[index].claimNumber, on: date, key: nextKey(),
                                                             by: claims, memo: coverages[coverage].payer)
            visits[index].adjudication = posted.id
        case .correctAdjudication(let index):
            // The payer takes its decision back (an 835 CLP02 = 22) and sends a corrected one paying a little more.
            guard let first = visits[index].adjudication, let coverage = visits[index].coverageIndex else { return }
            let reversed = try? await ledger.reverse(first, key: nextKey(), by: claims, on: date, reason: "Payer reversal (claim status 22)")
            guard reversed != nil else { return }
            var corrected = coverages[coverage]
            corrected.allowedPercent = min(corrected.allowedPercent + 5, 95)
            corrected.deductibleMet = [:]
            let decision = corrected.adjudicate(lines: visits[index].lines, year: date.year, deny: false)
            let posted = try await ledger.recordAdjudication(decision, paidBy: .insuranceEFT, reference: visits[index].claimNumber,
                                                             on: date, key: nextKey(), by: claims, memo: "\(corrected.payer) (corrected)")
            visits[index].adjudication = posted.id
        case .deskPayment(let account, let amount, let method):
            _ = try await ledger.recordPayment(PatientPayment(accountID: account, amount: amount, method: method,
                                                              reference: method == .check ? "\(1000 + keyCounter)" : nil,
                                                              receivedOn: date), key: nextKey(), by: desk)
        case .payBalance(let account, let percent, let method):
            let summary = try await AccountBalances(database: database).summary(account: account)
            let amount = Money(cents: summary.balance.cents * percent / 100)
            guard amount >= Money.dollars(1) else { return }
            let online = method == .cardOnline || method == .bankOnline
            _ = try await ledger.recordPayment(PatientPayment(accountID: account, amount: amount, method: method,
                                                              reference: online ? "pi_demo_\(keyCounter)" : nil, receivedOn: date),
                                               key: nextKey(), by: online ? Actor("patient", via: .portal) : desk)
        case .applyCredit(let account):
            _ = try await ledger.applyCredit(account: account, on: date, key: nextKey(), by: .system)
        case .refundCredit(let account):
            let credit = try await AccountBalances(database: database).summary(account: account).credit
            guard credit.isPositive else { return }
            _ = try await ledger.refundCredit(account: account, amount: credit, method: .check, reference: "refund check",
                                              on: date, key: nextKey(), by: Actor("billing", via: .desk))
        case .writeOffSmallBalance(let account):
            let due = try await AccountBalances(database: database).summary(account: account).patientDue
            guard due.isPositive, due < Money.dollars(10) else { return }
            _ = try await ledger.writeOff(account: account, amount: due, reason: "Small balance write-off", on: date,
                                          key: nextKey(), by: Actor("billing", via: .desk))
        }
    }

    /// Four patients worth opening, each with a statement: a balance after insurance, a cosmetic self-pay balance, a
    /// Spanish reader, and a balance large enough for a payment plan under the standard policy.
    func summary(accounts: [Account]) async throws -> DemoPractice.Summary {
        let balances = AccountBalances(database: database)
        let statements = StatementStore(database: database)
        var picks: [DemoPractice.TryIt] = []
        var used = Set<Int64>()
        func consider(_ note: String, _ test: (Account, AccountSummary, [LineBalance]) -> Bool) async throws {
            for account in accounts where !used.contains(account.id) && account.address.isMailable {
                let summary = try await balances.summary(account: account.id)
                let lines = try await balances.lines(account: account.id)
                if test(account, summary, lines), try await statements.latest(account: account.id) != nil {
                    used.insert(account.id)
                    picks.append(.init(name: account.fullName, accountNumber: account.accountNumber, lastName: account.lastName,
                                       dateOfBirth: account.dateOfBirth, balance: summary.balance, note: note))
                    return
                }
            }
        }
        try await consider("owes after insurance (deductible and coinsurance)") { _, s, lines in
            s.patientDue > Money.dollars(100) && lines.contains { $0.insurancePaid.isPositive && $0.patientDue.isPositive }
        }
        try await consider("cosmetic self-pay balance") { _, s, lines in
            s.patientDue.isPositive && lines.contains { $0.selfPay && $0.patientDue.isPositive }
        }
        try await consider("reads statements in Spanish") { a, s, _ in a.preferredLanguage == .spanish && s.patientDue.isPositive }
        try await consider("can spread the balance over a payment plan") { _, s, _ in
            s.balance >= PlanPolicy.standard.minimumBalance
        }
        return DemoPractice.Summary(accounts: accounts.count, transactions: try await database.counts().transactions,
                                    tryIt: picks, staff: DemoPractice.staffLogins)
    }
}
