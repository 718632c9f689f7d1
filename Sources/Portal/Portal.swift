import BillingStore
import Hummingbird
import Logging
import Prometheus

/// Where and how the server listens.
public struct PortalConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

/// Builds the Hummingbird application: every route, by audience, over one database.
public enum Portal {
    public static func router(database: ClearbillDatabase, registry: PrometheusCollectorRegistry) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        OpsRoutes(database: database, registry: registry).add(to: router)
        return router
    }

    public static func application(database: ClearbillDatabase, configuration: PortalConfiguration,
                                   registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(database: database, registry: registry),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Clearbill"),
                    logger: logger)
    }
}
