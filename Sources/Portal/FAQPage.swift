import BillingStore
import Hummingbird

/// The public billing FAQ, read from the database so the billing office can keep it current.
struct FAQPage: Sendable {
    let services: PortalServices

    func render(context: PortalRequestContext) async throws -> Response {
        let entries = try await FAQStore(database: services.database).all().map {
            ["id": String($0.id), "question": $0.question, "answer": $0.answer]
        }
        return try await services.pages.render("faq", ["entries": entries], context: context)
    }
}
