import BillingCore
import BillingStore
import Hummingbird

/// `/staff/plans`: every payment plan by status (active, missed, defaulted, completed, and the ended ones), with the
/// count, what the plans were made for and what is still to be collected on them.
struct StaffPlansPage: Sendable {
    let services: PortalServices
    let context: PortalRequestContext

    func render() async throws -> Response {
        let listings = try await PaymentPlanStore(database: services.database).listings()
        let groups = PaymentPlan.Status.allCases.map { status -> [String: Any] in
            let plans = listings.filter { $0.plan.status == status }
            return [
                "status": status.rawValue, "heading": status.rawValue.capitalized, "count": String(plans.count),
                "total": plans.map(\.plan.total).sum().formatted, "paid": plans.map(\.plan.paid).sum().formatted,
                "remaining": plans.map { $0.plan.status.isOpen ? $0.plan.remaining : .zero }.sum().formatted,
                "hasPlans": !plans.isEmpty,
                "plans": plans.map { listing -> [String: Any] in
                    let plan = listing.plan
                    return ["accountID": String(plan.accountID), "name": listing.guarantorName, "accountNumber": listing.accountNumber,
                            "total": plan.total.formatted, "paid": plan.paid.formatted, "remaining": plan.remaining.formatted,
                            "next": plan.status.isOpen ? (plan.nextUnpaid?.dueDate.short ?? "") : "",
                            "missed": String(plan.missedCount), "frequency": plan.frequency.plainName]
                },
            ]
        }
        try await AuditLog(database: services.database).record(actor: "staff:\(context.staffUser?.username ?? "")", action: "staff.view.plans",
                                                               detail: "\(listings.count) plan(s)", client: context.clientAddress)
        return try await services.pages.render("staff-plans", ["groups": groups, "hasAny": !listings.isEmpty], context: context)
    }
}
