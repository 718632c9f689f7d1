import BillingCore
import BillingStore
import Hummingbird

/// The signed-in patient's pages. Every one reads only the session's own account; any other account's statement
/// number answers 404, so a guess does not even learn that the statement exists.
struct PatientPages: Sendable {
    let services: PortalServices
    let context: PortalRequestContext

    private var client: String { context.clientAddress }

    var statements: StatementStore { StatementStore(database: services.database) }

    func summary(account: Account, notice: String? = nil) async throws -> Response {
        let balance = try await AccountBalances(database: services.database).summary(account: account.id)
        let latest = try await statements.latest(account: account.id)
        let plan = try await PaymentPlanStore(database: services.database).currentPlan(account: account.id)
        let owed = Money.max(balance.balance, .zero)
        // On a plan, what is due now is the installments due by today (charged automatically) and what the plan does not cover.
        let due = plan.flatMap { $0.status.isOpen ? $0 : nil }.map { plan in
            PaymentPlan.amountDue(owed: owed, installmentsDue: plan.due(by: CalendarDate(services.database.clock(), in: .current)),
                                  planBalance: plan.remaining)
        } ?? owed
        var values: [String: Any] = [:]
        values["firstName"] = account.firstName
        values["notice"] = notice
        values["amountDue"] = due.formatted
        values["hasAmountDue"] = due.isPositive
        values["dueDate"] = due.isPositive ? latest?.record.dueDate.written() : nil
        values["balance"] = balance.balance.formatted
        values["insurancePending"] = balance.insurancePending.formatted
        values["hasInsurancePending"] = balance.insurancePending.isPositive
        values["credit"] = balance.credit.formatted
        values["hasCredit"] = balance.credit.isPositive
        values["planStatus"] = plan.map { plan in
            "\(plan.status.plainName)" + (plan.status.isOpen ? ", \(plan.remaining.formatted) left" : "")
                + (plan.status.isOpen ? plan.nextUnpaid.map { "; next installment \($0.amount.formatted) on \($0.dueDate.written())" } ?? "" : "")
                + (plan.installments.last(where: { $0.status == .paid }).map { "; last paid \($0.paidAmount.formatted)" } ?? "") + "."
        } ?? "not enrolled. Plans with no interest are available for larger balances."
        values["latest"] = latest.map { ["number": $0.record.number, "date": $0.record.cycleDate.written(),
                                         "amountDue": $0.record.amountDue.formatted, "dueDate": $0.record.dueDate.written()] }
        try await audit(account, "view.summary")
        return try await services.pages.render("account", values, context: context)
    }

    func statementList(account: Account) async throws -> Response {
        let records = try await statements.list(account: account.id)
        var values: [String: Any] = [:]
        values["statements"] = records.map { ["number": $0.number, "date": $0.cycleDate.written(), "amountDue": $0.amountDue.formatted,
                                              "dueDate": $0.dueDate.written()] }
        values["hasStatements"] = !records.isEmpty
        try await audit(account, "view.statements")
        return try await services.pages.render("statements", values, context: context)
    }

    func statement(number: String, account: Account) async throws -> Response {
        guard StatementNumber.isValid(number), let stored = try await statements.load(number: number, account: account.id) else {
            return try await services.pages.message(.statementNotFound, context: context, status: .notFound)
        }
        var values: [String: Any] = [:]
        var statement = StatementPage.values(stored.statement)
        statement["pdfHref"] = "/account/statements/\(stored.record.number)/pdf"
        values["statement"] = statement
        try await audit(account, "view.statement", subject: "statement:\(stored.record.id)")
        return try await services.pages.render("statement", values, context: context)
    }

    func paymentHistory(account: Account) async throws -> Response {
        let entries = try await AccountHistory(database: services.database).entries(account: account.id, kinds: [.payment, .refund, .reversal])
        var values: [String: Any] = [:]
        let rows: [[String: String]] = entries.compactMap { entry in
            switch entry.kind {
            case .payment:
                let method = entry.postings.compactMap { if case .cash(let m) = $0.book { m.plainName } else { nil } }.first ?? ""
                return ["date": entry.effectiveDate.written(), "what": "Payment — \(method)", "reference": entry.reference ?? "",
                        "amount": entry.cash.formatted]
            case .refund:
                return ["date": entry.effectiveDate.written(), "what": "Refund to you", "reference": entry.reference ?? "",
                        "amount": entry.cash.formatted]
            case .reversal where !entry.cash.isZero:
                return ["date": entry.effectiveDate.written(), "what": "Payment voided", "reference": entry.reference ?? "",
                        "amount": entry.cash.formatted]
            default: return nil
            }
        }
        values["payments"] = rows
        values["hasPayments"] = !rows.isEmpty
        try await audit(account, "view.payments")
        return try await services.pages.render("payments", values, context: context)
    }

    private func audit(_ account: Account, _ action: String, subject: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: "patient:\(account.id)", action: action, subject: subject,
                                                               account: account.id, client: client)
    }
}
