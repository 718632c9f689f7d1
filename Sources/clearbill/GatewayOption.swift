import ArgumentParser
import Foundation
import Payments

/// The gateway address rules shared by `serve`, `plans run` and `payments reconcile`.
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

/// `--gateway-url` for the commands that talk to the gateway from the server side only (no payment page, so no
/// publishable key).
struct GatewayURLOption: ParsableArguments {
    @Option(name: .customLong("gateway-url"),
            help: "Stripe-compatible gateway; the secret key is read from CLEARBILL_GATEWAY_SECRET_KEY.")
    var url: String

    func validate() throws { try GatewayOption.validate(url) }

    /// Runs `body` with the gateway and shuts its HTTP client down afterwards, also when `body` throws.
    func using<T: Sendable>(_ body: (StripeGateway) async throws -> T) async throws -> T {
        let gateway = try GatewayOption.gateway(url, publishableKey: "")
        let result: T
        do {
            result = try await body(gateway)
        } catch {
            try? await gateway.shutdown()
            throw error
        }
        try await gateway.shutdown()
        return result
    }
}
