import BillingCore
import BillingStore
import Foundation
import Logging
import Payments

/// Settles online payments the portal never heard back about. An attempt is recorded `started` before the portal posts
/// it; if the server stops between the gateway's charge and the posting (or the card was still processing), only the
/// webhook would post it, and a webhook can be lost. The reconciler reads such attempts back from the gateway once they
/// are old enough that the patient's own request has surely finished, and posts a success through the same `confirm`
/// (key `gateway:<intent>`) as the payment page and the webhook, so it is posted once whoever gets there first.
///
/// Plan installments are left to `InstallmentJob`: it resumes its attempts with their own keys and marks the
/// installment paid in the same transaction, which a posting here would leave undone.
public struct OnlinePaymentReconciler: Sendable {
    public let database: ClearbillDatabase
    public let gateway: any PaymentGateway
    /// How long an attempt stays `started` before it is read back: longer than any payment request takes.
    public let minimumAge: Duration

    public static let actor = "system:reconcile"
    static let audit = OnlinePaymentAudit(actor: actor, action: "payment.online.reconciled")

    public init(database: ClearbillDatabase, gateway: any PaymentGateway, minimumAge: Duration = .seconds(5 * 60)) {
        self.database = database
        self.gateway = gateway
        self.minimumAge = minimumAge
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        public var posted = 0
        public var amountPosted = Money.zero
        /// Succeeded at the gateway and already posted (by the webhook, the page or a concurrent run).
        public var alreadyPosted = 0
        public var failed = 0
        /// The gateway is still working on them: the next run asks again.
        public var processing = 0
        /// The gateway did not answer (or refused to): nothing changed for them, the next run asks again.
        public var unanswered = 0
        public var planCharges = 0
        /// Attempts the database refused to settle (the ledger's own rules): the others were still handled.
        public var failures: [String] = []

        /// One line per outcome, for the command and the log.
        public var lines: [String] {
            ["posted: \(posted) (\(amountPosted.formatted))",
             "already posted: \(alreadyPosted)",
             "marked failed: \(failed)",
             "still processing at the gateway: \(processing)",
             "gateway did not answer, left as they were: \(unanswered)",
             "plan installments, left to the plan job: \(planCharges)",
             "not settled (database refused): \(failures.count)"]
        }
    }

    public func run(logger: Logger? = nil) async throws -> Report {
        let store = OnlinePaymentStore(database: database)
        let cutoff = database.clock().addingTimeInterval(-TimeInterval(minimumAge.components.seconds))
        var report = Report()
        for attempt in try await store.unsettled(before: cutoff) {
            do {
                try await settle(attempt, store: store, into: &report)
            } catch {
                logger?.error("reconciling online payment \(attempt.intentID): \(error)")
                report.failures.append("intent \(attempt.intentID): \(error)")
            }
        }
        // Every ten minutes by default: a line only when there was something to settle.
        if report != Report() { logger?.info("online payments reconciled: \(report.lines.joined(separator: ", "))") }
        return report
    }

    private func settle(_ attempt: OnlinePayment, store: OnlinePaymentStore, into report: inout Report) async throws {
        let intent: PaymentIntent
        do {
            intent = try await gateway.retrievePaymentIntent(id: attempt.intentID)
        } catch {
            report.unanswered += 1
            return
        }
        if let reference = intent.paymentMetadata?.paymentReference,
           try await PaymentPlanStore(database: database).attempt(key: reference) != nil {
            report.planCharges += 1
            return
        }
        switch intent.status {
        case .succeeded:
            let posted = try await store.confirm(intentID: attempt.intentID, amountReceived: Money(cents: intent.amountReceivedCents),
                                                 on: CalendarDate(database.clock(), in: .current), audit: Self.audit)
            if let posted, !posted.replayed {
                report.posted += 1
                report.amountPosted += posted.amountReceived
            } else {
                report.alreadyPosted += 1
            }
        case .processing, .requiresCapture:
            report.processing += 1
        case .requiresPaymentMethod, .requiresConfirmation, .requiresAction, .canceled:
            // As the payment page decides: the portal never asks the patient to act on an intent after the request.
            try await store.failed(intentID: attempt.intentID, reason: intent.lastPaymentErrorMessage ?? intent.status.rawValue,
                                   audit: Self.audit)
            report.failed += 1
        }
    }
}
