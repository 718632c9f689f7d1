import BillingCore
import BillingStore
import Hummingbird

/// The signed-in patient's pages. Every one reads only the session's own account; any other account's statement
/// number answers 404, so a guess does not even learn that the statement exists.
struct PatientPages: Sendable {
    let services: PortalServices
    /// The client address, for the audit trail.
    let client: String

    var statements: StatementStore { StatementStore(database: services.database) }

    func summary(account: Account, layout: [String: Any], notice: String? = nil) async throws -> Response {
        let balance = try await AccountBalances(database: services.database).summary(account: account.id)
        let latest = try await statements.latest(account: account.id)
        var values = layout
        values["firstName"] = account.firstName
        values["notice"] = notice
        values["amountDue"] = Money.max(balance.balance, .zero).formatted
        values["hasAmountDue"] = balance.balance.isPositive
        values["dueDate"] = balance.balance.isPositive ? latest?.record.dueDate.written() : nil
        values["balance"] = balance.balance.formatted
        values["insurancePending"] = balance.insurancePending.formatted
        values["hasInsurancePending"] = balance.insurancePending.isPositive
        values["credit"] = balance.credit.formatted
        values["hasCredit"] = balance.credit.isPositive
        values["planStatus"] = "not enrolled. Plans with no interest are available for larger balances."
        values["latest"] = latest.map { ["number": $0.record.number, "date": $0.record.cycleDate.written(),
                                         "amountDue": $0.record.amountDue.formatted, "dueDate": $0.record.dueDate.written()] }
        try await audit(account, "view.summary")
        return services.views.page("account", values)
    }

    func statementList(account: Account, layout: [String: Any]) async throws -> Response {
        let records = try await statements.list(account: account.id)
        var values = layout
        values["statements"] = records.map { ["number": $0.number, "date": $0.cycleDate.written(), "amountDue": $0.amountDue.formatted,
                                              "dueDate": $0.dueDate.written()] }
        values["hasStatements"] = !records.isEmpty
        try await audit(account, "view.statements")
        return services.views.page("statements", values)
    }

    func statement(number: String, account: Account, layout: [String: Any]) async throws -> Response {
        guard StatementNumber.isValid(number), let stored = try await statements.load(number: number, account: account.id) else {
            return services.views.page("message", layout.merging(["heading": "Statement not found",
                                                                  "message": "We could not find that statement on your account."]) { $1 },
                                       status: .notFound)
        }
        var values = layout
        values["statement"] = StatementPage.values(stored.statement)
        try await audit(account, "view.statement", subject: "statement:\(stored.record.id)")
        return services.views.page("statement", values)
    }

    func paymentHistory(account: Account, layout: [String: Any]) async throws -> Response {
        let entries = try await AccountHistory(database: services.database).entries(account: account.id, kinds: [.payment, .refund, .reversal])
        var values = layout
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
        return services.views.page("payments", values)
    }

    /// The way to pay. Until a gateway is configured this says plainly that online payment is unavailable.
    func pay(account: Account, layout: [String: Any]) async throws -> Response {
        let balance = try await AccountBalances(database: services.database).summary(account: account.id)
        let latest = try await statements.latest(account: account.id)
        var values = layout
        values["amountDue"] = Money.max(balance.balance, .zero).formatted
        values["dueDate"] = latest?.record.dueDate.written()
        values["onlinePayments"] = false
        return services.views.page("pay", values)
    }

    private func audit(_ account: Account, _ action: String, subject: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: "patient:\(account.id)", action: action, subject: subject,
                                                               account: account.id, client: client)
    }
}
