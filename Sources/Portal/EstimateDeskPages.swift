import BillingCore
import BillingStore
import Hummingbird
import Mail

/// The front desk's estimates: the quote builder, saved estimates, issuing and emailing Good Faith Estimates, billing an estimate,
/// and the list of GFEs due and overdue.
struct EstimateDeskPages: Sendable {
    let services: PortalServices
    let staff: StaffUser
    let context: PortalRequestContext

    private var store: EstimateStore { EstimateStore(database: services.database) }
    private var today: CalendarDate { CalendarDate(services.database.clock(), in: .current) }

    func list() async throws -> Response {
        let owed = try await store.gfesOwed()
        let recent = try await store.list(limit: 50)
        let values: [String: Any] = [
            "owed": owed.map { row -> [String: Any] in
                let overdue = row.gfeStatus(today: today) == .overdue
                return ["id": String(row.id), "patient": row.patientName, "overdue": overdue,
                        "due": (overdue ? "Overdue since " : "Due by ") + (row.gfeDueOn?.written() ?? "")]
            },
            "hasOwed": !owed.isEmpty,
            "recent": recent.map { row -> [String: Any] in
                ["id": String(row.id), "patient": row.patientName, "total": row.total.formatted,
                 "service": row.serviceDate?.written() ?? "not scheduled",
                 "gfe": row.gfeNumber ?? (row.revised ? "revised" : row.gfeDueOn == nil ? "not required" : "not issued yet"),
                 "billed": row.billed]
            },
            "hasRecent": !recent.isEmpty,
        ]
        try await audit("staff.view.estimates")
        return try await services.pages.render("staff-estimates", values, context: context)
    }

    /// The builder, blank for `account` (or a prospective patient), or again with what was posted, its priced total and
    /// what is wrong with it.
    func builder(account accountID: Int64?, form: QuoteForm? = nil, quote: Quote? = nil, errors: [FieldError] = [],
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let directory = PracticeDirectory(database: services.database)
        var values: [String: Any] = [:]
        if let accountID {
            guard let account = try await directory.account(id: accountID) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            let chosen = form?.patient ?? ""
            if form == nil { try await audit("staff.view.quote", account: account.id) }
            values["account"] = String(account.id)
            values["accountName"] = account.fullName
            values["patients"] = try await directory.patients(account: account.id).map {
                ["id": String($0.id), "name": "\($0.firstName) \($0.lastName) (born \($0.dateOfBirth.us))", "selected": String($0.id) == chosen]
            }
        } else {
            values["prospective"] = true
        }
        let catalog = try await PriceCatalogStore(database: services.database).catalog()
        let items = form?.items ?? [], quantities = form?.quantities ?? []
        values["rows"] = (0..<QuoteForm.rows).map { index -> [String: Any] in
            let chosen = index < items.count ? items[index] : ""
            return ["n": String(index + 1), "quantity": index < quantities.count ? quantities[index] : "",
                    "options": QuotePage.itemOptions(catalog, on: today, selected: chosen)]
        }
        let provider = form?.provider ?? "", location = form?.location ?? ""
        values["providers"] = try await directory.providers().map { ["id": String($0.id), "name": $0.displayName, "selected": String($0.id) == provider] }
        values["locations"] = try await directory.locations().map { ["id": String($0.id), "name": $0.name, "selected": String($0.id) == location] }
        values["selfPay"] = form.map { $0.selfPay != nil } ?? true
        for (key, value) in [("firstName", form?.firstName), ("lastName", form?.lastName), ("dateOfBirth", form?.dateOfBirth),
                             ("serviceDate", form?.serviceDate), ("primaryService", form?.primaryService),
                             ("diagnosisCodes", form?.diagnosisCodes), ("separatelyScheduled", form?.separatelyScheduled),
                             ("discountAmount", form?.discountAmount), ("discountPercent", form?.discountPercent),
                             ("discountReason", form?.discountReason), ("revises", form?.revises)] {
            values[key] = value ?? ""
        }
        values["validUntil"] = form?.validUntil ?? today.adding(days: 30).iso
        values["errors"] = errors.map(\.plain)
        values["hasErrors"] = !errors.isEmpty
        if let quote { values["quote"] = QuotePage.values(quote) }
        return try await services.pages.render("staff-quote", values, context: context, status: status)
    }

    /// Prices the posted builder; saves it as an estimate when asked to and nothing is wrong.
    func submit(_ form: QuoteForm) async throws -> Response {
        let accountID = form.account.flatMap { Int64($0) }
        let (request, formErrors) = form.quoteRequest()
        var errors = formErrors
        var quote: Quote?
        if formErrors.isEmpty {
            let catalog = try await PriceCatalogStore(database: services.database).catalog()
            do throws(ValidationFailure) { quote = try Quote.price(request, catalog: catalog, on: today) } catch { errors += error.errors }
        }
        guard form.wantsSave, errors.isEmpty, let quote else {
            return try await builder(account: accountID, form: form, quote: quote, errors: errors,
                                     status: errors.isEmpty ? .ok : .unprocessableContent)
        }
        let serviceDate = QuoteForm.date(form.serviceDate, field: "serviceDate", errors: &errors)
        let validUntil = QuoteForm.date(form.validUntil, field: "validUntil", errors: &errors) ?? today.adding(days: 30)
        var patient: EstimatePatient?
        if let accountID {
            let patients = try await PracticeDirectory(database: services.database).patients(account: accountID)
            if let chosen = patients.first(where: { String($0.id) == form.patient }) ?? (form.patient == nil ? patients.first : nil) {
                patient = EstimatePatient(accountID: accountID, patientID: chosen.id, firstName: chosen.firstName, lastName: chosen.lastName,
                                          dateOfBirth: chosen.dateOfBirth)
            } else {
                errors.append(FieldError("patient", "choose a patient on this account"))
            }
        } else if let birth = QuoteForm.date(form.dateOfBirth, field: "dateOfBirth", errors: &errors) {
            patient = EstimatePatient(accountID: nil, patientID: nil, firstName: (form.firstName ?? "").trimmingCharacters(in: .whitespaces),
                                      lastName: (form.lastName ?? "").trimmingCharacters(in: .whitespaces), dateOfBirth: birth)
        } else if (form.dateOfBirth ?? "").isEmpty {
            errors.append(FieldError("dateOfBirth", "enter the patient's date of birth (MM/DD/YYYY)"))
        }
        let primary = (form.primaryService ?? "").trimmingCharacters(in: .whitespaces)
        guard errors.isEmpty, let patient else {
            return try await builder(account: accountID, form: form, quote: quote, errors: errors, status: .unprocessableContent)
        }
        let details = EstimateDetails(
            patient: patient, providerID: Int64(form.provider ?? "") ?? 0, locationID: Int64(form.location ?? "") ?? 0,
            selfPay: form.selfPay != nil, primaryService: primary.isEmpty ? quote.lines[0].description : primary,
            diagnosisCodes: form.diagnosisList, separatelyScheduled: form.separatelyScheduledList, scheduledOn: today,
            serviceDate: serviceDate, validUntil: validUntil, quote: quote)
        do {
            let saved = try await store.save(details, revises: form.revises.flatMap { Int64($0) }, by: staff.username, client: context.clientAddress)
            return .redirect(to: "/staff/estimates/\(saved.id)", type: .normal)
        } catch EstimateError.invalid(let failure) {
            return try await builder(account: accountID, form: form, quote: quote, errors: failure.errors, status: .unprocessableContent)
        } catch let error as EstimateError {
            return try await builder(account: accountID, form: form, quote: quote, errors: [FieldError("Estimate", error.description)],
                                     status: .conflict)
        }
    }

    /// The builder again with a saved estimate's choices, to save a revision of it.
    func revise(_ id: Int64) async throws -> Response {
        guard let estimate = try await store.estimate(id) else { return try await notFound() }
        let details = estimate.details
        var form = QuoteForm(revises: String(id), account: details.patient.accountID.map(String.init),
                             patient: details.patient.patientID.map(String.init), firstName: details.patient.firstName,
                             lastName: details.patient.lastName, dateOfBirth: details.patient.dateOfBirth.us,
                             provider: String(details.providerID), location: String(details.locationID),
                             selfPay: details.selfPay ? "on" : nil, serviceDate: details.serviceDate?.iso,
                             validUntil: details.validUntil.iso, primaryService: details.primaryService,
                             diagnosisCodes: details.diagnosisCodes.joined(separator: ", "),
                             separatelyScheduled: details.separatelyScheduled.joined(separator: "\n"))
        form.item = details.quote.lines.map(\.item)
        form.quantity = details.quote.lines.map { String($0.quantity) }
        if details.quote.discount.isPositive {
            form.discountAmount = details.quote.discount.plainDecimal
            form.discountReason = details.quote.discountReason
        }
        return try await builder(account: details.patient.accountID, form: form)
    }

    func show(_ id: Int64, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let estimate = try await store.estimate(id) else { return try await notFound() }
        var values = try await EstimateView(services: services).values(estimate, base: "/staff/estimates/\(id)", today: today)
        let bill = try await Ledger(database: services.database).estimateBill(id)
        let revisedBy = try await store.revision(of: id)
        values["staffView"] = true
        values["canIssue"] = estimate.details.selfPay && values["gfe"] == nil && revisedBy == nil
        values["canBill"] = bill == nil
        values["needsAccount"] = estimate.details.patient.accountID == nil
        values["billRows"] = estimate.details.quote.lines.enumerated().map { index, line in
            ["n": String(index + 1), "description": line.description, "quantity": String(line.quantity), "unit": line.unit.quantityName]
        }
        if let revisedBy { values["revisedBy"] = String(revisedBy) }
        if let bill {
            values["bill"] = ["billed": bill.billed.formatted, "estimated": bill.estimated.formatted, "date": bill.billedOn.written(),
                              "excess": bill.excess.formatted, "flagged": bill.disputeFlag, "until": bill.disputeUntil?.written() ?? "",
                              "accountID": String(bill.accountID)]
        }
        values["notice"] = notice ?? ""
        values["error"] = error ?? ""
        if let issued = try await store.goodFaithEstimate(estimate: id) { values["email"] = try await emailValues(issued) }
        try await audit("staff.view.estimate", account: estimate.details.patient.accountID, subject: "estimate:\(id)")
        return try await services.pages.render("estimate", values, context: context, status: status)
    }

    func issue(_ id: Int64) async throws -> Response {
        do {
            _ = try await store.issueGoodFaithEstimate(estimate: id, on: today, by: staff.username, client: context.clientAddress)
            return .redirect(to: "/staff/estimates/\(id)/gfe", type: .normal)
        } catch EstimateError.unknownEstimate {
            return try await notFound()
        } catch let error as EstimateError {
            let status: HTTPResponse.Status = if case .incomplete = error { .unprocessableContent } else { .conflict }
            return try await show(id, error: "The Good Faith Estimate was not issued: \(error.description).", status: status)
        }
    }

    struct BillForm: Decodable {
        var quantity: [String]?
        var accountNumber: String?
    }

    func bill(_ id: Int64, _ form: BillForm) async throws -> Response {
        guard let estimate = try await store.estimate(id) else { return try await notFound() }
        func refused(_ text: String, _ status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
            try await show(id, error: text, status: status)
        }
        var quantities: [Int] = []
        for (index, text) in (form.quantity ?? []).enumerated() {
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 0 else {
                return try await refused("Item \(index + 1) done: '\(text.prefix(10))' is not a whole number (0 if not done).")
            }
            quantities.append(number)
        }
        var patient: (account: Int64, patient: Int64)?
        let details = estimate.details
        if details.patient.accountID == nil {
            let number = (form.accountNumber ?? "").trimmingCharacters(in: .whitespaces)
            let directory = PracticeDirectory(database: services.database)
            guard let account = try await directory.account(number: number) else {
                return try await refused("Account number: enter the account \(details.patient.fullName) was registered under.")
            }
            // The estimate's name and date of birth must be a patient on that account, so a typo bills no one else.
            guard let match = try await directory.patients(account: account.id).first(where: {
                $0.dateOfBirth == details.patient.dateOfBirth && $0.lastName.lowercased() == details.patient.lastName.lowercased()
            }) else {
                return try await refused("Account number: \(details.patient.fullName) (born \(details.patient.dateOfBirth.us)) is not a patient on that account.")
            }
            patient = (account.id, match.id)
        }
        do {
            let bill = try await Ledger(database: services.database).billEstimate(
                id, performed: quantities.isEmpty ? nil : quantities, patient: patient, on: today, by: Actor(staff.username, via: .desk),
                client: context.clientAddress)
            if bill.replayed { return try await refused("This estimate was already billed. Nothing more was posted.", .conflict) }
            let notice = bill.disputeFlag
                ? "Warning: billed \(bill.billed.formatted), \(bill.excess.formatted) over the Good Faith Estimate (\(bill.estimated.formatted)). "
                    + "The account is flagged and the patient's statements will carry the notice of their right to dispute until \(bill.disputeUntil?.written() ?? "")."
                : "Billed \(bill.billed.formatted) as self-pay charges."
            return try await show(id, notice: notice)
        } catch let error as EstimateError {
            return try await refused("Not billed: \(error.description).")
        } catch let error as LedgerError {
            return try await refused("Not billed: \(error.description).")
        }
    }

    func gfe(_ id: Int64, pdf: Bool) async throws -> Response {
        guard let issued = try await store.goodFaithEstimate(estimate: id) else { return try await notFound() }
        try await audit(pdf ? "download.gfe" : "staff.view.gfe", account: issued.accountID, subject: "gfe:\(issued.id)")
        if pdf { return try PDFDownload.goodFaithEstimate(issued.estimate) }
        var values = GoodFaithEstimatePage.values(issued, pdfHref: "/staff/estimates/\(id)/gfe/pdf")
        values["backHref"] = "/staff/estimates/\(id)"
        return try await services.pages.render("gfe", ["gfe": values, "email": try await emailValues(issued)], context: context)
    }

    struct EmailForm: Decodable {
        /// Only for a prospective patient without an account; an account's email on file is used otherwise.
        var address: String?
    }

    /// Emails the issued GFE's PDF to the patient, then shows the estimate with what happened.
    func email(_ id: Int64, _ form: EmailForm) async throws -> Response {
        guard let issued = try await store.goodFaithEstimate(estimate: id) else {
            guard try await store.estimate(id) != nil else { return try await notFound() }
            return try await show(id, error: "Not emailed: only a Good Faith Estimate can be emailed (as its PDF), and this estimate has none yet.",
                                  status: .conflict)
        }
        guard let mail = services.mail else {
            return try await show(id, error: "Not emailed: email is not set up on this server. Print the Good Faith Estimate instead.",
                                  status: .conflict)
        }
        do {
            let sending = try await EstimateMailer(services: services, mail: mail).send(
                issued, typedAddress: form.address, by: staff.username, client: context.clientAddress, logger: context.logger)
            return try await show(id, notice: "Emailed the Good Faith Estimate to \(Self.masked(sending.address)).")
        } catch let refusal as EstimateMailer.Refusal {
            return try await show(id, error: refusal.text, status: refusal.status)
        }
    }

    /// The email part of the estimate and GFE pages: the form when email is set up and the GFE is current, and the
    /// sendings so far.
    private func emailValues(_ issued: IssuedGoodFaithEstimate) async throws -> [String: Any] {
        let sendings = try await EstimateEmailLog(database: services.database).sendings(estimate: issued.estimateID)
        return [
            "action": "/staff/estimates/\(issued.estimateID)/email",
            "configured": services.mail != nil,
            "current": issued.supersededBy == nil,
            "needsAddress": issued.accountID == nil,
            "sent": sendings.map { "Emailed to \(Self.masked($0.address)) on \($0.sentOn.written())" },
        ]
    }

    /// "m…@example.com": the desk recognises the address; the page need not show all of it.
    private static func masked(_ address: String) -> String {
        (try? MailAddress(address))?.masked ?? "the address on file"
    }

    private func notFound() async throws -> Response {
        try await services.pages.message(.notFound, context: context, status: .notFound)
    }

    private func audit(_ action: String, account: Int64? = nil, subject: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: "staff:\(staff.username)", action: action, subject: subject,
                                                               account: account, client: context.clientAddress)
    }
}
