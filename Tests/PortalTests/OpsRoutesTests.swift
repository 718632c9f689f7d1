import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Portal
import Prometheus
import Testing

@Suite struct OpsRoutesTests {
    func withApp(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clearbill-portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try ClearbillDatabase(path: folder.appendingPathComponent("p.sqlite").path)
        defer { try? database.close() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = PortalConfiguration(linkSigningKey: Array(repeating: 7, count: 32),
                                                templatesDirectory: root.appendingPathComponent("templates").path,
                                                publicDirectory: root.appendingPathComponent("public").path)
        let services = PortalServices(database: database, configuration: configuration,
                                      views: try await Views(directory: configuration.templatesDirectory),
                                      registry: PrometheusCollectorRegistry())
        let app = Portal.application(services, logger: Logger(label: "test"))
        try await app.test(.router, body)
    }

    @Test func healthzAnswersOkWithoutCaching() async throws {
        try await withApp { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func metricsSpeakPrometheusText() async throws {
        try await withApp { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("# TYPE clearbill_ledger_transactions gauge"))
                #expect(text.contains("clearbill_accounts 0"))
            }
        }
    }

    @Test func staticFilesAreServedWithCacheHeaders() async throws {
        try await withApp { client in
            try await client.execute(uri: "/static/clearbill.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl]?.contains("max-age=3600") == true)
            }
        }
    }

    @Test func unknownRoutesAre404() async throws {
        try await withApp { client in
            try await client.execute(uri: "/nope", method: .get) { response in #expect(response.status == .notFound) }
        }
    }
}
