import BillingCore
import BillingStore
import Foundation
import Hummingbird

/// Cosmetic prices and estimates for every audience: the public price page and catalog API, the desk's quote builder
/// and Good Faith Estimates, the billing office's catalog, the patient's own estimates, and the quote API.
struct EstimateRoutes {
    let services: PortalServices

    struct PriceForm: Decodable { var price: String; var effectiveFrom: String }

    func add(to router: Router<PortalRequestContext>) {
        router.get("/prices") { request, context in
            try await PriceListPage(services: services).render(choice: request.uri.queryParameters.get("item"),
                                                               quantity: request.uri.queryParameters.get("quantity"), context: context)
        }
        let api = EstimateAPI(services: services)
        router.get("/api/v1/catalog") { _, _ in try await api.catalog() }
        router.group("/api/v1/quotes").add(middleware: RequireStaffOrAPIKey(keys: APIKeyStore(database: services.database)))
            .post { request, context in try await api.quote(request, context) }

        let desk = router.group("/staff/estimates").add(middleware: RequireStaff(role: .frontDesk, pages: services.pages))
        desk.get { _, context in try await pages(context).list() }
        desk.get("new") { request, context in
            try await pages(context).builder(account: request.uri.queryParameters.get("account").flatMap { Int64($0) })
        }
        desk.post("new") { request, context in
            try await pages(context).submit(try await request.decodeForm(QuoteForm.self, context: context))
        }
        desk.get("{id}") { _, context in try await pages(context).show(try id(context)) }
        desk.get("{id}/revise") { _, context in try await pages(context).revise(try id(context)) }
        desk.post("{id}/gfe") { _, context in try await pages(context).issue(try id(context)) }
        desk.get("{id}/gfe") { _, context in try await pages(context).gfe(try id(context), pdf: false) }
        desk.get("{id}/gfe/pdf") { _, context in try await pages(context).gfe(try id(context), pdf: true) }
        desk.post("{id}/email") { request, context in
            try await pages(context).email(try id(context), try await request.decodeForm(EstimateDeskPages.EmailForm.self, context: context))
        }
        desk.post("{id}/bill") { request, context in
            try await pages(context).bill(try id(context), try await request.decodeForm(EstimateDeskPages.BillForm.self, context: context))
        }

        let office = router.group("/staff/catalog").add(middleware: RequireStaff(role: .billingAdmin, pages: services.pages))
        office.get { _, context in try await CatalogEditorPage(services: services).render(context: context) }
        office.post("{item}/prices") { request, context in try await setPrice(request, context) }

        let patient = router.group("/account/estimates").add(middleware: RequirePatient())
        patient.get { _, context in try await PatientEstimatePages(services: services, context: context).list() }
        patient.get("{id}") { _, context in try await PatientEstimatePages(services: services, context: context).show(try id(context)) }
        patient.get("{id}/gfe") { _, context in
            try await PatientEstimatePages(services: services, context: context).gfe(try id(context), pdf: false)
        }
        patient.get("{id}/gfe/pdf") { _, context in
            try await PatientEstimatePages(services: services, context: context).gfe(try id(context), pdf: true)
        }
    }

    private func pages(_ context: PortalRequestContext) throws -> EstimateDeskPages {
        guard let staff = context.staffUser else { throw HTTPError(.forbidden) }
        return EstimateDeskPages(services: services, staff: staff, context: context)
    }

    /// A record id from the path; anything else is a 404, like an id that does not exist.
    private func id(_ context: PortalRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    private func setPrice(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let form = try await request.decodeForm(PriceForm.self, context: context)
        let editor = CatalogEditorPage(services: services)
        guard let staff = context.staffUser, let item = context.parameters.get("item") else { throw HTTPError(.notFound) }
        let price: Money
        do { price = try Money(parsing: form.price) } catch {
            return try await editor.render(context: context, error: "Price: \(error.description).", status: .unprocessableContent)
        }
        guard let date = CalendarDate(iso: form.effectiveFrom.trimmingCharacters(in: .whitespaces))
                ?? CalendarDate(us: form.effectiveFrom) else {
            return try await editor.render(context: context, error: "Effective from: '\(form.effectiveFrom.prefix(12))' is not a date.",
                                           status: .unprocessableContent)
        }
        do {
            try await PriceCatalogStore(database: services.database).setPrice(
                item: item, unitPrice: price, effectiveFrom: date, today: CalendarDate(services.database.clock(), in: .current),
                by: staff.username, client: context.clientAddress)
        } catch CatalogError.unknownItem {
            return try await services.pages.message(.notFound, context: context, status: .notFound)
        } catch let error as CatalogError {
            return try await editor.render(context: context, error: "Not saved: \(error.description).", status: .unprocessableContent)
        }
        return try await editor.render(context: context, notice: "Saved: \(price.formatted) from \(date.written()).")
    }
}

/// Admits a signed-in staff member or a caller with an API key; answers 401 problem details otherwise. A staff
/// session's cookie is SameSite=Lax and the route only reads JSON bodies, so another site cannot post a quote in a
/// staff member's name (a form cannot send application/json without a CORS preflight, which this server never allows).
struct RequireStaffOrAPIKey: RouterMiddleware {
    typealias Context = PortalRequestContext
    let keys: APIKeyStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if context.staffUser != nil { return try await next(request, context) }
        return try await RequireAPIKey(keys: keys).handle(request, context: context, next: next)
    }
}
