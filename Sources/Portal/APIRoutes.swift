import BillingCore
import BillingStore
import Foundation
import Hummingbird

/// The claims module's door: `/api/v1/…`, JSON, authenticated by API key.
struct APIRoutes {
    let services: PortalServices

    struct FeedPage: Encodable {
        var items: [FeedItem]
        /// Pass as `after` to get what came next; the same as the request's when there is nothing new.
        var nextCursor: String
    }

    func add(to router: Router<PortalRequestContext>) {
        // The API's description is public: a client needs it before it has a key.
        router.get("/api/v1/openapi.yaml") { _, _ -> Response in
            let path = URL(fileURLWithPath: services.configuration.publicDirectory).appendingPathComponent("openapi.yaml").path
            guard let document = FileManager.default.contents(atPath: path) else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: "application/yaml"],
                            body: .init(byteBuffer: ByteBuffer(bytes: document)))
        }
        let api = router.group("/api/v1").add(middleware: RequireAPIKey(keys: APIKeyStore(database: services.database)))
        api.get("payments") { request, context -> Response in
            let after = request.uri.queryParameters.get("after") ?? "0"
            guard let cursor = Int64(after), cursor >= 0 else {
                throw ProblemDetails(.badRequest, "after must be a cursor from an earlier page (a whole number)",
                                     errors: [FieldError("after", "'\(after.prefix(40))' is not a cursor")])
            }
            let limitText = request.uri.queryParameters.get("limit") ?? "100"
            guard let limit = Int(limitText), (1...1000).contains(limit) else {
                throw ProblemDetails(.badRequest, "limit must be between 1 and 1000", errors: [FieldError("limit", "must be between 1 and 1000")])
            }
            let items = try await PaymentFeed(database: services.database).items(after: cursor, limit: limit)
            return try json(FeedPage(items: items, nextCursor: String(items.last?.sequence ?? cursor)))
        }
        ClaimsAPIRoutes(services: services).add(to: api)
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.canonicalEncoder.encode(value))))
    }
}
