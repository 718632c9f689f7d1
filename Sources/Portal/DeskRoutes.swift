import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird

/// The front desk's money: payments at the counter with a receipt, voids, credit refunds, and the end-of-day close.
struct DeskRoutes {
    let services: PortalServices

    struct PaymentForm: Decodable {
        var attempt: String
        var method: String
        var amount: String
        var tendered: String?
        var reference: String?
        var visit: String?
    }

    struct VoidForm: Decodable { var reason: String }
    struct RefundForm: Decodable { var attempt: String; var amount: String; var method: String }

    func add(to router: Router<PortalRequestContext>) {
        let desk = router.group("/staff").add(middleware: RequireStaff(role: .frontDesk, pages: services.pages))
        desk.get("accounts/{id}/payment") { _, context in
            try await paymentForm(account: try accountID(context), context: context)
        }
        desk.post("accounts/{id}/payment") { request, context in
            try await takePayment(try await request.decodeForm(PaymentForm.self, context: context), account: try accountID(context), context: context)
        }
        desk.get("receipts/{number}") { request, context in
            let tendered = request.uri.queryParameters.get("tendered").flatMap(Int64.init).map(Money.init(cents:))
            guard let number = context.parameters.get("number"),
                  let receipt = try await ReceiptStore(database: services.database).receipt(number: number, tendered: tendered) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try await services.pages.render("receipt", ["receipt": ReceiptPage.values(receipt, backHref: "/staff", backText: "Find another patient")],
                                                   context: context)
        }
        desk.post("transactions/{id}/void") { request, context -> Response in
            let form = try await request.decodeForm(VoidForm.self, context: context)
            guard let id = context.parameters.get("id", as: Int64.self), let staff = context.staffUser else { throw HTTPError(.notFound) }
            let reason = form.reason.trimmingCharacters(in: .whitespaces)
            guard (3...200).contains(reason.count) else { throw HTTPError(.unprocessableContent, message: "A void needs a reason (3 to 200 characters).") }
            do {
                let reversal = try await Ledger(database: services.database).reverse(id, key: "void-\(id)", by: Actor(staff.username, via: .desk),
                                                                                    on: today, reason: "Void: \(reason)")
                return .redirect(to: "/staff/accounts/\(reversal.accountID ?? 0)", type: .normal)
            } catch let error as LedgerError {
                throw HTTPError(.conflict, message: error.description)
            }
        }
        desk.post("accounts/{id}/refund") { request, context -> Response in
            let form = try await request.decodeForm(RefundForm.self, context: context)
            guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
            let id = try accountID(context)
            guard let method = PaymentMethod(rawValue: form.method), [.cash, .check, .cardTerminal].contains(method) else {
                throw HTTPError(.unprocessableContent, message: "method: choose cash, check or card_terminal")
            }
            let amount: Money
            do { amount = try Money(parsing: form.amount) } catch { throw HTTPError(.unprocessableContent, message: "amount: \(error)") }
            do {
                let refund = try await Ledger(database: services.database).refundCredit(
                    account: id, amount: amount, method: method, reference: nil, on: today, key: "refund-\(form.attempt.prefix(64))",
                    by: Actor(staff.username, via: .desk))
                try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: "refund.desk", account: id,
                                                                       detail: amount.formatted, client: context.clientAddress)
                return .redirect(to: "/staff/receipts/\(ReceiptNumber.make(transactionID: refund.id))", type: .normal)
            } catch let error as LedgerError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
        }
        desk.get("close") { _, context in try await closePage(context: context) }
        desk.post("close") { _, context in
            guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
            _ = try await DayCloseStore(database: services.database).close(staff: staff.username, date: today)
            return try await closePage(context: context)
        }
    }

    private var today: CalendarDate { CalendarDate(services.database.clock(), in: .current) }

    private func accountID(_ context: PortalRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    private func paymentForm(account id: Int64, context: PortalRequestContext, error: String? = nil, form: PaymentForm? = nil,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let account = try await PracticeDirectory(database: services.database).account(id: id) else {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        }
        let balances = AccountBalances(database: services.database)
        let summary = try await balances.summary(account: id)
        var visits: [Int64: (CalendarDate, Money)] = [:]
        for line in try await balances.lines(account: id) where line.patientDue.isPositive {
            visits[line.encounterID] = (line.dateOfService, (visits[line.encounterID]?.1 ?? .zero) + line.patientDue)
        }
        var values: [String: Any] = [
            "accountID": String(id), "name": account.fullName, "accountNumber": account.accountNumber,
            "balance": summary.balance.formatted, "credit": summary.credit.formatted, "hasCredit": summary.credit.isPositive,
            "attempt": form?.attempt ?? SecureRandom.token(byteCount: 16), "amount": form?.amount ?? "",
            "tendered": form?.tendered ?? "", "reference": form?.reference ?? "",
            "visits": visits.sorted { $0.value.0 < $1.value.0 }.map { ["id": String($0.key), "date": $0.value.0.written(), "due": $0.value.1.formatted] },
        ]
        if let error { values["error"] = error }
        return try await services.pages.render("desk-payment", values, context: context, status: status)
    }

    private func takePayment(_ form: PaymentForm, account id: Int64, context: PortalRequestContext) async throws -> Response {
        guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
        func problem(_ text: String) async throws -> Response {
            try await paymentForm(account: id, context: context, error: text, form: form, status: .unprocessableContent)
        }
        guard let method = PaymentMethod(rawValue: form.method), [.cash, .check, .cardTerminal, .hsaFsa].contains(method) else {
            return try await problem("Choose cash, check, card or HSA/FSA card.")
        }
        let amount: Money
        do { amount = try Money(parsing: form.amount) } catch { return try await problem("Amount: \(error.description).") }
        guard amount.isPositive else { return try await problem("Amount: enter more than $0.00.") }
        var tendered: Money?
        if method == .cash, let text = form.tendered, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let cash: Money
            do { cash = try Money(parsing: text) } catch { return try await problem("Cash handed over: \(error.description).") }
            guard CashTender.change(paying: amount, tendered: cash) != nil else {
                return try await problem("Cash handed over (\(cash.formatted)) is less than the payment (\(amount.formatted)).")
            }
            tendered = cash
        }
        let reference = form.reference?.trimmingCharacters(in: .whitespaces) ?? ""
        if method != .cash, reference.isEmpty { return try await problem("Enter the check number or the terminal reference.") }
        let visit = form.visit ?? ""
        let payment = PatientPayment(accountID: id, amount: amount, method: method, reference: reference.isEmpty ? nil : String(reference.prefix(40)),
                                     receivedOn: today, preferredEncounterID: Int64(visit), isDeposit: visit == "deposit")
        let posted: PostedTransaction
        do {
            // The form's attempt token makes a double submit post once.
            posted = try await Ledger(database: services.database).recordPayment(payment, key: "desk-\(form.attempt.prefix(64))",
                                                                                by: Actor(staff.username, via: .desk))
        } catch let error as LedgerError {
            return try await problem(error.description)
        }
        try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: "payment.desk", account: id,
                                                               detail: "\(ReceiptNumber.make(transactionID: posted.id)) \(amount.formatted)",
                                                               client: context.clientAddress)
        let change = tendered.map { "?tendered=\($0.cents)" } ?? ""
        return .redirect(to: "/staff/receipts/\(ReceiptNumber.make(transactionID: posted.id))\(change)", type: .normal)
    }

    private func closePage(context: PortalRequestContext) async throws -> Response {
        guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
        let day = try await DayCloseStore(database: services.database).day(staff: staff.username, date: today)
        return try await services.pages.render("desk-close", [
            "date": day.date.written(), "closedAt": day.closedAt ?? "", "expectedCash": day.expectedCash.formatted,
            "totals": day.totals.map { ["method": $0.method.plainName, "received": $0.received.formatted, "refunded": $0.refunded.formatted] },
            "items": day.items.map { ["receipt": ReceiptNumber.make(transactionID: $0.transactionID), "account": $0.accountNumber,
                                      "method": $0.method.plainName, "reference": $0.reference ?? "", "amount": $0.amount.formatted] },
        ], context: context)
    }
}
