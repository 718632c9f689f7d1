import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import Payments

/// Payment plans, for the signed-in patient (`/account/plan`) and for the desk enrolling a patient in person
/// (`/staff/accounts/{id}/plan`): see the options, agree to the terms, save a card in the gateway's own fields, then
/// pay ahead, pay off, change the card, add new charges or cancel. The office's list of plans is `/staff/plans`.
struct PlanRoutes {
    let services: PortalServices

    struct EnrollForm: Decodable {
        var attempt: String
        var option: String?
        var agree: String?
        var terms: String?
        var setupIntent: String?
    }

    struct AttemptForm: Decodable { var attempt: String }
    struct CancelForm: Decodable { var confirm: String? }
    struct CardForm: Decodable { var setupIntent: String? }

    func add(to router: Router<PortalRequestContext>) {
        let patient = router.group("/account").add(middleware: RequirePatient())
        addPlanRoutes(to: patient, prefix: "") { context in
            guard let id = context.patientAccountID else { throw HTTPError(.unauthorized) }
            return PlanAudience(accountID: id, base: "/account", actor: "patient:\(id)", acceptedBy: "patient:\(id)", via: .portal)
        }
        let desk = router.group("/staff").add(middleware: RequireStaff(role: .frontDesk, pages: services.pages))
        addPlanRoutes(to: desk, prefix: "accounts/{id}/") { context in
            guard let id = context.parameters.get("id", as: Int64.self), let staff = context.staffUser else { throw HTTPError(.notFound) }
            return PlanAudience(accountID: id, base: "/staff/accounts/\(id)", actor: "staff:\(staff.username)",
                                acceptedBy: "patient:\(id) at the desk with staff:\(staff.username)", via: .desk)
        }
        desk.get("plans") { _, context in try await StaffPlansPage(services: services, context: context).render() }
    }

    private func addPlanRoutes(to group: RouterGroup<PortalRequestContext>, prefix: String,
                               audience: @escaping @Sendable (PortalRequestContext) throws -> PlanAudience) {
        group.get("\(prefix)plan") { _, context in try await pages(context, audience).show() }
        group.post("\(prefix)plan") { request, context in
            try await pages(context, audience).enroll(try await request.decodeForm(EnrollForm.self, context: context))
        }
        group.post("\(prefix)plans/{plan}/replan") { request, context in
            let form = try await request.decodeForm(EnrollForm.self, context: context)
            return try await pages(context, audience).withPlan(context) { try await $0.replan($1, form) }
        }
        group.post("\(prefix)plans/{plan}/pay-ahead") { request, context in
            let form = try await request.decodeForm(AttemptForm.self, context: context)
            return try await pages(context, audience).withPlan(context) { try await $0.charge(.ahead, $1, attempt: form.attempt) }
        }
        group.post("\(prefix)plans/{plan}/payoff") { request, context in
            let form = try await request.decodeForm(AttemptForm.self, context: context)
            return try await pages(context, audience).withPlan(context) { try await $0.charge(.payoff, $1, attempt: form.attempt) }
        }
        group.post("\(prefix)plans/{plan}/cancel") { request, context in
            let form = try await request.decodeForm(CancelForm.self, context: context)
            return try await pages(context, audience).withPlan(context) { try await $0.cancel($1, confirmed: form.confirm == "yes") }
        }
        group.get("\(prefix)plans/{plan}/card") { _, context in
            try await pages(context, audience).withPlan(context) { try await $0.cardPage($1) }
        }
        group.post("\(prefix)plans/{plan}/card") { request, context in
            let form = try await request.decodeForm(CardForm.self, context: context)
            return try await pages(context, audience).withPlan(context) { try await $0.changeCard($1, setupIntent: form.setupIntent ?? "") }
        }
    }

    private func pages(_ context: PortalRequestContext, _ audience: (PortalRequestContext) throws -> PlanAudience) throws -> PlanPages {
        PlanPages(services: services, context: context, audience: try audience(context))
    }
}

/// Whose plan pages these are, where they live, and who is acting.
struct PlanAudience: Sendable {
    var accountID: Int64
    /// "/account" or "/staff/accounts/12".
    var base: String
    var actor: String
    var acceptedBy: String
    var via: TransactionSource
}
