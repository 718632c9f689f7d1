import BillingStore
import Hummingbird

/// The public billing FAQ, read from the database so the billing office can keep it current.
struct FAQPage: Sendable {
    let services: PortalServices

    func render(layout: [String: Any]) async throws -> Response {
        var values = layout
        values["entries"] = try await FAQStore(database: services.database).all().map {
            ["id": String($0.id), "question": $0.question, "answer": $0.answer]
        }
        return services.views.page("faq", values)
    }
}
