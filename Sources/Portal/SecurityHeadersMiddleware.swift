import Foundation
import Hummingbird

/// Headers on every answer, errors included: a Content-Security-Policy that allows no inline script and no framing,
/// no MIME sniffing, no Referer (a URL never carries PHI, but a signed link is a key), and no caching of HTML pages,
/// which may show PHI.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    /// The policy of the payment page: the same, plus the gateway's own script, its card fields (frames) and its API,
    /// which the browser talks to directly so that card numbers never reach Clearbill.
    static func policy(allowingGateway scriptURL: String) -> String {
        guard let url = URL(string: scriptURL), let scheme = url.scheme, let host = url.host else { return contentSecurityPolicy }
        let origin = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        return "default-src 'self'; script-src 'self' \(origin); style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self' \(origin); frame-src \(origin); form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // A route may widen the policy for its own page (only the payment page does, for the gateway).
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
