import BillingCore
import BillingStore
import ClearbillCrypto
import Hummingbird
import Payments

/// The plan pages of one account, for the patient or for the desk (`PlanAudience` says which). Every change is
/// checked before anything is sent to the gateway or written; a refusal re-shows the page naming the field, with
/// nothing changed.
struct PlanPages: Sendable {
    let services: PortalServices
    let context: PortalRequestContext
    let audience: PlanAudience

    private var store: PaymentPlanStore { PaymentPlanStore(database: services.database) }
    private var policy: PlanPolicy { services.planPolicy }
    private var gateway: (any PaymentGateway)? { services.onlinePayments?.gateway }
    private var today: CalendarDate { CalendarDate(services.database.clock(), in: .current) }
    private var planBase: String { audience.base + "/plan" }

    // MARK: Pages

    func show(error: String? = nil, notice: String? = nil, chosen: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let account = try await PracticeDirectory(database: services.database).account(id: audience.accountID) else {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        }
        let owed = try await store.plannable(account: account.id)
        var values: [String: Any] = ["base": audience.base, "isStaff": audience.via == .desk, "name": account.fullName,
                                     "balance": owed.formatted, "terms": terms, "termsVersion": policy.termsVersion]
        values["error"] = error
        values["notice"] = notice
        var clientSecret: String?
        let current = try await store.currentPlan(account: account.id)
        if let plan = current {
            values["plan"] = planValues(plan, owed: owed, chosen: chosen)
        }
        if current?.status.isOpen != true {
            if let reason = policy.ineligibility(balance: owed) {
                values["ineligible"] = reason
            } else {
                var enroll: [String: Any] = ["options": options(for: owed, chosen: chosen), "attempt": SecureRandom.token(byteCount: 16)]
                if gateway != nil, let secret = try await setupIntentSecret(account, creatingCustomer: status.code < 400) {
                    enroll["clientSecret"] = secret
                    clientSecret = secret
                }
                values["enroll"] = enroll
            }
        }
        try await audit("view.plan")
        return try await render("plan", values, gatewayPage: clientSecret != nil, status: status)
    }

    func cardPage(_ plan: PaymentPlan, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard plan.status.isOpen, let account = try await PracticeDirectory(database: services.database).account(id: audience.accountID) else {
            return try await show(error: "The plan has ended; there is no card to change.", status: .conflict)
        }
        var values: [String: Any] = ["base": audience.base, "planID": String(plan.id), "card": plan.cardDescription]
        values["error"] = error
        let secret = gateway == nil ? nil : try await setupIntentSecret(account, creatingCustomer: status.code < 400)
        values["clientSecret"] = secret
        return try await render("plan-card", values, gatewayPage: secret != nil, status: status)
    }

    // MARK: Actions

    func enroll(_ form: PlanRoutes.EnrollForm) async throws -> Response {
        if let problem = enrollProblem(form) { return try await show(error: problem, chosen: form.option, status: .unprocessableContent) }
        guard gateway != nil else {
            return try await show(error: "Card: online card saving is not available right now; please call the billing office.", status: .serviceUnavailable)
        }
        let card: PlanCard
        switch try await savedCard(setupIntent: form.setupIntent ?? "") {
        case .success(let saved): card = saved
        case .failure(let problem): return try await show(error: problem.text, chosen: form.option, status: problem.status)
        }
        return try await makePlan(form, card: card, replacing: nil)
    }

    func replan(_ plan: PaymentPlan, _ form: PlanRoutes.EnrollForm) async throws -> Response {
        guard policy.allowsAddingCharges else {
            return try await show(error: "Plan: new charges cannot be added to a plan; they are billed on your statements.", status: .unprocessableContent)
        }
        guard plan.status.isOpen else { return try await show(error: "Plan: this plan has ended.", status: .conflict) }
        guard try await store.plannable(account: plan.accountID) > plan.remaining else {
            return try await show(error: "Plan: there are no new charges to add.", status: .unprocessableContent)
        }
        if let problem = enrollProblem(form) { return try await show(error: problem, chosen: form.option, status: .unprocessableContent) }
        return try await makePlan(form, card: PlanCard(customerID: plan.customerID, paymentMethodID: plan.paymentMethodID,
                                                       description: plan.cardDescription), replacing: plan.id)
    }

    func charge(_ kind: PlanChargeAttempt.Kind, _ plan: PaymentPlan, attempt token: String) async throws -> Response {
        guard let gateway else {
            return try await show(error: "Online card payment is not available right now; please call the billing office.", status: .serviceUnavailable)
        }
        let key = "plan-\(kind.rawValue)-\(plan.customerID)-\(token.prefix(64))"
        guard !token.isEmpty, IdempotencyKey(key) != nil else { return try await show(error: "The form could not be read; please try again.", status: .badRequest) }
        let attempt: PlanChargeAttempt
        do {
            attempt = try await store.beginCharge(kind, plan: plan.id, account: audience.accountID, key: key, on: today, by: audience.actor)
        } catch let error as PlanError {
            return try await show(error: "Plan: \(error.description).", status: .conflict)
        }
        // A form sent again finds its first attempt: the same receipt, or the same refusal.
        let outcome: InstallmentJob.Outcome
        switch attempt.status {
        case .succeeded:
            return .redirect(to: receipt(attempt.transactionID ?? 0), type: .normal)
        case .declined: outcome = .declined(attempt.failure ?? "Your card was declined.")
        case .started: outcome = try await InstallmentJob(database: services.database, gateway: gateway).charge(attempt, on: today)
        }
        switch outcome {
        case .paid(let posted):
            try await audit(kind == .payoff ? "plan.payoff" : "plan.pay-ahead", detail: "\(ReceiptNumber.make(transactionID: posted.id)) \(attempt.amount.formatted)")
            return .redirect(to: receipt(posted.id), type: .normal)
        case .declined(let message):
            return try await show(error: message, status: .init(code: 402))
        case .unknown:
            return try await show(notice: "Your payment of \(attempt.amount.formatted) is being processed; it will show here once the card "
                                  + "company confirms it. Please do not pay again.", status: .accepted)
        }
    }

    private func receipt(_ transactionID: Int64) -> String {
        (audience.via == .desk ? "/staff/receipts/" : "/account/receipts/") + ReceiptNumber.make(transactionID: transactionID)
    }

    func cancel(_ plan: PaymentPlan, confirmed: Bool) async throws -> Response {
        guard confirmed else {
            return try await show(error: "Cancel: tick the box to confirm that you want to end the plan.", status: .unprocessableContent)
        }
        do {
            try await store.cancel(plan: plan.id, account: audience.accountID, by: audience.actor, client: context.clientAddress)
        } catch let error as PlanError {
            return try await show(error: "Plan: \(error.description).", status: .conflict)
        }
        return .redirect(to: planBase, type: .normal)
    }

    func changeCard(_ plan: PaymentPlan, setupIntent: String) async throws -> Response {
        guard plan.status.isOpen else { return try await show(error: "Plan: the plan has ended.", status: .conflict) }
        guard gateway != nil else { return try await cardPage(plan, error: "Card: card saving is not available right now.", status: .serviceUnavailable) }
        switch try await savedCard(setupIntent: setupIntent) {
        case .failure(let problem): return try await cardPage(plan, error: problem.text, status: problem.status)
        case .success(let card):
            do {
                try await store.changeCard(plan: plan.id, account: audience.accountID, to: card, by: audience.actor, client: context.clientAddress)
            } catch let error as PlanError {
                return try await show(error: "Plan: \(error.description).", status: .conflict)
            }
            return .redirect(to: planBase, type: .normal)
        }
    }

    /// Runs `body` with the plan named in the address, only when it belongs to this account: any other id is 404.
    func withPlan(_ context: PortalRequestContext, _ body: (PlanPages, PaymentPlan) async throws -> Response) async throws -> Response {
        guard let id = context.parameters.get("plan", as: Int64.self),
              let plan = try await store.plan(id: id, account: audience.accountID) else {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        }
        return try await body(self, plan)
    }

    // MARK: Helpers

    private func makePlan(_ form: PlanRoutes.EnrollForm, card: PlanCard, replacing: Int64?) async throws -> Response {
        let enrollment = PlanEnrollment(accountID: audience.accountID, optionCode: form.option ?? "", firstDate: today, policy: policy,
                                        card: card, acceptedTermsVersion: form.terms ?? "", acceptedBy: audience.acceptedBy,
                                        key: "enroll-\(audience.accountID)-\(form.attempt.prefix(64))", client: context.clientAddress,
                                        replacing: replacing)
        do {
            _ = try await store.enroll(enrollment)
        } catch let error as PlanError {
            let status: HTTPResponse.Status = if case .invalid = error { .unprocessableContent } else { .conflict }
            let text = if case .invalid(let field) = error { "\(Self.label(field.field)): \(field.reason)." } else { "Plan: \(error.description)." }
            return try await show(error: text, chosen: form.option, status: status)
        }
        return .redirect(to: planBase, type: .normal)
    }

    /// What is wrong with the option and the agreement, before anything is asked of the gateway.
    private func enrollProblem(_ form: PlanRoutes.EnrollForm) -> String? {
        guard let option = form.option, !option.isEmpty else { return "Plan: choose one of the plans offered." }
        guard option.count <= 40, InstallmentFrequency.allCases.contains(where: { option.hasPrefix($0.rawValue + "-") }) else {
            return "Plan: choose one of the plans offered."
        }
        guard form.agree == "yes" else { return "Terms: tick the box to agree to the plan terms." }
        guard form.terms == policy.termsVersion else { return "Terms: the plan terms have changed; please read and accept them again." }
        return nil
    }

    private static func label(_ field: String) -> String {
        switch field {
        case "agree": "Terms"
        case "option": "Plan"
        default: field.capitalized
        }
    }

    struct Problem: Error { var text: String; var status: HTTPResponse.Status }

    /// The card the patient's browser saved through the SetupIntent, once it is checked to be this account's and attached
    /// to its gateway customer.
    private func savedCard(setupIntent id: String) async throws -> Result<PlanCard, Problem> {
        guard let gateway, id.hasPrefix("seti_"), id.count <= 100,
              let customer = try await store.customerID(account: audience.accountID) else {
            return .failure(Problem(text: "Card: please enter the card in the card box.", status: .unprocessableContent))
        }
        do {
            let intent = try await gateway.retrieveSetupIntent(id: id)
            guard intent.customerID == customer, intent.status == .succeeded, let method = intent.paymentMethodID else {
                return .failure(Problem(text: "Card: the card was not saved; please enter it again.", status: .unprocessableContent))
            }
            // Stripe attaches the card when the SetupIntent succeeds; attaching it again is harmless there and needed elsewhere.
            let saved = try await gateway.attachPaymentMethod(id: method, customerID: customer)
            let description = saved.card.map { "\($0.brand.capitalized) ending \($0.last4)" } ?? "saved card"
            return .success(PlanCard(customerID: customer, paymentMethodID: saved.id, description: description))
        } catch {
            context.logger.warning("saving a plan card failed: \(error)")
            switch error {
            case .cardDeclined: return .failure(Problem(text: "Card: \(error.patientMessage)", status: .init(code: 402)))
            case .invalidRequest: return .failure(Problem(text: "Card: the card was not saved; please enter it again.", status: .unprocessableContent))
            default: return .failure(Problem(text: "Card: \(error.patientMessage)", status: .badGateway))
            }
        }
    }

    /// A SetupIntent for the page's card fields, on the account's gateway customer (made the first time). Nil when the
    /// gateway cannot be reached: the page then says how else to enroll. A refusal page (`creatingCustomer` false) only
    /// reuses a customer the earlier page view made: a refused request changes nothing.
    private func setupIntentSecret(_ account: Account, creatingCustomer: Bool) async throws -> String? {
        guard let gateway else { return nil }
        do {
            var customer = try await store.customerID(account: account.id)
            if customer == nil, creatingCustomer {
                let made = try await gateway.createCustomer(accountNumber: account.accountNumber, idempotencyKey: .random())
                customer = try await store.saveCustomer(account: account.id, customerID: made.id)
            }
            guard let customer else { return nil }
            return try await gateway.createSetupIntent(customerID: customer, idempotencyKey: .random()).clientSecret
        } catch let error as PaymentGatewayError {
            context.logger.warning("no setup intent for the plan page: \(error)")
            return nil
        }
    }

    private var terms: [String] {
        [
            "No interest and no fees.",
            "Each installment is charged automatically, on its due date, to the card you save here.",
            "If a charge is declined we try again every \(policy.retryEveryDays) days; an installment still unpaid "
                + "\(policy.graceDays) days after its due date is missed.",
            "After \(policy.missedInstallmentsToDefault) missed installment\(policy.missedInstallmentsToDefault == 1 ? "" : "s") "
                + "the plan ends and the remaining balance is billed on your regular statements.",
            "You can pay an installment early, pay off the plan, change your card or cancel at any time. Canceling returns the "
                + "remaining balance to your regular statements.",
            policy.allowsAddingCharges
                ? "New charges are billed on your statements as usual; you can add them to your plan by making it again for your whole balance."
                : "New charges are billed on your statements as usual.",
            "The last installment takes the cents left over when the balance is divided, so it may be a few cents more than the others.",
        ]
    }

    private func options(for balance: Money, chosen: String?) -> [[String: Any]] {
        PlanOption.offers(for: balance, policy: policy, firstDate: today).map {
            ["code": $0.code, "summary": $0.summary, "checked": $0.code == chosen]
        }
    }

    private func planValues(_ plan: PaymentPlan, owed: Money, chosen: String?) -> [String: Any] {
        var values: [String: Any] = [
            "id": String(plan.id), "status": plan.status.rawValue, "statusText": plan.status.plainName, "isOpen": plan.status.isOpen,
            "card": plan.cardDescription, "total": plan.total.formatted, "paid": plan.paid.formatted,
            "remaining": plan.remaining.formatted, "frequency": plan.frequency.plainName, "acceptedAt": plan.termsAcceptedAt,
            "termsVersion": plan.termsVersion, "attempt": SecureRandom.token(byteCount: 16),
            "installments": plan.installments.map { installment -> [String: Any] in
                ["sequence": String(installment.sequence), "date": installment.dueDate.written(), "amount": installment.amount.formatted,
                 "status": Self.installmentText(installment)]
            },
        ]
        values["endReason"] = plan.endReason
        if plan.status.isOpen, let next = plan.nextUnpaid {
            values["next"] = ["amount": next.amount.formatted, "date": next.dueDate.written()]
        }
        if plan.status.isOpen, policy.allowsAddingCharges, owed > plan.remaining, policy.ineligibility(balance: owed) == nil {
            values["replan"] = ["options": options(for: owed, chosen: chosen), "balance": owed.formatted,
                                "newCharges": (owed - plan.remaining).formatted, "attempt": SecureRandom.token(byteCount: 16)]
        }
        return values
    }

    private static func installmentText(_ installment: Installment) -> String {
        switch installment.status {
        case .paid: "paid \(installment.paidAmount.formatted)\(installment.paidOn.map { " on \($0.short)" } ?? "")"
        case .missed: "missed"
        case .canceled: "not charged (plan ended)"
        case .scheduled: installment.nextAttemptDate > installment.dueDate ? "declined; trying again \(installment.nextAttemptDate.short)" : "scheduled"
        }
    }

    private func render(_ template: String, _ values: [String: Any], gatewayPage: Bool, status: HTTPResponse.Status) async throws -> Response {
        var values = values
        if gatewayPage, let gateway {
            values["publishableKey"] = gateway.publishableKey
            values["scriptURL"] = gateway.scriptURL
        }
        var response = try await services.pages.render(template, values, context: context, status: status)
        if gatewayPage, let gateway {
            response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<PortalRequestContext>.policy(
                allowingGateway: gateway.scriptURL, api: gateway.browserAPIURL)
        }
        return response
    }

    private func audit(_ action: String, detail: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: audience.actor, action: action, account: audience.accountID,
                                                               detail: detail, client: context.clientAddress)
    }
}
