import GRDB

extension Schema {
    /// Payment plans: the gateway customer of each account (it holds the saved cards), the plans with the terms the
    /// guarantor accepted and the policy they were made under, their installments, and every charge attempt — each
    /// with the idempotency key the gateway saw, so a run that crashed resumes with the same key instead of charging
    /// again.
    static func createPaymentPlans(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE gateway_customers (
                account_id INTEGER PRIMARY KEY REFERENCES accounts(id), customer_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
            CREATE TABLE payment_plans (
                id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                status TEXT NOT NULL CHECK (status IN ('active', 'missed', 'defaulted', 'completed', 'canceled', 'replanned')),
                frequency TEXT NOT NULL, total_cents INTEGER NOT NULL CHECK (total_cents > 0),
                statement_id INTEGER REFERENCES statements(id), replaces_plan_id INTEGER UNIQUE REFERENCES payment_plans(id),
                customer_id TEXT NOT NULL, payment_method_id TEXT NOT NULL, card_description TEXT NOT NULL DEFAULT '',
                terms_version TEXT NOT NULL, terms_accepted_at TEXT NOT NULL, terms_accepted_by TEXT NOT NULL,
                policy TEXT NOT NULL, enrollment_key TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL, ended_at TEXT, end_reason TEXT);
            CREATE UNIQUE INDEX payment_plans_one_open ON payment_plans(account_id) WHERE status IN ('active', 'missed');
            CREATE INDEX payment_plans_by_status ON payment_plans(status);
            CREATE TABLE plan_installments (
                id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES payment_plans(id), sequence INTEGER NOT NULL,
                due_date TEXT NOT NULL, amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'paid', 'missed', 'canceled')),
                next_attempt_date TEXT NOT NULL, paid_cents INTEGER NOT NULL DEFAULT 0, paid_on TEXT, missed_on TEXT,
                transaction_id INTEGER REFERENCES ledger_transactions(id),
                UNIQUE (plan_id, sequence));
            CREATE INDEX plan_installments_due ON plan_installments(status, due_date);
            CREATE TABLE plan_charge_attempts (
                id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES payment_plans(id),
                installment_id INTEGER REFERENCES plan_installments(id),
                kind TEXT NOT NULL CHECK (kind IN ('installment', 'ahead', 'payoff')),
                idempotency_key TEXT NOT NULL UNIQUE, business_date TEXT NOT NULL,
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                status TEXT NOT NULL CHECK (status IN ('started', 'succeeded', 'declined')),
                intent_id TEXT, transaction_id INTEGER REFERENCES ledger_transactions(id), failure TEXT,
                actor TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT);
            CREATE INDEX plan_charge_attempts_by_installment ON plan_charge_attempts(installment_id, id);
            CREATE INDEX plan_charge_attempts_by_plan ON plan_charge_attempts(plan_id, id);
            """)
    }
}
