import ArgumentParser
import BillingCore
import BillingStore
import Foundation
import Payments
import Portal

struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plans", abstract: "Payment plans.", subcommands: [Run.self, Policy.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Charge every plan installment due on or before the date to its saved card; safe to run twice, at once, or after a crash.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "Business date, YYYY-MM-DD (default: today).") var date: String?
        @Option(name: .customLong("gateway-url"),
                help: "Stripe-compatible gateway; the secret key is read from CLEARBILL_GATEWAY_SECRET_KEY.")
        var gatewayURL: String

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
            try GatewayOption.validate(gatewayURL)
        }

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let gateway = try GatewayOption.gateway(gatewayURL, publishableKey: "")
            let day = date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date(), in: .current)
            let report: InstallmentJob.Report
            do {
                report = try await InstallmentJob(database: db, gateway: gateway).run(on: day)
            } catch {
                try? await gateway.shutdown()
                throw error
            }
            try await gateway.shutdown()
            print("plan installments for \(day.iso): \(report)")
            if let first = report.failures.first {
                throw ValidationError("\(report.failures.count) installment(s) not handled, first: \(first); run again once fixed")
            }
        }
    }

    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a plan policy and print it as the portal would use it.")

        @OptionGroup var options: PlanPolicyOptions

        func run() throws {
            let policy = try options.policy()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(policy), as: UTF8.self))
        }
    }
}

/// The gateway address rules shared by `serve` and `plans run`.
enum GatewayOption {
    static func validate(_ url: String) throws {
        guard url.hasPrefix("https://") || url.hasPrefix("http://127.0.0.1") || url.hasPrefix("http://localhost") else {
            throw ValidationError("--gateway-url must be https:// (or http://127.0.0.1 for a local test gateway), not '\(url)'")
        }
        guard let key = ProcessInfo.processInfo.environment["CLEARBILL_GATEWAY_SECRET_KEY"], !key.isEmpty else {
            throw ValidationError("--gateway-url needs the secret key in CLEARBILL_GATEWAY_SECRET_KEY")
        }
    }

    static func gateway(_ url: String, publishableKey: String) throws -> StripeGateway {
        guard let secret = ProcessInfo.processInfo.environment["CLEARBILL_GATEWAY_SECRET_KEY"], !secret.isEmpty else {
            throw ValidationError("--gateway-url needs the secret key in CLEARBILL_GATEWAY_SECRET_KEY")
        }
        return StripeGateway(configuration: StripeConfiguration(apiBaseURL: url, secretKey: secret, publishableKey: publishableKey))
    }
}
