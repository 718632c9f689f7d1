import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Portal
import Prometheus
import Testing

/// Keeps public/openapi.yaml true: the API's routes and the document's operations are the same set, and each
/// documented operation answers in the running router (401 without a key: the route exists; 404 would mean it does not).
@Suite struct OpenAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// "METHOD /path" for every operation under `paths:`, read from the document's two-space indentation.
    static func documentedOperations() throws -> Set<String> {
        let text = try String(contentsOf: root.appendingPathComponent("public/openapi.yaml"), encoding: .utf8)
        var operations = Set<String>()
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line == "paths:"; path = nil; continue }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(method) { operations.insert("\(method.uppercased()) \(path)") }
            }
        }
        return operations
    }

    static func services(_ folder: URL) async throws -> PortalServices {
        let database = try ClearbillDatabase(path: folder.appendingPathComponent("p.sqlite").path)
        let configuration = PortalConfiguration(linkSigningKey: Array(repeating: 7, count: 32),
                                                templatesDirectory: root.appendingPathComponent("templates").path,
                                                publicDirectory: root.appendingPathComponent("public").path)
        return PortalServices(database: database, configuration: configuration,
                              views: try await Views(directory: configuration.templatesDirectory), registry: PrometheusCollectorRegistry())
    }

    @Test func everyAPIRouteIsDocumentedAndEveryDocumentedOperationAnswers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clearbill-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let services = try await Self.services(folder)
        defer { try? services.database.close() }
        let router = Portal.router(services)
        let served = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") }
            .map { $0.replacingOccurrences(of: " /api/v1/", with: " /") })
        let documented = try Self.documentedOperations()
        #expect(documented.count >= 8, "the document's paths were not read")
        #expect(served.subtracting(documented).isEmpty, "routes missing from openapi.yaml: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not routed: \(documented.subtracting(served).sorted())")

        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for operation in documented.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1)
                let uri = "/api/v1" + parts[1].replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{number}", with: "1")
                let response = try await client.execute(uri: uri, method: HTTPRequest.Method(String(parts[0]))!)
                // The document and the price list are public; everything else needs a key.
                let expected: HTTPResponse.Status = ["GET /openapi.yaml", "GET /catalog"].contains(operation) ? .ok : .unauthorized
                #expect(response.status == expected, "\(operation) answered \(response.status)")
            }
            try await client.execute(uri: "/api/v1/nope", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func theDocumentIsServedWithoutAKey() async throws {
        try await PortalHarness.run { portal in
            let response = try await portal.client.execute(uri: "/api/v1/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/yaml")
            let text = String(buffer: response.body)
            #expect(text.hasPrefix("openapi: 3.1.0"))
            #expect(text.contains("/remittances:") && text.contains("scheme: bearer") && text.contains("application/problem+json"))
        }
    }
}
