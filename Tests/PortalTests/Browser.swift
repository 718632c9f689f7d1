import BillingCore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal

/// Just enough of a browser: keeps cookies, remembers the CSRF token of the last page, posts forms.
struct Browser {
    let client: any TestClientProtocol
    /// Sent as X-Forwarded-For, which the harness's portal trusts: each browser can be a different client.
    var address: String
    var cookies: [String: String] = [:]
    var csrf = ""

    init(client: any TestClientProtocol, address: String) {
        self.client = client
        self.address = address
    }

    @discardableResult
    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        keep(response)
        return response
    }

    @discardableResult
    mutating func post(_ uri: String, _ form: [(String, String)], csrf token: String? = nil,
                       extraHeaders: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        headers.append(contentsOf: extraHeaders)
        let fields = (token.map { [("csrf", $0)] } ?? []) + form
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Opens the sign-in page (which sets the pre-sign-in CSRF cookie) and signs in.
    @discardableResult
    mutating func signIn(code: String, lastName: String, dateOfBirth: String) async throws -> TestResponse {
        if csrf.isEmpty { try await get("/") }
        return try await post("/sign-in", [("code", code), ("lastName", lastName), ("dateOfBirth", dateOfBirth)], csrf: csrf)
    }

    private func headers() -> HTTPFields {
        var headers: HTTPFields = [.xForwardedFor: address]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        return headers
    }

    private mutating func keep(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let body = String(buffer: response.body)
        if let token = Self.firstMatch(#"name="csrf" value="([^"]*)""#, in: body) { csrf = token }
        if let token = Self.firstMatch(#"csrf ([A-Za-z0-9_-]+)"#, in: body) { csrf = token }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The value of the hidden form field `name` on the page (the first one), or nil.
    static func hidden(_ name: String, in response: TestResponse) -> String? {
        firstMatch(#"name="\#(name)" value="([^"]*)""#, in: String(buffer: response.body))
    }

    /// The text of the page's error notice (`<p class="notice error" role="alert">`), or "" when there is none.
    static func errorNotice(_ response: TestResponse) -> String {
        firstMatch(#"(?s)class="notice error" role="alert">(.*?)</p>"#, in: String(buffer: response.body)) ?? ""
    }

    /// The ledger transaction behind a receipt address such as "/staff/receipts/R0000000123?tendered=5000".
    static func receiptTransaction(_ location: String?) -> Int64? {
        guard let location, let number = location.split(separator: "/").last?.split(separator: "?").first else { return nil }
        return ReceiptNumber.transactionID(String(number))
    }

    /// The text of the role=alert notice, or "" when there is none.
    static func alert(_ response: TestResponse) -> String {
        firstMatch(#"(?s)role="alert"[^>]*>(.*?)</div>"#, in: String(buffer: response.body)) ?? ""
    }
}
