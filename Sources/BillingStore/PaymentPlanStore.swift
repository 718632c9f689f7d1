import BillingCore
import Foundation
import GRDB

/// Payment plans: enrollment, the installments the job charges, and every change — each one database transaction
/// with its audit line.
public struct PaymentPlanStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    // MARK: The gateway customer

    public func customerID(account: Int64) async throws -> String? {
        try await database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT customer_id FROM gateway_customers WHERE account_id = ?", arguments: [account])
        }
    }

    /// Keeps the account's gateway customer; when two requests made one at once, the first kept wins and is returned.
    public func saveCustomer(account: Int64, customerID: String) async throws -> String {
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO gateway_customers (account_id, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT(account_id) DO NOTHING
                """, arguments: [account, customerID, now])
            return try String.fetchOne(db, sql: "SELECT customer_id FROM gateway_customers WHERE account_id = ?", arguments: [account]) ?? customerID
        }
    }

    // MARK: Enrolling

    /// What a plan would cover now: the guarantor's balance (patient due less credit).
    public func plannable(account: Int64) async throws -> Money {
        try await database.pool.read { try Self.owed(account, in: $0) }
    }

    static func owed(_ account: Int64, in db: Database) throws -> Money {
        Money.max(try AccountBalances.summary(account: account, in: db).balance, .zero)
    }

    /// Makes the plan and its schedule, checking the option against the balance as it is inside the transaction.
    /// The same enrollment key again returns the plan it made.
    public func enroll(_ enrollment: PlanEnrollment) async throws -> PaymentPlan {
        let now = database.timestamp()
        return try await database.pool.write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM payment_plans WHERE enrollment_key = ?", arguments: [enrollment.key]),
               let plan = try Self.load(id, in: db) {
                return plan
            }
            try LedgerWriter.requireAccount(enrollment.accountID, in: db)
            let open = try Self.openPlanID(enrollment.accountID, in: db)
            if let replacing = enrollment.replacing {
                guard open == replacing else { throw PlanError.notOpen }
                guard enrollment.policy.allowsAddingCharges else {
                    throw PlanError.invalid(FieldError("option", "the practice does not add new charges to a plan"))
                }
            } else if open != nil {
                throw PlanError.alreadyOnPlan
            }
            guard enrollment.acceptedTermsVersion == enrollment.policy.termsVersion else {
                throw PlanError.invalid(FieldError("agree", "the plan terms have changed; please read and accept them again"))
            }
            let owed = try Self.owed(enrollment.accountID, in: db)
            if let reason = enrollment.policy.ineligibility(balance: owed) { throw PlanError.invalid(FieldError("option", reason)) }
            guard let option = PlanOption.chosen(enrollment.optionCode, for: owed, policy: enrollment.policy, firstDate: enrollment.firstDate) else {
                throw PlanError.invalid(FieldError("option", "choose one of the plans offered"))
            }
            if let replacing = enrollment.replacing {
                try Self.end(replacing, status: .replanned, reason: "new charges added: replaced by a new plan", at: now, in: db)
            }
            let statement = try Int64.fetchOne(db, sql: "SELECT id FROM statements WHERE account_id = ? ORDER BY cycle_date DESC LIMIT 1",
                                               arguments: [enrollment.accountID])
            let policyJSON = String(decoding: try JSONCoding.canonicalEncoder.encode(enrollment.policy), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO payment_plans (account_id, status, frequency, total_cents, statement_id, replaces_plan_id, customer_id,
                    payment_method_id, card_description, terms_version, terms_accepted_at, terms_accepted_by, policy, enrollment_key,
                    created_at)
                VALUES (?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [enrollment.accountID, option.frequency.rawValue, option.total.cents, statement, enrollment.replacing,
                                 enrollment.card.customerID, enrollment.card.paymentMethodID, enrollment.card.description,
                                 enrollment.acceptedTermsVersion, now, enrollment.acceptedBy, policyJSON, enrollment.key, now])
            let planID = db.lastInsertedRowID
            for installment in option.installments {
                try db.execute(sql: """
                    INSERT INTO plan_installments (plan_id, sequence, due_date, amount_cents, status, next_attempt_date)
                    VALUES (?, ?, ?, ?, 'scheduled', ?)
                    """, arguments: [planID, installment.sequence, installment.dueDate.iso, installment.amount.cents, installment.dueDate.iso])
            }
            try AuditLog.record(actor: enrollment.acceptedBy, action: enrollment.replacing == nil ? "plan.enroll" : "plan.replan",
                                subject: "plan:\(planID)", account: enrollment.accountID,
                                detail: "\(option.code) \(option.total.formatted) terms \(enrollment.acceptedTermsVersion)",
                                client: enrollment.client, at: now, in: db)
            return try Self.load(planID, in: db)!
        }
    }

    // MARK: Reading

    public func plan(id: Int64, account: Int64? = nil) async throws -> PaymentPlan? {
        try await database.pool.read { db in
            guard let plan = try Self.load(id, in: db), account == nil || plan.accountID == account else { return nil }
            return plan
        }
    }

    /// The account's open plan, or else its latest one (so a patient sees that a plan ended and why).
    public func currentPlan(account: Int64) async throws -> PaymentPlan? {
        try await database.pool.read { db in
            let id = try Self.openPlanID(account, in: db) ?? Int64.fetchOne(db, sql: """
                SELECT id FROM payment_plans WHERE account_id = ? ORDER BY id DESC LIMIT 1
                """, arguments: [account])
            return try id.flatMap { try Self.load($0, in: db) }
        }
    }

    /// Every plan with its guarantor, newest first, for the office.
    public func listings() async throws -> [PlanListing] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, a.account_number, a.last_name || ', ' || a.first_name AS name
                FROM payment_plans p JOIN accounts a ON a.id = p.account_id ORDER BY p.id DESC
                """).compactMap { row in
                try Self.load(row["id"], in: db).map { PlanListing(plan: $0, accountNumber: row["account_number"], guarantorName: row["name"]) }
            }
        }
    }

    static func openPlanID(_ account: Int64, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM payment_plans WHERE account_id = ? AND status IN ('active', 'missed')", arguments: [account])
    }

    static func load(_ id: Int64, in db: Database) throws -> PaymentPlan? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM payment_plans WHERE id = ?", arguments: [id]) else { return nil }
        let installments = try Row.fetchAll(db, sql: "SELECT * FROM plan_installments WHERE plan_id = ? ORDER BY sequence",
                                            arguments: [id]).map { row in
            Installment(id: row["id"], sequence: row["sequence"], dueDate: Self.date(row["due_date"]), amount: Money(cents: row["amount_cents"]),
                        status: Installment.Status(rawValue: row["status"]) ?? .canceled, nextAttemptDate: Self.date(row["next_attempt_date"]),
                        paidAmount: Money(cents: row["paid_cents"]), paidOn: (row["paid_on"] as String?).flatMap(CalendarDate.init(iso:)),
                        missedOn: (row["missed_on"] as String?).flatMap(CalendarDate.init(iso:)), transactionID: row["transaction_id"])
        }
        let policy = try JSONDecoder().decode(PlanPolicy.self, from: Data((row["policy"] as String).utf8))
        return PaymentPlan(id: id, accountID: row["account_id"], status: PaymentPlan.Status(rawValue: row["status"]) ?? .canceled,
                           frequency: InstallmentFrequency(rawValue: row["frequency"]) ?? .monthly, total: Money(cents: row["total_cents"]),
                           policy: policy, customerID: row["customer_id"], paymentMethodID: row["payment_method_id"],
                           cardDescription: row["card_description"], termsVersion: row["terms_version"],
                           termsAcceptedAt: row["terms_accepted_at"], termsAcceptedBy: row["terms_accepted_by"], createdAt: row["created_at"],
                           endedAt: row["ended_at"], endReason: row["end_reason"], installments: installments)
    }

    private static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text) ?? CalendarDate(dayNumber: 0) }

    // MARK: The installment job

    /// Installments of open plans due on or before `date`, oldest first.
    public func installmentsDue(on date: CalendarDate) async throws -> [Int64] {
        try await database.pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT i.id FROM plan_installments i JOIN payment_plans p ON p.id = i.plan_id
                WHERE p.status IN ('active', 'missed') AND i.status = 'scheduled' AND i.due_date <= ? ORDER BY i.due_date, i.id
                """, arguments: [date.iso])
        }
    }

    /// Decides, inside one transaction, what to do with a due installment on `date`: resume an attempt a run left
    /// unfinished, mark it missed once its grace period has passed after a decline (defaulting the plan at the policy's
    /// count), record a new attempt when a charge is due, or nothing. Two runs deciding at once are serialized by the
    /// write lock: the second finds the first one's attempt and resumes it with the same key.
    public func nextStep(installment id: Int64, on date: CalendarDate, by actor: String) async throws -> InstallmentStep {
        let now = database.timestamp()
        return try await database.pool.write { db in
            guard let planID = try Int64.fetchOne(db, sql: "SELECT plan_id FROM plan_installments WHERE id = ?", arguments: [id]),
                  let plan = try Self.load(planID, in: db), plan.status.isOpen,
                  let installment = plan.installments.first(where: { $0.id == id }), installment.status == .scheduled,
                  installment.dueDate <= date else { return .nothing }
            let attempts = try Self.attempts(installment: id, in: db)
            if let unfinished = attempts.first(where: { $0.status == .started }) { return .charge(unfinished) }
            // A payment the patient started by hand is still unanswered: charging now could take the same money twice.
            if try Bool.fetchOne(db, sql: """
                SELECT 1 FROM plan_charge_attempts WHERE plan_id = ? AND status = 'started' AND kind != 'installment'
                """, arguments: [plan.id]) == true { return .nothing }
            if attempts.last?.status == .declined, date > installment.graceEnds(plan.policy) {
                return .missed(defaulted: try Self.markMissed(installment, of: plan, on: date, by: actor, at: now, in: db))
            }
            guard installment.nextAttemptDate <= date else { return .nothing }
            let amount = Money.min(installment.amount, try Self.owed(plan.accountID, in: db))
            guard amount.isPositive else {
                try Self.end(plan.id, status: .completed, reason: "the balance was paid", at: now, in: db)
                try AuditLog.record(actor: actor, action: "plan.completed", subject: "plan:\(plan.id)", account: plan.accountID,
                                    detail: "balance paid outside the plan", at: now, in: db)
                return .settled
            }
            return .charge(try Self.insertAttempt(plan: plan, installment: installment.id, kind: .installment,
                                                  key: "installment-\(plan.customerID)-\(installment.id)-\(attempts.count + 1)",
                                                  amount: amount, on: date, by: actor, at: now, in: db))
        }
    }

    /// Records a charge the patient asked for now: the next unpaid installment (`ahead`) or all that is left (`payoff`).
    /// The same key again returns the attempt it recorded first.
    public func beginCharge(_ kind: PlanChargeAttempt.Kind, plan id: Int64, account: Int64, key: String, on date: CalendarDate,
                            by actor: String) async throws -> PlanChargeAttempt {
        let now = database.timestamp()
        return try await database.pool.write { db in
            if let first = try Self.attempt(key: key, in: db) { return first }
            guard let plan = try Self.load(id, in: db), plan.accountID == account, plan.status.isOpen else { throw PlanError.notOpen }
            // An unanswered charge (the job's, or an earlier click) may yet succeed: a second one could take the same money twice.
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM plan_charge_attempts WHERE plan_id = ? AND status = 'started'",
                                    arguments: [plan.id]) != true else { throw PlanError.chargeInProgress }
            let owed = try Self.owed(plan.accountID, in: db)
            let target = kind == .payoff ? nil : plan.nextUnpaid
            let amount = Money.min(kind == .payoff ? plan.remaining : target?.amount ?? .zero, owed)
            guard amount.isPositive else { throw PlanError.nothingToPay }
            return try Self.insertAttempt(plan: plan, installment: target?.id, kind: kind, key: key, amount: amount, on: date, by: actor,
                                          at: now, in: db)
        }
    }

    /// Posts a charge the gateway confirmed and marks what it paid, in one transaction: the payment goes through the
    /// online-payment posting (key `gateway:<intent>`, the same as the webhook's, so it is posted once whoever is
    /// first), then the attempt, the installments and the plan's status follow.
    public func chargeSucceeded(_ attempt: PlanChargeAttempt, intentID: String, amountReceived: Money, on date: CalendarDate) async throws -> PostedTransaction {
        let now = database.timestamp()
        return try await database.pool.write { db in
            _ = try OnlinePaymentStore.started(intentID: intentID, account: attempt.accountID, amount: amountReceived, method: .cardOnline,
                                               at: now, in: db)
            let posted = try OnlinePaymentStore.confirm(intentID: intentID, amountReceived: amountReceived, on: date, at: now, in: db)!
            try db.execute(sql: """
                UPDATE plan_charge_attempts SET status = 'succeeded', intent_id = ?, transaction_id = ?, finished_at = ?
                WHERE id = ? AND status = 'started'
                """, arguments: [intentID, posted.id, now, attempt.id])
            guard db.changesCount > 0 else { return posted }  // a concurrent run recorded it first
            if attempt.kind == .payoff {
                try db.execute(sql: """
                    UPDATE plan_installments SET status = 'paid', paid_cents = amount_cents, paid_on = ?, transaction_id = ?
                    WHERE plan_id = ? AND status IN ('scheduled', 'missed')
                    """, arguments: [date.iso, posted.id, attempt.planID])
            } else {
                try db.execute(sql: """
                    UPDATE plan_installments SET status = 'paid', paid_cents = ?, paid_on = ?, transaction_id = ?
                    WHERE id = ? AND plan_id = ? AND status IN ('scheduled', 'missed')
                    """, arguments: [amountReceived.cents, date.iso, posted.id, attempt.installmentID, attempt.planID])
            }
            try AuditLog.record(actor: "system:plans", action: "plan.\(attempt.kind.rawValue).paid", subject: "plan:\(attempt.planID)",
                                account: attempt.accountID, detail: "\(ReceiptNumber.make(transactionID: posted.id)) \(amountReceived.formatted)",
                                at: now, in: db)
            try Self.settle(attempt.planID, at: now, in: db)
            return posted
        }
    }

    /// Records a refused charge; an installment is tried again after the policy's retry interval.
    public func chargeDeclined(_ attempt: PlanChargeAttempt, reason: String, on date: CalendarDate) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: """
                UPDATE plan_charge_attempts SET status = 'declined', failure = ?, finished_at = ? WHERE id = ? AND status = 'started'
                """, arguments: [String(reason.prefix(300)), now, attempt.id])
            guard db.changesCount > 0 else { return }
            if attempt.kind == .installment, let installment = attempt.installmentID, let plan = try Self.load(attempt.planID, in: db) {
                try db.execute(sql: "UPDATE plan_installments SET next_attempt_date = ? WHERE id = ?",
                               arguments: [date.adding(days: plan.policy.retryEveryDays).iso, installment])
            }
            try AuditLog.record(actor: "system:plans", action: "plan.\(attempt.kind.rawValue).declined", subject: "plan:\(attempt.planID)",
                                account: attempt.accountID, detail: "\(attempt.amount.formatted) \(reason.prefix(120))", at: now, in: db)
        }
    }

    /// The plan charge attempt recorded under `key` (an intent's payment reference), if any: its own job resumes it.
    public func attempt(key: String) async throws -> PlanChargeAttempt? {
        try await database.pool.read { try Self.attempt(key: key, in: $0) }
    }

    /// Every attempt of a plan, oldest first: what the job and the patient tried, and what became of it.
    public func attempts(plan id: Int64) async throws -> [PlanChargeAttempt] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: Self.attemptSelect + " WHERE c.plan_id = ? ORDER BY c.id", arguments: [id]).map(Self.attempt)
        }
    }

    // MARK: Changes

    public func changeCard(plan id: Int64, account: Int64, to card: PlanCard, by actor: String, client: String) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            guard let plan = try Self.load(id, in: db), plan.accountID == account, plan.status.isOpen else { throw PlanError.notOpen }
            try db.execute(sql: """
                UPDATE payment_plans SET customer_id = ?, payment_method_id = ?, card_description = ? WHERE id = ?
                """, arguments: [card.customerID, card.paymentMethodID, card.description, id])
            try AuditLog.record(actor: actor, action: "plan.card.changed", subject: "plan:\(id)", account: account,
                                detail: card.description, client: client, at: now, in: db)
        }
    }

    /// Ends the plan at the guarantor's (or the office's) request: unpaid installments are dropped and what is owed
    /// goes back to the normal statement cycle.
    public func cancel(plan id: Int64, account: Int64, by actor: String, client: String) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            guard let plan = try Self.load(id, in: db), plan.accountID == account, plan.status.isOpen else { throw PlanError.notOpen }
            try Self.end(id, status: .canceled, reason: "canceled by \(actor)", at: now, in: db)
            try AuditLog.record(actor: actor, action: "plan.canceled", subject: "plan:\(id)", account: account,
                                detail: "\(plan.remaining.formatted) back to the statement cycle", client: client, at: now, in: db)
        }
    }

    // MARK: Statements

    /// The plan part of a statement, read inside the statement's own transaction; nil when no plan is open.
    static func statementSummary(account: Int64, dueDate: CalendarDate, in db: Database) throws -> BillingCore.Statement.PlanSummary? {
        guard let id = try openPlanID(account, in: db), let plan = try load(id, in: db) else { return nil }
        return .init(installmentDue: plan.due(by: dueDate), planBalance: plan.remaining, card: plan.cardDescription,
                     remaining: plan.unpaid.map { ScheduledInstallment(sequence: $0.sequence, dueDate: $0.dueDate, amount: $0.amount) })
    }

    // MARK: Inside transactions

    private static func end(_ id: Int64, status: PaymentPlan.Status, reason: String, at now: String, in db: Database) throws {
        try db.execute(sql: "UPDATE payment_plans SET status = ?, ended_at = ?, end_reason = ? WHERE id = ?",
                       arguments: [status.rawValue, now, reason, id])
        // Missed installments stay missed: that is their history. What was still to come is dropped.
        try db.execute(sql: "UPDATE plan_installments SET status = 'canceled' WHERE plan_id = ? AND status = 'scheduled'", arguments: [id])
    }

    /// After a payment: the plan is complete when nothing is unpaid or nothing is owed any more, and no longer behind
    /// once its missed installments are paid.
    private static func settle(_ id: Int64, at now: String, in db: Database) throws {
        guard let plan = try load(id, in: db), plan.status.isOpen else { return }
        let owedNow = try owed(plan.accountID, in: db)
        if plan.unpaid.isEmpty || !owedNow.isPositive {
            try end(id, status: .completed, reason: "paid in full", at: now, in: db)
        } else if plan.status == .missed, !plan.unpaid.contains(where: { $0.status == .missed }) {
            try db.execute(sql: "UPDATE payment_plans SET status = 'active' WHERE id = ?", arguments: [id])
        }
    }

    /// Returns whether the miss defaulted the plan.
    private static func markMissed(_ installment: Installment, of plan: PaymentPlan, on date: CalendarDate, by actor: String,
                                   at now: String, in db: Database) throws -> Bool {
        try db.execute(sql: "UPDATE plan_installments SET status = 'missed', missed_on = ? WHERE id = ?", arguments: [date.iso, installment.id])
        try AuditLog.record(actor: actor, action: "plan.installment.missed", subject: "plan:\(plan.id)", account: plan.accountID,
                            detail: "installment \(installment.sequence) of \(installment.dueDate.iso), \(installment.amount.formatted)",
                            at: now, in: db)
        guard plan.missedCount + 1 >= plan.policy.missedInstallmentsToDefault else {
            try db.execute(sql: "UPDATE payment_plans SET status = 'missed' WHERE id = ?", arguments: [plan.id])
            return false
        }
        try end(plan.id, status: .defaulted, reason: "\(plan.missedCount + 1) installments missed", at: now, in: db)
        try AuditLog.record(actor: actor, action: "plan.defaulted", subject: "plan:\(plan.id)", account: plan.accountID,
                            detail: "\(plan.missedCount + 1) missed; the balance returns to the statement cycle", at: now, in: db)
        return true
    }

    private static func insertAttempt(plan: PaymentPlan, installment: Int64?, kind: PlanChargeAttempt.Kind, key: String, amount: Money,
                                      on date: CalendarDate, by actor: String, at now: String, in db: Database) throws -> PlanChargeAttempt {
        try db.execute(sql: """
            INSERT INTO plan_charge_attempts (plan_id, installment_id, kind, idempotency_key, business_date, amount_cents, status, actor, started_at)
            VALUES (?, ?, ?, ?, ?, ?, 'started', ?, ?)
            """, arguments: [plan.id, installment, kind.rawValue, key, date.iso, amount.cents, actor, now])
        return try attempt(key: key, in: db)!
    }

    private static let attemptSelect = """
        SELECT c.*, p.account_id, p.customer_id, p.payment_method_id, a.account_number
        FROM plan_charge_attempts c JOIN payment_plans p ON p.id = c.plan_id JOIN accounts a ON a.id = p.account_id
        """

    private static func attempts(installment id: Int64, in db: Database) throws -> [PlanChargeAttempt] {
        try Row.fetchAll(db, sql: attemptSelect + " WHERE c.installment_id = ? AND c.kind = 'installment' ORDER BY c.id",
                         arguments: [id]).map(attempt)
    }

    private static func attempt(key: String, in db: Database) throws -> PlanChargeAttempt? {
        try Row.fetchOne(db, sql: attemptSelect + " WHERE c.idempotency_key = ?", arguments: [key]).map(attempt)
    }

    private static func attempt(_ row: Row) -> PlanChargeAttempt {
        PlanChargeAttempt(id: row["id"], planID: row["plan_id"], installmentID: row["installment_id"],
                          kind: PlanChargeAttempt.Kind(rawValue: row["kind"]) ?? .installment, key: row["idempotency_key"],
                          amount: Money(cents: row["amount_cents"]), status: PlanChargeAttempt.Status(rawValue: row["status"]) ?? .started,
                          accountID: row["account_id"], accountNumber: row["account_number"], customerID: row["customer_id"],
                          paymentMethodID: row["payment_method_id"], transactionID: row["transaction_id"], failure: row["failure"])
    }
}
