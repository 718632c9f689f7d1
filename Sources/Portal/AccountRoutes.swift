import BillingCore
import BillingStore
import Hummingbird

/// The signed-in patient's area, `/account/…`, and the public FAQ.
struct AccountRoutes {
    let services: PortalServices

    func add(to router: Router<PortalRequestContext>) {
        router.get("/faq") { _, context in try await FAQPage(services: services).render(context: context) }
        let account = router.group("/account").add(middleware: RequirePatient())
        account.get { _, context in try await pages(context) { try await $0.summary(account: $1) } }
        account.get("statements") { _, context in try await pages(context) { try await $0.statementList(account: $1) } }
        account.get("statements/{number}") { _, context in
            let number = context.parameters.get("number") ?? ""
            return try await pages(context) { try await $0.statement(number: number, account: $1) }
        }
        account.get("statements/{number}/pdf") { _, context in
            try await pages(context) { pages, account in
                let number = context.parameters.get("number") ?? ""
                guard StatementNumber.isValid(number),
                      let stored = try await StatementStore(database: services.database).load(number: number, account: account.id) else {
                    return try await services.pages.message(.statementNotFound, context: context, status: .notFound)
                }
                try await AuditLog(database: services.database).record(actor: "patient:\(account.id)", action: "download.statement",
                                                                       subject: "statement:\(stored.record.id)", account: account.id,
                                                                       client: context.clientAddress)
                return try PDFDownload.statement(stored, configuration: services.configuration)
            }
        }
        account.get("payments") { _, context in try await pages(context) { try await $0.paymentHistory(account: $1) } }
    }

    /// Loads the session's own account and hands it to a page. `RequirePatient` has already made sure there is one.
    private func pages(_ context: PortalRequestContext, _ page: (PatientPages, Account) async throws -> Response) async throws -> Response {
        guard let id = context.patientAccountID,
              let account = try await PracticeDirectory(database: services.database).account(id: id) else {
            return .redirect(to: "/", type: .normal)
        }
        return try await page(PatientPages(services: services, context: context), account)
    }
}

/// The staff area after sign-in: patients for everyone on staff, the FAQ and the audit log for the billing office.
struct StaffRoutes {
    let services: PortalServices

    struct SearchForm: Decodable { var q: String }
    struct FAQForm: Decodable { var question: String; var answer: String }

    func add(to router: Router<PortalRequestContext>) {
        let desk = router.group("/staff").add(middleware: RequireStaff(role: .frontDesk, pages: services.pages))
        desk.get { _, context in try await staff(context).search(query: nil) }
        // Search terms are names and dates of birth: sent in the body, never in a URL.
        desk.post("search") { request, context in
            let form = try await request.decodeForm(SearchForm.self, context: context)
            return try await staff(context).search(query: form.q)
        }
        desk.get("accounts/{id}") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try await staff(context).account(id: id)
        }
        desk.get("accounts/{id}/statements/{number}/pdf") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self), let number = context.parameters.get("number"),
                  let stored = try await StatementStore(database: services.database).load(number: number, account: id) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            try await AuditLog(database: services.database).record(actor: "staff:\(context.staffUser?.username ?? "")", action: "download.statement",
                                                                   subject: "statement:\(stored.record.id)", account: id, client: context.clientAddress)
            return try PDFDownload.statement(stored, configuration: services.configuration)
        }
        desk.get("accounts/{id}/statements/{number}") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self), let number = context.parameters.get("number") else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try await staff(context).statement(accountID: id, number: number)
        }

        let office = router.group("/staff").add(middleware: RequireStaff(role: .billingAdmin, pages: services.pages))
        office.get("faq") { _, context in try await staff(context).faqEditor() }
        office.post("faq/{id}") { request, context in
            let form = try await request.decodeForm(FAQForm.self, context: context)
            let question = form.question.trimmingCharacters(in: .whitespacesAndNewlines)
            let answer = form.answer.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let id = context.parameters.get("id", as: Int64.self) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            guard (1...300).contains(question.count), (1...4000).contains(answer.count) else {
                return try await staff(context).faqEditor(error: "A question needs 1 to 300 characters and an answer 1 to 4,000.",
                                                          status: .unprocessableContent)
            }
            guard try await FAQStore(database: services.database).update(id: id, question: question, answer: answer,
                                                                          by: context.staffUser?.username ?? "") else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            return try await staff(context).faqEditor(notice: "Saved.")
        }
        office.get("audit") { _, context in try await staff(context).auditLog() }
    }

    private func staff(_ context: PortalRequestContext) throws -> StaffPages {
        guard let user = context.staffUser else { throw HTTPError(.forbidden) }
        return StaffPages(services: services, staff: user, context: context)
    }
}
