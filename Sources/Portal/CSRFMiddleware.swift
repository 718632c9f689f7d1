import ClearbillCrypto
import Hummingbird

/// Every form post must carry the CSRF token (field `csrf`, or header X-CSRF-Token): the session's once signed in;
/// before sign-in, the value of the `cb_csrf` cookie that pages set (double submit: another site can make a browser
/// post, but cannot read or set this cookie to match). The API and webhooks authenticate otherwise and are exempt.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    static let cookieName = "cb_csrf"
    static let exemptPrefixes = ["/api/", "/webhooks/"]
    let configuration: PortalConfiguration
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        var newCookie: String?
        if let session = context.session {
            context.csrfToken = session.csrfToken
        } else if let cookie = request.cookies[Self.cookieName]?.value, Self.isToken(cookie) {
            context.csrfToken = cookie
        } else {
            newCookie = SecureRandom.token()
            context.csrfToken = newCookie ?? ""
        }
        var accepted = true
        if Self.needsToken(request) {
            let sent = try await sentToken(&request, context)
            // A token freshly made for this request cannot be one the form was given.
            accepted = newCookie == nil && Self.matches(sent, context.csrfToken)
        }
        var response = accepted ? try await next(request, context)
                                : try await pages.message(.formExpired, context: context, status: .forbidden)
        // Only pages get the cookie: they are where forms come from.
        if let newCookie, response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.setCookie(Cookie(name: Self.cookieName, value: newCookie, path: "/", secure: configuration.secureCookies,
                                      httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func needsToken(_ request: Request) -> Bool {
        ![.get, .head, .options].contains(request.method) && !exemptPrefixes.contains(where: request.uri.path.hasPrefix)
    }

    /// The token the request sent. Reading a form body here keeps it in the request, so the route can decode it again.
    private func sentToken(_ request: inout Request, _ context: Context) async throws -> String? {
        if let header = request.headers[.xCSRFToken] { return header }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return try? URLEncodedFormDecoder().decode(CSRFField.self, from: String(buffer: body)).csrf
    }

    private static func matches(_ sent: String?, _ expected: String) -> Bool {
        guard let sent, !expected.isEmpty else { return false }
        return Digest.constantTimeEqual(Array(sent.utf8), Array(expected.utf8))
    }

    /// Ours are 43 base64url characters; anything else in the cookie is replaced.
    private static func isToken(_ value: String) -> Bool {
        (32...64).contains(value.utf8.count) && Base64URL.decode(value) != nil
    }

    private struct CSRFField: Decodable { var csrf: String? }
}
