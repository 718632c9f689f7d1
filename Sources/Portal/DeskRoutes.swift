import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import Payments

/// The front desk's money: payments at the counter with a receipt, voids, credit refunds, refunds of online payments
/// back to the card, and the end-of-day close.
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
    struct OnlineRefundForm: Decodable { var attempt: String; var amount: String }

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
            return try await services.pages.render("receipt", ["receipt": ReceiptPage.values(receipt, backHref: "/staff", backText: "Find another patient",
                                                                                              pdfHref: "/staff/receipts/\(receipt.number)/pdf")],
                                                   context: context)
        }
        desk.get("receipts/{number}/pdf") { _, context in
            guard let number = context.parameters.get("number"),
                  let receipt = try await ReceiptStore(database: services.database).receipt(number: number) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try PDFDownload.receipt(receipt)
        }
        desk.post("transactions/{id}/void") { request, context -> Response in
            let form = try await request.decodeForm(VoidForm.self, context: context)
            guard let id = context.parameters.get("id", as: Int64.self), let staff = context.staffUser else { throw HTTPError(.notFound) }
            // Only money taken at the desk is voided here: a claims posting or an online card payment reversed in the
            // ledger alone would leave the payer's side (the claim, the card) untouched.
            guard let money = try await DayCloseStore(database: services.database).deskMoney(transactionID: id) else {
                return try await refused("Only payments and refunds taken at the desk can be voided here.", status: .notFound, context: context)
            }
            let back = "/staff/accounts/\(money.accountID)"
            if let voidedBy = money.voidedBy {
                return try await refused("This was already voided (transaction \(voidedBy)). Nothing more was changed.", status: .conflict,
                                         back: back, context: context)
            }
            let reason = form.reason.trimmingCharacters(in: .whitespaces)
            guard (3...200).contains(reason.count) else {
                return try await refused("A void needs a reason (3 to 200 characters).", status: .unprocessableContent, back: back, context: context)
            }
            do {
                let reversal = try await Ledger(database: services.database).reverse(id, key: "void-\(id)", by: Actor(staff.username, via: .desk),
                                                                                    on: today, reason: "Void: \(reason)")
                if reversal.replayed {
                    return try await refused("This was already voided (transaction \(reversal.id)). Nothing more was changed.",
                                             status: .conflict, back: back, context: context)
                }
                try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: "void.desk",
                                                                       subject: "transaction:\(id)", account: money.accountID,
                                                                       detail: reason, client: context.clientAddress)
                return .redirect(to: back, type: .normal)
            } catch let error as LedgerError {
                return try await refused("The void was refused: \(error.description).", status: .conflict, back: back, context: context)
            }
        }
        desk.post("accounts/{id}/refund") { request, context -> Response in
            let form = try await request.decodeForm(RefundForm.self, context: context)
            guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
            let id = try accountID(context)
            let back = "/staff/accounts/\(id)"
            guard let method = PaymentMethod(rawValue: form.method), [.cash, .check, .cardTerminal].contains(method) else {
                return try await refused("Refund by cash, check or card on the terminal.", status: .unprocessableContent, back: back, context: context)
            }
            let amount: Money
            do { amount = try Money(parsing: form.amount) } catch {
                return try await refused("Amount: \(error).", status: .unprocessableContent, back: back, context: context)
            }
            do {
                let refund = try await Ledger(database: services.database).refundCredit(
                    account: id, amount: amount, method: method, reference: nil, on: today, key: "refund-\(form.attempt.prefix(64))",
                    by: Actor(staff.username, via: .desk))
                try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: "refund.desk", account: id,
                                                                       detail: amount.formatted, client: context.clientAddress)
                return .redirect(to: "/staff/receipts/\(ReceiptNumber.make(transactionID: refund.id))", type: .normal)
            } catch let error as LedgerError {
                return try await refused("The refund was refused: \(error.description).", status: .unprocessableContent, back: back,
                                         context: context)
            }
        }
        desk.post("transactions/{id}/refund-online") { request, context -> Response in
            let form = try await request.decodeForm(OnlineRefundForm.self, context: context)
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            return try await refundOnline(form, payment: id, context: context)
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
        if method != .cash, reference.isEmpty {
            return try await problem(method == .check ? "Enter the check number." : "Enter the reference the card terminal printed.")
        }
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

    /// Sends an online payment (or part of it) back to the card through the gateway, then posts the refund. The amount
    /// is checked against what the payment took less earlier refunds before the gateway is asked, and again when posting.
    /// The form's attempt token keys both the gateway call and the posting, so a double submit refunds once.
    private func refundOnline(_ form: OnlineRefundForm, payment id: Int64, context: PortalRequestContext) async throws -> Response {
        guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
        let store = OnlinePaymentStore(database: services.database)
        let key = "online-refund-\(id)-\(form.attempt.prefix(64))"
        if let first = try await store.transactionID(key: key) {
            return .redirect(to: "/staff/receipts/\(ReceiptNumber.make(transactionID: first))", type: .normal)
        }
        guard let refundable = try await store.refundable(transactionID: id) else {
            return try await refused("Only online card payments can be refunded to the card.", status: .notFound, context: context)
        }
        let back = "/staff/accounts/\(refundable.payment.accountID)"
        let amount: Money
        do { amount = try Money(parsing: form.amount) } catch {
            return try await refused("Amount: \(error).", status: .unprocessableContent, back: back, context: context)
        }
        guard amount.isPositive else {
            return try await refused("Amount: enter more than $0.00.", status: .unprocessableContent, back: back, context: context)
        }
        guard amount <= refundable.remaining else {
            return try await refused("Amount: \(OnlinePaymentStore.limitText(refundable)).", status: .unprocessableContent, back: back,
                                     context: context)
        }
        guard let gateway = services.onlinePayments?.gateway,
              let account = try await PracticeDirectory(database: services.database).account(id: refundable.payment.accountID),
              let gatewayKey = IdempotencyKey(key) else {
            return try await refused("Refunds to a card need the payment gateway, which is not configured. Refund by check instead.",
                                     status: .serviceUnavailable, back: back, context: context)
        }
        let refund: Refund
        do {
            refund = try await gateway.refund(RefundRequest(
                paymentIntentID: refundable.payment.intentID, amount: .cents(amount.cents),
                metadata: PaymentMetadata(accountNumber: account.accountNumber, paymentReference: key), idempotencyKey: gatewayKey))
        } catch {
            context.logger.warning("online refund failed: \(error)")
            return try await refused("The gateway did not refund the card (\(error.description)). Nothing was posted.",
                                     status: .badGateway, back: back, context: context)
        }
        guard refund.status == .succeeded || refund.status == .pending else {
            return try await refused("The gateway refused the refund (\(refund.status.rawValue)). Nothing was posted.", status: .badGateway,
                                     back: back, context: context)
        }
        let posted: PostedTransaction
        do {
            // Posted as the portal's, not the desk's: the money goes back through the gateway, not out of a drawer.
            posted = try await store.recordRefund(transactionID: id, amount: amount, gatewayRefundID: refund.id, on: today, key: key,
                                                  by: Actor(staff.username, via: .portal))
        } catch let error as LedgerError {
            // The card was refunded but the ledger refused it (another refund of the same payment got in first): say so
            // loudly, with the gateway's refund id, so the office can reconcile it.
            context.logger.error("gateway refund \(refund.id) of transaction \(id) not posted: \(error)")
            return try await refused("The card was refunded (gateway refund \(refund.id)) but the refund could not be posted: "
                                     + "\(error.description). Tell the billing office.", status: .conflict, back: back, context: context)
        }
        try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: "refund.online",
                                                               subject: "transaction:\(id)", account: refundable.payment.accountID,
                                                               detail: "\(amount.formatted) \(refund.id)", client: context.clientAddress)
        return .redirect(to: "/staff/receipts/\(ReceiptNumber.make(transactionID: posted.id))", type: .normal)
    }

    /// A page that says why nothing was done, with the way back.
    private func refused(_ text: String, status: HTTPResponse.Status, back: String = "/staff",
                         context: PortalRequestContext) async throws -> Response {
        try await services.pages.message(PageMessage(title: "Not done", paragraphs: [text],
                                                     link: (back, back == "/staff" ? "Find a patient" : "Back to the account")),
                                         context: context, status: status)
    }

    private func closePage(context: PortalRequestContext) async throws -> Response {
        guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
        let day = try await DayCloseStore(database: services.database).day(staff: staff.username, date: today)
        var values: [String: Any] = [
            "date": day.date.written(), "expectedCash": day.expectedCash.formatted,
            "totals": day.totals.map { ["method": $0.method.plainName, "received": $0.received.formatted, "refunded": $0.refunded.formatted] },
            "items": day.items.map { ["receipt": ReceiptNumber.make(transactionID: $0.transactionID), "account": $0.accountNumber,
                                      "method": $0.method.plainName, "reference": $0.reference ?? "", "amount": $0.amount.formatted] },
        ]
        // Only when closed: Mustache would take even an empty string as "closed" and hide the close button.
        if let closedAt = day.closedAt { values["closedAt"] = closedAt }
        return try await services.pages.render("desk-close", values, context: context)
    }
}
