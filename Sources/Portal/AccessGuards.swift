import BillingCore
import Hummingbird

/// Guards a route group for patients: `router.group("/account").add(middleware: RequirePatient())`. Without a patient
/// session the browser goes to the sign-in page, told why when the session timed out. Routes behind it read the one
/// account they may show from `context.patientAccountID`.
struct RequirePatient: RouterMiddleware {
    typealias Context = PortalRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.patientAccountID != nil else {
            return .redirect(to: context.sessionExpired ? "/?expired=1" : "/", type: .normal)
        }
        return try await next(request, context)
    }
}

/// Guards a route group for staff: `RequireStaff(role: .billingAdmin, pages: services.pages)`. `.frontDesk` admits
/// every staff user (the billing office does everything the front desk does); `.billingAdmin` admits only them.
/// Without a session: to the staff sign-in page. With a patient session or too small a role: 403.
struct RequireStaff: RouterMiddleware {
    typealias Context = PortalRequestContext
    let role: StaffRole
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.session != nil else {
            return .redirect(to: context.sessionExpired ? "/staff/sign-in?expired=1" : "/staff/sign-in", type: .normal)
        }
        guard let user = context.staffUser, user.role == .billingAdmin || user.role == role else {
            return try await pages.message(.forbidden, context: context, status: .forbidden)
        }
        return try await next(request, context)
    }
}
