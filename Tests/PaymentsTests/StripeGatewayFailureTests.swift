import GatewayTestSupport
import Payments
import Testing

/// What the adapter does when the gateway is unreachable or silent; no localstripe needed.
struct StripeGatewayFailureTests {
    private func gateway(port: Int, timeout: Duration = .seconds(5)) -> StripeGateway {
        StripeGateway(
            configuration: StripeConfiguration(apiBaseURL: "http://127.0.0.1:\(port)", secretKey: "sk_test_x",
                                               publishableKey: "pk_test_x", requestTimeout: timeout),
            httpClient: .shared)
    }

    @Test func aClosedPortIsANetworkFailureWithAnUnknownOutcome() async throws {
        let port = try LoopbackListener().port  // the listener closes at once, leaving the port refusing
        // AsyncHTTPClient retries a refused connection until the deadline, then reports the refusal.
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway(port: port, timeout: .seconds(1)).createCustomer(accountNumber: "A1", idempotencyKey: .random())
        }
        guard case .network(let operation, _) = error else {
            Issue.record("expected a network error, got \(String(describing: error))")
            return
        }
        #expect(operation == "create customer")
        #expect(error?.outcomeIsUnknown == true)
        #expect(!String(describing: error!).contains("sk_test_x"))
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let silent = try LoopbackListener()  // accepts connections in the kernel, never answers
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: PaymentGatewayError.self) {
            try await gateway(port: silent.port, timeout: .milliseconds(500)).retrievePaymentIntent(id: "pi_1")
        }
        #expect(error == .timeout(operation: "retrieve payment intent"))
        #expect(error?.outcomeIsUnknown == true)
        #expect(clock.now - started < .seconds(5))
        withExtendedLifetime(silent) {}
    }
}
