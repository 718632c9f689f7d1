import BillingCore
import GRDB

/// Reads what one statement needs from the ledger, inside the write transaction that stores it.
struct StatementBuilder {
    let db: Database
    let account: Int64
    let cycleDate: CalendarDate
    let daysToPay: Int

    func build(accessCode: String, summary: AccountSummary) throws -> BillingCore.Statement {
        guard let practice = try PracticeDirectory.practice(in: db) else { throw StatementError.practiceNotSet }
        guard let accountRow = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [account]) else {
            throw LedgerError.unknownAccount(account)
        }
        let guarantor = PracticeDirectory.account(accountRow)
        let previous = try String.fetchOne(db, sql: """
            SELECT MAX(cycle_date) FROM statements WHERE account_id = ? AND cycle_date < ?
            """, arguments: [account, cycleDate.iso]).flatMap(CalendarDate.init(iso:))
        let windowStart = previous ?? cycleDate.adding(days: -90)
        let totals = try periodTotals(after: previous)
        let previousBalance = try previous.map { try total(AccountBalances.summary(account: account, asOf: $0, in: db)) } ?? .zero
        let lines = try AccountBalances.lines(account: account, asOf: cycleDate, in: db)
        let language = guarantor.preferredLanguage
        let owed = Money.max(summary.balance, .zero)
        let plan = try PaymentPlanStore.statementSummary(account: account, dueDate: cycleDate.adding(days: daysToPay), in: db)
        // On a plan, what is due is the installment (and whatever the plan does not cover), not the whole balance.
        let amountDue = plan.map { PaymentPlan.amountDue(owed: owed, installmentsDue: $0.installmentDue, planBalance: $0.planBalance) } ?? owed
        let statementSummary = BillingCore.Statement.Summary(
            previousBalance: previousBalance, newCharges: totals.charges, insurancePayments: totals.insurancePaid,
            insuranceAdjustments: totals.adjustments, patientPayments: totals.patientPaid, writeOffs: totals.writeOffs,
            refunds: totals.refunds, balance: total(summary), insurancePending: summary.insurancePending, credit: summary.credit,
            amountDue: amountDue)
        // The identity a reader checks with a pencil; double entry guarantees it, so a miss is a bug worth stopping for.
        let expected = previousBalance + totals.charges - totals.insurancePaid - totals.adjustments - totals.patientPaid
            - totals.writeOffs + totals.refunds
        guard expected == statementSummary.balance else { throw StatementError.doesNotClose(account: account) }
        let serial = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM statements") ?? 1)
        return BillingCore.Statement(
            number: StatementNumber.make(cycle: cycleDate, serial: serial), accessCode: accessCode, cycleDate: cycleDate,
            dueDate: cycleDate.adding(days: daysToPay), previousCycleDate: previous, language: language, practice: practice,
            guarantor: .init(accountNumber: guarantor.accountNumber, name: guarantor.fullName, address: guarantor.address),
            summary: statementSummary,
            visits: try visits(lines.filter { !$0.patientDue.isZero || !$0.insuranceDue.isZero || ($0.lastActivity ?? windowStart) > windowStart },
                               language: language),
            activity: try activity(after: previous, language: language),
            aging: AccountBalances.aging(lines, asOf: cycleDate),
            messages: StatementMessages.messages(for: statementSummary, practicePhone: practice.phone, language: language)
                + (plan.map { [$0.message(language)] } ?? []),
            plan: plan,
            disputeNotice: try Ledger.disputeNotice(account: account, asOf: cycleDate, in: db))
    }

    /// Everything still owed on the account by anyone, net of credit.
    private func total(_ summary: AccountSummary) -> Money { summary.patientDue + summary.insurancePending - summary.credit }

    struct PeriodTotals {
        var charges = Money.zero, insurancePaid = Money.zero, adjustments = Money.zero, patientPaid = Money.zero
        var writeOffs = Money.zero, refunds = Money.zero
    }

    /// Sums of the non-receivable books over the period; by double entry they explain the change in balance.
    private func periodTotals(after previous: CalendarDate?) throws -> PeriodTotals {
        var totals = PeriodTotals()
        for row in try Row.fetchAll(db, sql: """
            SELECT p.book, SUM(p.amount_cents) AS total FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE p.account_id = ?1 AND (?2 IS NULL OR t.effective_date > ?2) AND t.effective_date <= ?3 GROUP BY p.book
            """, arguments: [account, previous?.iso, cycleDate.iso]) {
            guard let book = Book(code: row["book"]) else { continue }
            let amount = Money(cents: row["total"])
            switch book {
            case .revenue: totals.charges -= amount
            case .contractualAdjustment: totals.adjustments += amount
            case .writeOff: totals.writeOffs += amount
            case .cash(let method): if method.isPatientMethod { totals.patientPaid += amount } else { totals.insurancePaid += amount }
            case .refunds: totals.refunds -= amount
            case .patientDue, .insuranceDue, .patientCredit: break
            }
        }
        return totals
    }

    private func visits(_ lines: [LineBalance], language: Language) throws -> [BillingCore.Statement.Visit] {
        var visits: [BillingCore.Statement.Visit] = []
        for encounterID in lines.map(\.encounterID).reduce(into: [Int64](), { if !$0.contains($1) { $0.append($1) } }) {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT e.date_of_service, pa.first_name || ' ' || pa.last_name AS patient,
                       pr.name || CASE WHEN pr.credentials = '' THEN '' ELSE ', ' || pr.credentials END AS provider, lo.name AS location
                FROM encounters e JOIN patients pa ON pa.id = e.patient_id JOIN providers pr ON pr.id = e.provider_id
                JOIN locations lo ON lo.id = e.location_id WHERE e.id = ?
                """, arguments: [encounterID]) else { continue }
            visits.append(BillingCore.Statement.Visit(
                dateOfService: CalendarDate(iso: row["date_of_service"]) ?? cycleDate, patientName: row["patient"],
                provider: row["provider"], location: row["location"],
                lines: lines.filter { $0.encounterID == encounterID }.map { line in
                    BillingCore.Statement.Line(code: line.code, modifiers: line.modifiers,
                                   description: PlainLanguageCodes.describe(code: line.code, language: language), units: line.units,
                                   charge: line.charge, insurancePaid: line.insurancePaid, adjustments: line.adjustments,
                                   patientPaid: line.patientPaid + line.writtenOff, yourShare: line.patientDue,
                                   insurancePending: line.insuranceDue,
                                   reasons: ResponsibilityReason.allCases.compactMap { reason in
                                       line.patientShare[reason].map { BillingCore.Statement.Line.Reason(reason: reason, amount: $0) }
                                   },
                                   selfPay: line.selfPay)
                }))
        }
        return visits
    }

    private func activity(after previous: CalendarDate?, language: Language) throws -> [BillingCore.Statement.Activity] {
        let spanish = language == .spanish
        return try Row.fetchAll(db, sql: """
            SELECT t.kind, t.effective_date, t.memo,
                   SUM(CASE WHEN p.book LIKE 'cash:%' THEN p.amount_cents ELSE 0 END) AS cash,
                   SUM(CASE WHEN p.book = 'contractual_adjustment' THEN p.amount_cents ELSE 0 END) AS adjusted,
                   SUM(CASE WHEN p.book IN ('patient_due', 'insurance_due', 'patient_credit') THEN p.amount_cents ELSE 0 END) AS change,
                   MIN(CASE WHEN p.book LIKE 'cash:%' THEN p.book END) AS method
            FROM ledger_transactions t JOIN postings p ON p.transaction_id = t.id
            WHERE t.account_id = ?1 AND (?2 IS NULL OR t.effective_date > ?2) AND t.effective_date <= ?3
              AND t.kind IN ('payment', 'adjudication', 'refund', 'write_off', 'reversal')
            GROUP BY t.id ORDER BY t.effective_date, t.id
            """, arguments: [account, previous?.iso, cycleDate.iso]).flatMap { row -> [BillingCore.Statement.Activity] in
            let date = CalendarDate(iso: row["effective_date"]) ?? cycleDate
            let memo: String = row["memo"]
            switch row["kind"] as String {
            case "payment":
                let method = (row["method"] as String?).flatMap(Book.init(code:)).flatMap { if case .cash(let m) = $0 { m } else { nil } }
                return [.init(date: date, description: (spanish ? "Pago — " : "Payment — ") + (method?.plainName ?? ""),
                              amount: Money(cents: -(row["cash"] as Int64)))]
            case "adjudication":
                let paid = Money(cents: -(row["cash"] as Int64))
                let payer = memo.isEmpty ? "" : " — \(memo)"
                // A claim that went wholly to the deductible pays nothing: say it was processed rather than "paid $0.00".
                var out = [BillingCore.Statement.Activity(
                    date: date, description: paid.isZero ? (spanish ? "Su seguro procesó la reclamación" : "Insurance processed the claim") + payer
                                                         : (spanish ? "Pago del seguro" : "Insurance payment") + payer,
                    amount: paid)]
                if (row["adjusted"] as Int64) != 0 {
                    out.append(.init(date: date, description: spanish ? "Ajuste del seguro (tarifa contratada)" : "Insurance adjustment (contracted rate)",
                                     amount: Money(cents: -(row["adjusted"] as Int64))))
                }
                return out
            case "refund": return [.init(date: date, description: spanish ? "Reembolso" : "Refund to you", amount: Money(cents: row["change"]))]
            case "write_off": return [.init(date: date, description: (spanish ? "Ajuste de saldo" : "Balance adjustment") + " — \(memo)",
                                            amount: Money(cents: row["change"]))]
            default: return [.init(date: date, description: spanish ? "Corrección de una entrada anterior" : "Correction of an earlier entry",
                                   amount: Money(cents: row["change"]))]
            }
        }
    }
}
