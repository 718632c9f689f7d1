import BillingCore
import BillingStore

/// What the estimate page shows to staff and to the patient alike: who, what, when, the priced quote, and its GFE.
struct EstimateView: Sendable {
    let services: PortalServices

    func values(_ estimate: Estimate, base: String, today: CalendarDate, account: Int64? = nil) async throws -> [String: Any] {
        let details = estimate.details
        let directory = PracticeDirectory(database: services.database)
        let provider = try await directory.providers().first { $0.id == details.providerID }
        let location = try await directory.locations().first { $0.id == details.locationID }
        var values: [String: Any] = [
            "estimateID": String(estimate.id), "patientName": details.patient.fullName, "dateOfBirth": details.patient.dateOfBirth.us,
            "provider": provider?.displayName ?? "", "location": location?.name ?? "", "primaryService": details.primaryService,
            "serviceDate": details.serviceDate?.written() ?? "", "validUntil": details.validUntil.written(),
            "selfPay": details.selfPay, "quote": QuotePage.values(details.quote),
        ]
        if let issued = try await EstimateStore(database: services.database).goodFaithEstimate(estimate: estimate.id, account: account) {
            values["gfe"] = ["number": issued.estimate.number, "issuedOn": issued.estimate.issuedOn.written(), "href": "\(base)/gfe",
                             "pdfHref": "\(base)/gfe/pdf", "supersededBy": issued.supersededBy ?? ""]
        } else if let due = details.gfeDueDate {
            let overdue = GoodFaithEstimateTiming.status(dueDate: due, issued: false, today: today) == .overdue
            values["gfeDue"] = (overdue ? "Overdue: it was due by " : "Due by ") + due.written()
            values["gfeOverdue"] = overdue
        }
        return values
    }
}
