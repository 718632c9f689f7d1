import BillingCore
import BillingStore
import Logging
import Payments

/// Charges plan installments through each plan's saved card: every installment due on or before a date, a decline
/// retried on the plan's schedule, missed after its grace period, the plan defaulted after too many misses.
///
/// Safe to run twice, concurrently, or after a crash: every charge is first recorded as an attempt whose key goes to
/// the gateway, so running again resends the same key and gets the first answer, and a success is posted under the
/// gateway's intent (`gateway:<intent>`), which posts once whoever gets there first (this job, another run, the webhook).
public struct InstallmentJob: Sendable {
    public let database: ClearbillDatabase
    public let gateway: any PaymentGateway

    public init(database: ClearbillDatabase, gateway: any PaymentGateway) {
        self.database = database
        self.gateway = gateway
    }

    /// What a run did.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public var charged = 0
        public var amountCharged = Money.zero
        public var declined = 0
        public var missed = 0
        public var defaulted = 0
        public var settled = 0
        /// Charges whose outcome the gateway did not tell: the next run asks again with the same key.
        public var unknown = 0
        /// Installments the run could not handle (the database refused): the others were still handled.
        public var failures: [String] = []

        public var description: String {
            "charged \(charged) (\(amountCharged.formatted)), declined \(declined), missed \(missed), plans defaulted \(defaulted), "
                + "plans settled \(settled), outcome unknown \(unknown)" + (failures.isEmpty ? "" : ", failed \(failures.count)")
        }
    }

    /// What became of one charge.
    public enum Outcome: Sendable, Equatable {
        case paid(PostedTransaction)
        case declined(String)
        /// The gateway has not said (or is still processing): the attempt stays open and is resumed with its key.
        case unknown
    }

    public func run(on date: CalendarDate, logger: Logger? = nil) async throws -> Report {
        let store = PaymentPlanStore(database: database)
        var report = Report()
        for installment in try await store.installmentsDue(on: date) {
            do {
                try await handle(installment, on: date, store: store, into: &report)
            } catch {
                // One installment's trouble does not stop the others; its attempt, if any, is resumed next run.
                logger?.error("plan installment \(installment) on \(date.iso): \(error)")
                report.failures.append("installment \(installment): \(error)")
            }
        }
        logger?.info("plan installments for \(date.iso): \(report)")
        return report
    }

    private func handle(_ installment: Int64, on date: CalendarDate, store: PaymentPlanStore, into report: inout Report) async throws {
        switch try await store.nextStep(installment: installment, on: date, by: "system:plans") {
        case .charge(let attempt):
            switch try await charge(attempt, on: date) {
            // A replay means another run (or the webhook) posted this charge first: it is not this run's.
            case .paid(let posted) where !posted.replayed:
                report.charged += 1
                report.amountCharged += posted.amountReceived
            case .paid: break
            case .declined: report.declined += 1
            case .unknown: report.unknown += 1
            }
        case .missed(let defaulted):
            report.missed += 1
            if defaulted { report.defaulted += 1 }
        case .settled: report.settled += 1
        case .nothing: break
        }
    }

    /// Charges a recorded attempt to the plan's saved card (off-session: the patient is not there to authenticate) and
    /// records the answer. Used by the run and by the patient's "pay now" buttons alike.
    public func charge(_ attempt: PlanChargeAttempt, on date: CalendarDate) async throws -> Outcome {
        let store = PaymentPlanStore(database: database)
        guard let key = IdempotencyKey(attempt.key) else {
            try await store.chargeDeclined(attempt, reason: "unusable idempotency key", on: date)
            return .declined("unusable idempotency key")
        }
        let intent: PaymentIntent
        do {
            intent = try await gateway.createPaymentIntentRetryingLostAnswers(PaymentIntentRequest(
                amountCents: attempt.amount.cents,
                metadata: PaymentMetadata(accountNumber: attempt.accountNumber, paymentReference: attempt.key),
                customerID: attempt.customerID, paymentMethodID: attempt.paymentMethodID, confirmation: .offSession,
                idempotencyKey: key))
        } catch {
            switch error {
            case .cardDeclined, .invalidRequest:
                try await store.chargeDeclined(attempt, reason: error.patientMessage, on: date)
                return .declined(error.patientMessage)
            case .authentication, .network, .timeout, .unexpectedResponse:
                // Nothing is known to have moved: the attempt stays open and the next run asks again with its key.
                return .unknown
            }
        }
        switch intent.status {
        case .succeeded:
            return .paid(try await store.chargeSucceeded(attempt, intentID: intent.id, amountReceived: Money(cents: intent.amountReceivedCents),
                                                         on: date))
        case .processing, .requiresCapture:
            return .unknown
        case .requiresPaymentMethod, .requiresConfirmation, .requiresAction, .canceled:
            let reason = intent.lastPaymentErrorMessage ?? "the card needs the cardholder (\(intent.status.rawValue))"
            try await store.chargeDeclined(attempt, reason: reason, on: date)
            return .declined(reason)
        }
    }
}
