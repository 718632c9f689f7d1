import Foundation
import Hummingbird
import Mustache

/// Mustache templates from `templates/`, loaded once at start, rendered into HTML responses.
public struct Views: Sendable {
    let library: MustacheLibrary

    public init(directory: String) async throws {
        library = try await MustacheLibrary(directory: directory)
    }

    /// Renders `template` with `values`. A missing template is a programming error, answered as a plain 500.
    func page(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        guard let html = library.render(Self.withoutEmptyStrings(values), withTemplate: template) else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "template \(template) is missing")))
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// Mustache opens a section for an empty string; pages mean "nothing here" by it, so empty strings are dropped
    /// (interpolating a missing value prints nothing, the same as printing "").
    static func withoutEmptyStrings(_ values: [String: Any]) -> [String: Any] {
        values.compactMapValues(prune)
    }

    private static func prune(_ value: Any) -> Any? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let dictionary as [String: Any]: withoutEmptyStrings(dictionary)
        case let list as [Any]: list.compactMap(prune)
        default: value
        }
    }
}
