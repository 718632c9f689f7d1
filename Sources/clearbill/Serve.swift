import ArgumentParser
import BillingCore
import BillingStore
import DemoPractice
import Foundation
import Logging
import Mail
import Metrics
import Portal
import Payments
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on (1 to 65535).") var port: Int = 8080
    @Flag(help: "When the database does not exist yet, fill it with the demo practice.") var demo = false
    @Flag(name: .customLong("secure-cookies"), help: "Mark cookies Secure (set when served over TLS).") var secureCookies = false
    @Flag(name: .customLong("trust-forwarded-for"),
          help: "Behind a reverse proxy: take the client address from X-Forwarded-For (for sign-in limits and the audit log).")
    var trustForwardedFor = false
    @Option(name: .customLong("public-url"), help: "The address patients use, printed in statement links.") var publicURL: String?
    @Option(name: .customLong("gateway-url"),
            help: "Stripe-compatible gateway (https://api.stripe.com, or a localstripe). The secret key is read from CLEARBILL_GATEWAY_SECRET_KEY, the webhook secret from CLEARBILL_WEBHOOK_SECRET. Without it, online payment is off.")
    var gatewayURL: String?
    @Option(name: .customLong("gateway-publishable-key"), help: "The gateway's publishable key, for the payment page.")
    var publishableKey: String?
    @Option(name: .customLong("mail-relay"),
            help: "The practice's own mail relay as HOST:PORT (e.g. a local Postfix on 127.0.0.1:25), spoken to in plain SMTP; it relays onward over TLS. Needs --mail-from. Without it, the desk cannot email estimates.")
    var mailRelay: String?
    @Option(name: .customLong("mail-from"), help: "The address patient email comes from, e.g. billing@example.com (needs --mail-relay).")
    var mailFrom: String?
    @Option(name: .customLong("log-level"), help: "Least important log level written to standard error (trace, debug, info, notice, warning, error, critical); debug adds a line per request.")
    var logLevel: Logger.Level = .info
    @OptionGroup var planPolicy: PlanPolicyOptions
    @Flag(name: .customLong("plans-daily"),
          help: "Charge due plan installments by itself: at start and again each day (needs --gateway-url). Off unless given.")
    var plansDaily = false
    @Option(name: .customLong("reconcile-every-minutes"),
            help: "With --gateway-url: read online payments left unsettled back from the gateway at start and then every this many minutes (0: never).")
    var reconcileEveryMinutes: Int = 10
    @Option(help: "Folder of Mustache templates.") var templates: String = "templates"
    @Option(name: .customLong("public"), help: "Folder of static files.") var publicFiles: String = "public"

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw ValidationError("--public-url must start with https:// or http://, not '\(publicURL)'")
        }
        if let gatewayURL {
            try GatewayOption.validate(gatewayURL)
            guard let publishableKey, publishableKey.hasPrefix("pk_") else {
                throw ValidationError("--gateway-url needs --gateway-publishable-key (pk_…)")
            }
        }
        switch (mailRelay, mailFrom) {
        case (nil, nil): break
        case (let relay?, let from?):
            guard SMTPRelay(relay) != nil else {
                throw ValidationError("--mail-relay must be HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:25), not '\(relay)'")
            }
            do { _ = try MailAddress(from) } catch { throw ValidationError("--mail-from '\(from)' is \(error.description)") }
        case (nil, _?): throw ValidationError("--mail-from needs --mail-relay (HOST:PORT of the practice's mail relay)")
        case (_?, nil): throw ValidationError("--mail-relay needs --mail-from (the address patient email comes from)")
        }
        guard (0...1_440).contains(reconcileEveryMinutes) else {
            throw ValidationError("--reconcile-every-minutes must be between 0 (never) and 1440, not \(reconcileEveryMinutes)")
        }
        if plansDaily, gatewayURL == nil { throw ValidationError("--plans-daily needs --gateway-url to charge the saved cards") }
        for (flag, folder) in [("--templates", templates), ("--public", publicFiles)] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("\(flag) folder '\(folder)' does not exist (run from the repository, or pass the path)")
            }
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "clearbill")
        logger.logLevel = logLevel
        if demo, !database.exists {
            let summary = try await DemoPractice.fill(path: database.path, options: .init(asOf: CalendarDate(Date(), in: .current)))
            print(DemoData.tryItTable(summary))
            fflush(nil)  // before the server's log lines, also when standard output is a file
        }
        let db = try database.open()
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let configuration = PortalConfiguration(host: host, port: port, secureCookies: secureCookies, trustForwardedFor: trustForwardedFor,
                                                publicURL: publicURL ?? "http://\(host):\(port)",
                                                linkSigningKey: try SigningKeyFile.load(forDatabase: database.path),
                                                templatesDirectory: templates, publicDirectory: publicFiles)
        try await FAQStore(database: db).seedIfEmpty()
        var onlinePayments: OnlinePaymentSettings?
        if let gatewayURL, let publishableKey {
            let gateway = try GatewayOption.gateway(gatewayURL, publishableKey: publishableKey)
            onlinePayments = OnlinePaymentSettings(gateway: gateway, webhookSecret: ProcessInfo.processInfo.environment["CLEARBILL_WEBHOOK_SECRET"])
            logger.info("online payments through \(gatewayURL)")
        } else {
            logger.info("no payment gateway configured: the portal offers phone, mail and desk payment only")
        }
        var mail: MailSettings?
        if let mailRelay, let relay = SMTPRelay(mailRelay), let mailFrom {
            mail = MailSettings(client: SMTPClient(relay: relay), from: try MailAddress(mailFrom))
            logger.info("email through the relay at \(relay)")
        } else {
            logger.info("no mail relay configured: the desk prints estimates but cannot email them")
        }
        let services = PortalServices(database: db, configuration: configuration, views: try await Views(directory: templates),
                                      registry: registry, onlinePayments: onlinePayments, planPolicy: try planPolicy.policy(), mail: mail)
        let app = Portal.application(services, logger: logger)
        let installments = plansDaily ? onlinePayments.map { Self.chargeInstallmentsDaily(InstallmentJob(database: db, gateway: $0.gateway), logger) } : nil
        let reconciliation = reconcileEveryMinutes > 0
            ? onlinePayments.map { Self.reconcile(OnlinePaymentReconciler(database: db, gateway: $0.gateway), every: reconcileEveryMinutes, logger) }
            : nil
        try await app.runService()
        for task in [installments, reconciliation].compactMap({ $0 }) {
            task.cancel()
            _ = await task.value
        }
        try await (onlinePayments?.gateway as? StripeGateway)?.shutdown()
        try db.close()
    }
}

extension Serve {
    /// Runs the installment job for the practice's date when the server starts and whenever the date has changed since,
    /// checking every ten minutes. Running it again on a day is harmless: each installment is charged once.
    static func chargeInstallmentsDaily(_ job: InstallmentJob, _ logger: Logger) -> Task<Void, Never> {
        Task {
            var lastRun: CalendarDate?
            while !Task.isCancelled {
                let today = CalendarDate(job.database.clock(), in: .current)
                if today != lastRun {
                    do {
                        _ = try await job.run(on: today, logger: logger)
                        lastRun = today
                    } catch {
                        logger.error("plan installments for \(today.iso) failed: \(error)")
                    }
                }
                try? await Task.sleep(for: .seconds(600))
            }
        }
    }
}

extension Serve {
    /// Settles online payments the portal never heard back about, at start and then every `minutes`. A run that
    /// overlaps the webhook or a `payments reconcile` command is harmless: each payment is posted once.
    static func reconcile(_ reconciler: OnlinePaymentReconciler, every minutes: Int, _ logger: Logger) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                do {
                    _ = try await reconciler.run(logger: logger)
                } catch {
                    logger.error("online payment reconciliation failed: \(error)")
                }
                try? await Task.sleep(for: .seconds(60 * minutes))
            }
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
