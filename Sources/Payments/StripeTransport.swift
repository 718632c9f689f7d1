import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One Stripe API call over HTTP: form body, basic auth with the secret key, idempotency key, a deadline,
/// and every failure turned into a `PaymentGatewayError` named after the operation.
struct StripeTransport: Sendable {
    let client: HTTPClient
    let configuration: StripeConfiguration

    /// Stripe's answers are a few kilobytes; anything far larger is not an answer we can use.
    static let maximumResponseBytes = 1 << 20

    func send<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, form: StripeForm = StripeForm(),
        idempotencyKey: IdempotencyKey? = nil, operation: String, as answer: Answer.Type = Answer.self
    ) async throws(PaymentGatewayError) -> Answer {
        var url = configuration.apiBaseURL + path
        if method == .GET, !form.isEmpty { url += "?" + form.encoded }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Clearbill")
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey.rawValue) }
        if method == .POST {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form.encoded))
        }

        let status: Int
        let body: ByteBuffer
        let requestID: String?
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
            status = Int(response.status.code)
            requestID = response.headers.first(name: "Request-Id")
            body = try await response.body.collect(upTo: Self.maximumResponseBytes)
        } catch let error as HTTPClientError
            where [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            throw .timeout(operation: operation)
        } catch is NIOTooManyBytesError {
            throw .unexpectedResponse(operation: operation, status: 200,
                                      reason: "answer larger than \(Self.maximumResponseBytes) bytes", requestID: nil)
        } catch {
            throw .network(operation: operation, reason: String(describing: error))
        }

        let bytes = Data(body.readableBytesView)
        guard (200..<300).contains(status) else {
            throw Self.failure(status: status, body: bytes, requestID: requestID, operation: operation)
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: bytes)
        } catch {
            // The decoding error names the missing or mistyped field; the body itself may hold a client secret.
            throw .unexpectedResponse(operation: operation, status: status, reason: "unreadable answer: \(error)",
                                      requestID: requestID)
        }
    }

    private var authorization: String {
        "Basic " + Data((configuration.secretKey + ":").utf8).base64EncodedString()
    }

    static func failure(status: Int, body: Data, requestID: String?, operation: String) -> PaymentGatewayError {
        let error = (try? JSONDecoder().decode(WireErrorEnvelope.self, from: body))?.error
        if status == 401 || status == 403 {
            return .authentication(operation: operation, status: status, requestID: requestID)
        }
        // Stripe answers a refused card with 402 and type card_error; localstripe with 402 alone.
        if let error, status == 402 || error.type == "card_error" {
            return .cardDeclined(.init(
                operation: operation, code: error.code, declineCode: error.declineCode, message: error.message ?? "",
                paymentIntentID: error.paymentIntent?.id, requestID: requestID))
        }
        if status == 400 || status == 404 {
            return .invalidRequest(.init(
                operation: operation, status: status, type: error?.type, code: error?.code, param: error?.param,
                message: error?.message ?? "no error message", requestID: requestID))
        }
        return .unexpectedResponse(operation: operation, status: status, reason: error?.message ?? "no error message",
                                   requestID: requestID)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
