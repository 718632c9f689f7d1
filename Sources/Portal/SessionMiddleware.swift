import BillingStore
import Hummingbird

/// Finds who is asking: the client address, and the session named by the `cb_session` cookie. A cookie that names no
/// live session is cleared, and an idle-expired one is flagged so the guards can say why the user must sign in again.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let sessions: SessionStore
    let configuration: PortalConfiguration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if configuration.trustForwardedFor, let forwarded = ClientAddress.forwarded(request.headers) {
            context.clientAddress = forwarded
        }
        // No cookie, no database read: /healthz, static files and first visits cost nothing here.
        guard let token = request.cookies[SessionCookie.name]?.value else { return try await next(request, context) }
        switch try await sessions.find(token: token) {
        case .active(let session):
            context.session = session
            return try await next(request, context)
        case .expired:
            context.sessionExpired = true
        case .none:
            break
        }
        var response = try await next(request, context)
        if !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(SessionCookie.name + "=") }) {
            response.setCookie(SessionCookie.clearing(configuration))
        }
        return response
    }
}

/// The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site form posts), the whole
/// site, Secure whenever the portal is served over TLS. No Max-Age: it ends with the browser or the idle timeout.
enum SessionCookie {
    static let name = "cb_session"

    static func make(token: String, _ configuration: PortalConfiguration) -> Cookie {
        Cookie(name: name, value: token, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    static func clearing(_ configuration: PortalConfiguration) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
