import BillingCore
import BillingStore
import ClearbillCrypto
import Hummingbird

/// The staff area: find a patient, see the ledger behind a balance, edit the FAQ, read the audit log.
struct StaffPages: Sendable {
    let services: PortalServices
    let staff: StaffUser
    let context: PortalRequestContext

    private var client: String { context.clientAddress }

    func search(query: String?) async throws -> Response {
        var values: [String: Any] = [:]
        values["query"] = query ?? ""
        if let query, !query.trimmingCharacters(in: .whitespaces).isEmpty {
            let results = try await AccountHistory(database: services.database).search(String(query.prefix(100)))
            values["searched"] = true
            values["hasResults"] = !results.isEmpty
            values["results"] = results.map { ["id": String($0.id), "name": "\($0.lastName), \($0.firstName)",
                                               "accountNumber": $0.accountNumber, "dob": $0.dateOfBirth.us, "city": $0.address.city] }
            try await audit("staff.search", detail: "\(results.count) result(s)")
        }
        return try await services.pages.render("staff-search", values, context: context)
    }

    func account(id: Int64) async throws -> Response {
        guard let account = try await PracticeDirectory(database: services.database).account(id: id) else {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        }
        let balance = try await AccountBalances(database: services.database).summary(account: id)
        let entries = try await AccountHistory(database: services.database).entries(account: id)
        let statements = try await StatementStore(database: services.database).list(account: id)
        var values: [String: Any] = [:]
        values["name"] = account.fullName
        values["accountNumber"] = account.accountNumber
        values["dob"] = account.dateOfBirth.us
        values["address"] = account.address.lines.joined(separator: ", ")
        values["phone"] = account.phone
        values["email"] = account.email
        values["language"] = account.preferredLanguage == .spanish ? "Spanish" : "English"
        values["patientDue"] = balance.patientDue.formatted
        values["credit"] = balance.credit.formatted
        values["insurancePending"] = balance.insurancePending.formatted
        values["balance"] = balance.balance.formatted
        values["accountID"] = String(id)
        values["hasCredit"] = balance.credit.isPositive
        values["creditPlain"] = balance.credit.plainDecimal
        values["attempt"] = SecureRandom.token(byteCount: 16)
        let reversed = Set(entries.compactMap(\.reverses))
        // Online card payments with something left to send back to the card: the refund form shows that as its limit.
        var refundable: [Int64: OnlineRefundable] = [:]
        for entry in entries where entry.kind == .payment && entry.source == .portal {
            if let left = try await OnlinePaymentStore(database: services.database).refundable(transactionID: entry.transactionID),
               left.remaining.isPositive {
                refundable[entry.transactionID] = left
            }
        }
        values["statements"] = statements.map { ["accountID": String(id), "number": $0.number, "date": $0.cycleDate.written(),
                                                 "amountDue": $0.amountDue.formatted] }
        values["entries"] = entries.map { entry -> [String: Any] in
            var row: [String: Any] = [
                "id": String(entry.transactionID), "date": entry.effectiveDate.short,
                "what": entry.memo.isEmpty ? entry.kind.rawValue : entry.memo,
                "by": "\(entry.actor) (\(entry.source.rawValue))", "change": entry.patientChange.formatted,
                "voidable": (entry.kind == .payment || entry.kind == .refund) && entry.source == .desk && !reversed.contains(entry.transactionID),
                "postings": entry.postings.map { posting -> [String: Any] in
                    var leg: [String: Any] = ["book": posting.book.code, "amount": posting.amount.formatted]
                    if let line = posting.serviceLineID { leg["line"] = String(line) }
                    if let reason = posting.reason { leg["reason"] = reason.rawValue }
                    return leg
                },
            ]
            // Left out when absent: Mustache shows a section for any string, the empty one too.
            if let reference = entry.reference, !reference.isEmpty { row["reference"] = reference }
            if let left = refundable[entry.transactionID] {
                row["onlineRefund"] = ["id": String(entry.transactionID), "left": left.remaining.formatted,
                                       "leftPlain": left.remaining.plainDecimal, "attempt": SecureRandom.token(byteCount: 16)]
            }
            return row
        }
        let today = CalendarDate(services.database.clock(), in: .current)
        values["disputeNotice"] = try await Ledger(database: services.database).disputeNotice(account: id, asOf: today) ?? ""
        let estimates = try await EstimateStore(database: services.database).list(account: id, limit: 20)
        values["hasEstimates"] = !estimates.isEmpty
        values["estimates"] = estimates.map { ["id": String($0.id), "patient": $0.patientName, "total": $0.total.formatted, "gfe": $0.gfeNumber ?? ""] }
        try await audit("staff.view.account", account: id)
        return try await services.pages.render("staff-account", values, context: context)
    }

    func statement(accountID: Int64, number: String) async throws -> Response {
        guard let stored = try await StatementStore(database: services.database).load(number: number, account: accountID) else {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        }
        var values: [String: Any] = [:]
        var statement = StatementPage.values(stored.statement)
        statement["pdfHref"] = "/staff/accounts/\(accountID)/statements/\(stored.record.number)/pdf"
        values["statement"] = statement
        try await audit("staff.view.statement", account: accountID, subject: "statement:\(stored.record.id)")
        return try await services.pages.render("statement", values, context: context)
    }

    func faqEditor(notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var values: [String: Any] = [:]
        values["entries"] = try await FAQStore(database: services.database).all().map {
            ["id": String($0.id), "position": String($0.position), "question": $0.question, "answer": $0.answer]
        }
        values["notice"] = notice
        values["error"] = error
        return try await services.pages.render("staff-faq", values, context: context, status: status)
    }

    func auditLog() async throws -> Response {
        var values: [String: Any] = [:]
        values["events"] = try await AuditLog(database: services.database).recent(limit: 200).map {
            ["at": $0.at, "actor": $0.actor, "action": $0.action, "subject": $0.subject,
             "account": $0.accountID.map(String.init) ?? "", "client": $0.client]
        }
        try await audit("staff.view.audit")
        return try await services.pages.render("staff-audit", values, context: context)
    }

    private func audit(_ action: String, account: Int64? = nil, subject: String = "", detail: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: action, subject: subject,
                                                               account: account, detail: detail, client: client)
    }
}
