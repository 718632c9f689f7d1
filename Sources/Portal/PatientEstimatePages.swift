import BillingCore
import BillingStore
import Hummingbird

/// A signed-in patient's own estimates and Good Faith Estimates. Only the session's account: another account's
/// estimate id answers 404, as if it did not exist.
struct PatientEstimatePages: Sendable {
    let services: PortalServices
    let context: PortalRequestContext

    private var today: CalendarDate { CalendarDate(services.database.clock(), in: .current) }

    func list() async throws -> Response {
        guard let account = context.patientAccountID else { return .redirect(to: "/", type: .normal) }
        let rows = try await EstimateStore(database: services.database).list(account: account).filter { !$0.revised }
        try await audit("view.estimates", account: account)
        return try await services.pages.render("account-estimates", [
            "estimates": rows.map { ["id": String($0.id), "patient": $0.patientName, "total": $0.total.formatted,
                                     "service": $0.serviceDate?.written() ?? "not scheduled", "gfe": $0.gfeNumber ?? ""] },
            "hasEstimates": !rows.isEmpty,
        ], context: context)
    }

    func show(_ id: Int64) async throws -> Response {
        guard let account = context.patientAccountID,
              let estimate = try await EstimateStore(database: services.database).estimate(id, account: account) else { return try await notFound() }
        let values = try await EstimateView(services: services).values(estimate, base: "/account/estimates/\(id)", today: today, account: account)
        try await audit("view.estimate", account: account, subject: "estimate:\(id)")
        return try await services.pages.render("estimate", values, context: context)
    }

    func gfe(_ id: Int64, pdf: Bool) async throws -> Response {
        guard let account = context.patientAccountID,
              let issued = try await EstimateStore(database: services.database).goodFaithEstimate(estimate: id, account: account)
        else { return try await notFound() }
        try await audit(pdf ? "download.gfe" : "view.gfe", account: account, subject: "gfe:\(issued.id)")
        if pdf { return try PDFDownload.goodFaithEstimate(issued.estimate) }
        var values = GoodFaithEstimatePage.values(issued, pdfHref: "/account/estimates/\(id)/gfe/pdf")
        values["backHref"] = "/account/estimates/\(id)"
        return try await services.pages.render("gfe", ["gfe": values], context: context)
    }

    private func notFound() async throws -> Response {
        try await services.pages.message(.notFound, context: context, status: .notFound)
    }

    private func audit(_ action: String, account: Int64, subject: String = "") async throws {
        try await AuditLog(database: services.database).record(actor: "patient:\(account)", action: action, subject: subject,
                                                               account: account, client: context.clientAddress)
    }
}
