import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import Payments

/// The gateway the portal takes card payments through, and the secret its webhooks are signed with.
public struct OnlinePaymentSettings: Sendable {
    public let gateway: any PaymentGateway
    public let webhookSecret: String?

    public init(gateway: any PaymentGateway, webhookSecret: String?) {
        self.gateway = gateway
        self.webhookSecret = webhookSecret
    }
}

/// Paying online: choose an amount, card details go from the browser to the gateway, the payment is posted when the
/// gateway confirms it (here, or by its webhook — whichever comes first, once), and a receipt closes the flow.
struct OnlinePaymentRoutes {
    let services: PortalServices

    struct PayForm: Decodable {
        var attempt: String
        var choice: String?
        var other: String?
        var paymentMethod: String?
    }

    func add(to router: Router<PortalRequestContext>) {
        let account = router.group("/account").add(middleware: RequirePatient())
        account.get("pay") { _, context in try await payPage(context: context) }
        account.post("pay") { request, context in
            let form = try await request.decodeForm(PayForm.self, context: context)
            return try await pay(form, context: context)
        }
        account.get("receipts/{number}") { _, context in
            guard let id = context.patientAccountID, let number = context.parameters.get("number"),
                  let receipt = try await ReceiptStore(database: services.database).receipt(number: number, account: id) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            try await AuditLog(database: services.database).record(actor: "patient:\(id)", action: "view.receipt", subject: receipt.number,
                                                                   account: id, client: context.clientAddress)
            return try await services.pages.render("receipt", ["receipt": ReceiptPage.values(receipt, backHref: "/account", backText: "Back to your account",
                                                                                              pdfHref: "/account/receipts/\(receipt.number)/pdf")],
                                                   context: context)
        }
        account.get("receipts/{number}/pdf") { _, context in
            guard let id = context.patientAccountID, let number = context.parameters.get("number"),
                  let receipt = try await ReceiptStore(database: services.database).receipt(number: number, account: id) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try PDFDownload.receipt(receipt)
        }
    }

    private func payPage(context: PortalRequestContext, error: String? = nil, notice: String? = nil, other: String = "",
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let id = context.patientAccountID else { return .redirect(to: "/", type: .normal) }
        let balance = try await AccountBalances(database: services.database).summary(account: id)
        let latest = try await StatementStore(database: services.database).list(account: id).first
        let due = amountDue(balance: balance, latest: latest)
        var values: [String: Any] = [
            "amountDue": due.formatted, "hasAmountDue": due.isPositive, 
            "balance": Money.max(balance.balance, .zero).formatted, "balanceDiffers": balance.balance > due,
            "onlinePayments": services.onlinePayments != nil, "attempt": SecureRandom.token(byteCount: 16), "other": other,
        ]
        // Set only when there is one: Mustache shows a section for any string, the empty one too.
        if let dueDate = latest?.dueDate, due.isPositive { values["dueDate"] = dueDate.written() }
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        if let gateway = services.onlinePayments?.gateway {
            values["publishableKey"] = gateway.publishableKey
            values["scriptURL"] = gateway.scriptURL
        }
        var response = try await services.pages.render("pay", values, context: context, status: status)
        if let gateway = services.onlinePayments?.gateway {
            response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<PortalRequestContext>.policy(
                allowingGateway: gateway.scriptURL, api: gateway.browserAPIURL)
        }
        return response
    }

    /// What is due now: the latest statement's amount, never more than the balance today. Only the statement's record
    /// is read (amount and due date), not its whole snapshot.
    private func amountDue(balance: AccountSummary, latest: StatementRecord?) -> Money {
        let owed = Money.max(balance.balance, .zero)
        return Money.min(latest?.amountDue ?? owed, owed)
    }

    private func pay(_ form: PayForm, context: PortalRequestContext) async throws -> Response {
        guard let id = context.patientAccountID,
              let account = try await PracticeDirectory(database: services.database).account(id: id) else {
            return .redirect(to: "/", type: .normal)
        }
        guard let settings = services.onlinePayments else { return try await payPage(context: context, status: .serviceUnavailable) }
        let balance = try await AccountBalances(database: services.database).summary(account: id)
        let due = amountDue(balance: balance, latest: try await StatementStore(database: services.database).list(account: id).first)
        let amount: Money
        switch PaymentAmountChoice.amount(choice: form.choice ?? "", other: form.other ?? "", amountDue: due,
                                          balance: Money.max(balance.balance, .zero)) {
        case .success(let value): amount = value
        case .failure(let error):
            return try await payPage(context: context, error: "Amount: \(error.reason).", other: form.other ?? "", status: .unprocessableContent)
        }
        guard let method = form.paymentMethod, method.hasPrefix("card_") || method.hasPrefix("pm_") || method.hasPrefix("tok_"),
              method.count <= 100, let key = IdempotencyKey("pay-\(id)-\(form.attempt.prefix(64))") else {
            return try await payPage(context: context, error: "Please enter your card details in the card box.", status: .unprocessableContent)
        }
        let intent: PaymentIntent
        do {
            // The form's attempt token is the idempotency key: a double click creates one charge, not two.
            intent = try await settings.gateway.createPaymentIntentRetryingLostAnswers(PaymentIntentRequest(
                amountCents: amount.cents, metadata: PaymentMetadata(accountNumber: account.accountNumber, paymentReference: key.rawValue),
                paymentMethodID: method, confirmation: .now, idempotencyKey: key))
        } catch {
            try await audit(id, "payment.online.failed", detail: error.outcomeIsUnknown ? "gateway unreachable" : "declined", context: context)
            return try await payPage(context: context, error: error.patientMessage, status: error.outcomeIsUnknown ? .badGateway : .init(code: 402))
        }
        let store = OnlinePaymentStore(database: services.database)
        _ = try await store.started(intentID: intent.id, account: id, amount: amount, method: .cardOnline)
        if intent.status == .processing {
            // The card company has not answered yet; the webhook posts the payment when it does.
            return try await payPage(context: context, notice: "Your payment of \(amount.formatted) is being processed. It will show on "
                                     + "your account once your card company confirms it; please do not pay again.", status: .accepted)
        }
        guard intent.status == .succeeded else {
            try await store.failed(intentID: intent.id, reason: intent.lastPaymentErrorMessage ?? intent.status.rawValue)
            return try await payPage(context: context, error: intent.lastPaymentErrorMessage ?? "Your card could not be charged. Nothing was taken.",
                                     status: .init(code: 402))
        }
        let posted = try await store.confirm(intentID: intent.id, amountReceived: Money(cents: intent.amountReceivedCents),
                                             on: CalendarDate(services.database.clock(), in: .current))
        let receipt = ReceiptNumber.make(transactionID: posted?.id ?? 0)
        try await audit(id, "payment.online", detail: "\(receipt) \(amount.formatted)", context: context)
        return .redirect(to: "/account/receipts/\(receipt)", type: .normal)
    }

    private func audit(_ account: Int64, _ action: String, detail: String, context: PortalRequestContext) async throws {
        try await AuditLog(database: services.database).record(actor: "patient:\(account)", action: action, account: account,
                                                               detail: detail, client: context.clientAddress)
    }
}

/// `POST /webhooks/stripe`: the gateway's signed notice that a payment succeeded or failed.
struct WebhookRoutes {
    let services: PortalServices

    func add(to router: Router<PortalRequestContext>) {
        router.post("/webhooks/stripe") { request, context in
            guard let settings = services.onlinePayments, let secret = settings.webhookSecret else {
                return Response(status: .notFound)
            }
            let body = try await request.body.collect(upTo: 256 * 1024)
            let event: WebhookEvent
            do {
                event = try StripeWebhook.verify(payload: Array(buffer: body), signatureHeader: request.headers[.stripeSignature],
                                                 secret: secret, now: services.database.clock())
            } catch {
                context.logger.warning("webhook refused: \(error)")
                return Response(status: .badRequest, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "signature check failed: \(error)\n")))
            }
            // Signed by the gateway, yet still checked before anything is written: an answer the ledger would refuse
            // gets a 422 here rather than a started payment record and a 500 that the gateway retries for days.
            guard (1...100).contains(event.object.id.utf8.count) else {
                context.logger.warning("webhook refused: an intent id of \(event.object.id.utf8.count) bytes")
                return Self.refused("the intent id must be 1 to 100 characters")
            }
            if let amount = event.object.amountCents, amount > Money.largestEntry.cents {
                context.logger.warning("webhook refused: amount \(amount) cents for \(event.object.id)")
                return Self.refused("the amount is above the largest payment Clearbill posts, \(Money.largestEntry.formatted)")
            }
            let store = OnlinePaymentStore(database: services.database)
            do {
                try await handle(event, store: store, context: context)
            } catch let error as LedgerError {
                context.logger.warning("webhook refused by the ledger for \(event.object.id): \(error)")
                return Self.refused("\(error)")
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"received":true}"#)))
        }
    }

    private static func refused(_ reason: String) -> Response {
        Response(status: .unprocessableContent, headers: [.contentType: "text/plain"],
                 body: .init(byteBuffer: ByteBuffer(string: "event refused: \(reason)\n")))
    }

    private func handle(_ event: WebhookEvent, store: OnlinePaymentStore, context: PortalRequestContext) async throws {
        switch event.type {
        case "payment_intent.succeeded":
            guard let amount = event.object.amountCents, amount > 0 else { break }
            let received = Money(cents: amount)
            if try await store.find(intentID: event.object.id) == nil {
                // The portal's own call may have lost the gateway's answer after the card was charged: the intent's
                // metadata names the account, so the payment is still posted, once.
                guard let metadata = event.object.paymentMetadata,
                      let account = try await PracticeDirectory(database: services.database).account(number: metadata.accountNumber) else {
                    context.logger.info("webhook about an intent Clearbill did not create: \(event.object.id)")
                    break
                }
                _ = try await store.started(intentID: event.object.id, account: account.id, amount: received, method: .cardOnline)
            }
            _ = try await store.confirm(intentID: event.object.id, amountReceived: received,
                                        on: CalendarDate(services.database.clock(), in: .current))
        case "payment_intent.payment_failed":
            try await store.failed(intentID: event.object.id, reason: "declined (webhook)")
        default:
            break
        }
    }
}
