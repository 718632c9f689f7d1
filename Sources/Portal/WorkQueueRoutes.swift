import BillingCore
import BillingStore
import Foundation
import Hummingbird

/// `/staff/work-queue`: the 835 claims that did not post, for the billing office, each with the reason and the claim
/// as the payer sent it. A claim leaves the list when its file, imported again after the visit is fixed, posts it.
struct WorkQueueRoutes {
    let services: PortalServices

    func add(to router: Router<PortalRequestContext>) {
        let office = router.group("/staff/work-queue").add(middleware: RequireStaff(role: .billingAdmin, pages: services.pages))
        office.get { _, context in try await page(context) }
    }

    private func page(_ context: PortalRequestContext) async throws -> Response {
        let items = try await RemittanceWorkQueue(database: services.database).open()
        var values: [String: Any] = [:]
        values["count"] = String(items.count)
        values["hasItems"] = !items.isEmpty
        values["items"] = items.map { item -> [String: Any] in
            let claim = try? JSONDecoder().decode(RemittanceClaimSnapshot.self, from: Data(item.claimJSON.utf8))
            return ["file": item.fileName, "position": item.position, "claimNumber": item.claimNumber, "reason": item.reason,
                    "queuedAt": item.queuedAt, "payer": claim?.payer ?? "",
                    "paid": claim.map { Money(cents: $0.paidCents).formatted } ?? "",
                    "json": Self.pretty(item.claimJSON)]
        }
        try await AuditLog(database: services.database).record(
            actor: "staff:\(context.staffUser?.username ?? "")", action: "staff.view.work-queue",
            detail: "\(items.count) open item(s)", client: context.clientAddress)
        return try await services.pages.render("staff-work-queue", values, context: context)
    }

    /// The stored JSON indented for reading; as stored when it is somehow not JSON.
    private static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
