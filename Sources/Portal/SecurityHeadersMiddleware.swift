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
    /// which the browser talks to directly so that card numbers never reach Clearbill. Stripe serves the script from
    /// js.stripe.com and the API from api.stripe.com; localstripe serves both from one origin.
    static func policy(allowingGateway scriptURL: String, api apiURL: String) -> String {
        guard let script = origin(scriptURL) else { return contentSecurityPolicy }
        let connect = [script, origin(apiURL)].compactMap { $0 }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return "default-src 'self'; script-src 'self' \(script); style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self' \(connect.joined(separator: " ")); frame-src \(script); form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    private static func origin(_ address: String) -> String? {
        guard let url = URL(string: address), let scheme = url.scheme, let host = url.host else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
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
