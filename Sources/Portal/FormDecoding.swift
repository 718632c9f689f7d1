import BillingCore
import Hummingbird

/// A form that could not be read, naming the field: "lastName: is missing". Browsers always send every field of a
/// form, so this is for hand-made requests; what a person typed wrong is checked by the route and shown on the page.
struct FormDecodingError: HTTPResponseError, CustomStringConvertible {
    let status: HTTPResponse.Status
    let error: FieldError

    var description: String { error.description }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "The form could not be read: \(error)\n")))
    }
}

extension Request {
    /// Decodes an `application/x-www-form-urlencoded` body into `T`. The body may already have been read (by the
    /// CSRF check); it is read again from the request.
    func decodeForm<T: Decodable>(_ type: T.Type, context: PortalRequestContext) async throws -> T {
        guard headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true else {
            throw FormDecodingError(status: .unsupportedMediaType,
                                    error: FieldError("Content-Type", "must be application/x-www-form-urlencoded"))
        }
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch let error as DecodingError {
            throw FormDecodingError(status: .badRequest, error: Self.fieldError(error))
        } catch let error as URLEncodedFormError {
            throw FormDecodingError(status: .badRequest, error: FieldError("form", error.description))
        }
    }

    private static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "form" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return FieldError(path(context.codingPath + [key]), "is missing")
        case .valueNotFound(_, let context): return FieldError(path(context.codingPath), "is missing")
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return FieldError(path(context.codingPath), "is not valid")
        @unknown default: return FieldError("form", "could not be read")
        }
    }
}
