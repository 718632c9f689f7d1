import BillingCore
import BillingStore
import Foundation
import Hummingbird

/// RFC 9457 problem details: how every API error answers, naming the field and the reason.
struct ProblemDetails: Encodable, Error, HTTPResponseError {
    var type = "about:blank"
    var title: String
    var statusCode: Int
    var detail: String
    var errors: [FieldError]?

    enum CodingKeys: String, CodingKey { case type, title, statusCode = "status", detail, errors }

    init(_ status: HTTPResponse.Status, _ detail: String, errors: [FieldError]? = nil) {
        title = status.reasonPhrase
        statusCode = status.code
        self.detail = detail
        self.errors = errors
    }

    var status: HTTPResponse.Status { .init(code: statusCode) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: status, headers: [.contentType: "application/problem+json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(self))))
    }
}

/// Admits API calls that carry a valid key (`Authorization: Bearer cbk_…`); answers 401 otherwise.
struct RequireAPIKey: RouterMiddleware {
    typealias Context = PortalRequestContext
    let keys: APIKeyStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              try await keys.authenticate(String(header.dropFirst(7))) != nil else {
            var response = try ProblemDetails(.unauthorized, "a valid API key is required (Authorization: Bearer <key>)")
                .response(from: request, context: context)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}
