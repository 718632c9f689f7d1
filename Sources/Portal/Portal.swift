import BillingCore
import BillingStore
import Foundation
import Hummingbird
import Logging
import Prometheus

/// Where and how the server listens, and the secrets and switches it runs with.
public struct PortalConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Mark cookies Secure: on whenever the portal is served over TLS (directly or behind a proxy).
    public var secureCookies: Bool
    /// The portal runs behind a reverse proxy that appends the client's address to X-Forwarded-For; the sign-in
    /// throttle and the audit log then use that address instead of the proxy's. Never set it without such a proxy.
    public var trustForwardedFor: Bool
    /// The public address printed on statements and in signed links, e.g. "https://billing.example.com".
    public var publicURL: String
    /// HMAC key for signed statement links; random per database unless configured.
    public var linkSigningKey: [UInt8]
    /// Where the Mustache templates and static files are.
    public var templatesDirectory: String
    public var publicDirectory: String

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, trustForwardedFor: Bool = false,
                publicURL: String = "http://127.0.0.1:8080", linkSigningKey: [UInt8], templatesDirectory: String = "templates",
                publicDirectory: String = "public") {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.publicURL = publicURL
        self.linkSigningKey = linkSigningKey
        self.templatesDirectory = templatesDirectory
        self.publicDirectory = publicDirectory
    }
}

/// What every route group is built with.
public struct PortalServices: Sendable {
    public let database: ClearbillDatabase
    public let configuration: PortalConfiguration
    public let views: Views
    public let registry: PrometheusCollectorRegistry
    /// The card gateway; nil when none is configured, and the portal then says online payment is unavailable.
    public let onlinePayments: OnlinePaymentSettings?
    /// The rules new payment plans are offered under.
    public let planPolicy: PlanPolicy
    /// The mail relay; nil when none is configured, and the desk then says email is not set up.
    public let mail: MailSettings?

    public init(database: ClearbillDatabase, configuration: PortalConfiguration, views: Views, registry: PrometheusCollectorRegistry,
                onlinePayments: OnlinePaymentSettings? = nil, planPolicy: PlanPolicy = .standard, mail: MailSettings? = nil) {
        self.database = database
        self.configuration = configuration
        self.views = views
        self.registry = registry
        self.onlinePayments = onlinePayments
        self.planPolicy = planPolicy
        self.mail = mail
    }

    /// Renders pages inside the layout, with the practice's name, phone and hours.
    var pages: PageRenderer { PageRenderer(views: views, practices: PracticeDirectory(database: database)) }
}

/// Builds the Hummingbird application: every route, by audience, over one database.
public enum Portal {
    public static func router(_ services: PortalServices) -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        // Method and address of every request at debug level (`serve --log-level debug`): addresses carry no PHI and,
        // since card details go from the browser to the gateway, no card number either; bodies are never logged.
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: FileMiddleware(services.configuration.publicDirectory, urlBasePath: "/static",
                                              cacheControl: .init([(MediaType(type: .any), [.public, .maxAge(3600)])]), searchForIndexHtml: false))
        router.add(middleware: SessionMiddleware(sessions: SessionStore(database: services.database), configuration: services.configuration))
        router.add(middleware: CSRFMiddleware(configuration: services.configuration, pages: services.pages))
        OpsRoutes(database: services.database, registry: services.registry).add(to: router)
        AccessRoutes(services: services).add(to: router)
        StaffAccessRoutes(services: services).add(to: router)
        AccountRoutes(services: services).add(to: router)
        OnlinePaymentRoutes(services: services).add(to: router)
        StaffRoutes(services: services).add(to: router)
        DeskRoutes(services: services).add(to: router)
        BatchRoutes(services: services).add(to: router)
        WorkQueueRoutes(services: services).add(to: router)
        PlanRoutes(services: services).add(to: router)
        WebhookRoutes(services: services).add(to: router)
        APIRoutes(services: services).add(to: router)
        EstimateRoutes(services: services).add(to: router)
        return router
    }

    public static func application(_ services: PortalServices, logger: Logger) -> some ApplicationProtocol {
        Application(router: router(services),
                    configuration: .init(address: .hostname(services.configuration.host, port: services.configuration.port),
                                         serverName: "Clearbill"),
                    logger: logger)
    }
}
