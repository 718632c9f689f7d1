import BillingStore
import Foundation
import Hummingbird
import Prometheus

/// `/healthz` for load balancers and `/metrics` for Prometheus. Neither shows PHI.
struct OpsRoutes {
    let database: ClearbillDatabase
    let registry: PrometheusCollectorRegistry

    func add(to router: Router<PortalRequestContext>) {
        router.get("/healthz") { _, _ in try await health() }
        router.get("/metrics") { _, _ in try await metrics() }
    }

    private func health() async throws -> Response {
        let ok = await database.isReachable()
        let body = ok ? #"{"status":"ok"}"# : #"{"status":"database unavailable"}"#
        return Response(status: ok ? .ok : .serviceUnavailable,
                        headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func metrics() async throws -> Response {
        let counts = try await database.counts()
        registry.makeGauge(name: "clearbill_ledger_transactions", help: "Ledger transactions posted").set(Double(counts.transactions))
        registry.makeGauge(name: "clearbill_accounts", help: "Guarantor accounts").set(Double(counts.accounts))
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}


