import ArgumentParser
import BillingCore
import BillingStore
import DemoPractice
import Foundation
import Logging
import Metrics
import Portal
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (1 to 65535).") var port: Int = 8080
    @Flag(help: "When the database does not exist yet, fill it with the demo practice.") var demo = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "clearbill")
        logger.logLevel = .info
        if demo, !database.exists {
            let summary = try await DemoPractice.fill(path: database.path, options: .init(asOf: CalendarDate(Date(), in: .current)))
            print(DemoData.tryItTable(summary))
        }
        let db = try database.open()
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let app = Portal.application(database: db, configuration: PortalConfiguration(host: host, port: port),
                                     registry: registry, logger: logger)
        try await app.runService()
        try db.close()
    }
}
