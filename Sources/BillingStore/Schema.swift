import GRDB

/// The database schema, one migration per release. Migrations only ever add: a shipped migration is never edited.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger", migrate: createLedger)
        migrator.registerMigration("v2-portal", migrate: createPortal)
        migrator.registerMigration("v3-payments", migrate: createPayments)
        migrator.registerMigration("v4-remittances", migrate: createRemittances)
        migrator.registerMigration("v6-statement-batches", migrate: createStatementBatches)
        migrator.registerMigration("v7-estimates", migrate: createEstimates)
        migrator.registerMigration("v8-payment-plans", migrate: createPaymentPlans)
        migrator.registerMigration("v9-email", migrate: createEmail)
        return migrator
    }

    private static func createLedger(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE practice (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL, address1 TEXT NOT NULL, address2 TEXT NOT NULL DEFAULT '',
                city TEXT NOT NULL, state TEXT NOT NULL, zip TEXT NOT NULL,
                phone TEXT NOT NULL, hours TEXT NOT NULL, website TEXT NOT NULL,
                tax_id TEXT NOT NULL, npi TEXT NOT NULL);
            CREATE TABLE providers (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, credentials TEXT NOT NULL DEFAULT '',
                npi TEXT NOT NULL UNIQUE CHECK (length(npi) = 10));
            CREATE TABLE locations (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                address1 TEXT NOT NULL, address2 TEXT NOT NULL DEFAULT '', city TEXT NOT NULL, state TEXT NOT NULL,
                zip TEXT NOT NULL, phone TEXT NOT NULL, place_of_service TEXT NOT NULL DEFAULT '11');
            CREATE TABLE accounts (
                id INTEGER PRIMARY KEY, account_number TEXT NOT NULL UNIQUE,
                first_name TEXT NOT NULL, last_name TEXT NOT NULL, date_of_birth TEXT NOT NULL,
                address1 TEXT NOT NULL, address2 TEXT NOT NULL DEFAULT '', city TEXT NOT NULL, state TEXT NOT NULL,
                zip TEXT NOT NULL, email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
                preferred_language TEXT NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es')),
                created_at TEXT NOT NULL);
            CREATE INDEX accounts_by_last_name ON accounts(last_name COLLATE NOCASE);
            CREATE TABLE patients (
                id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                first_name TEXT NOT NULL, last_name TEXT NOT NULL, date_of_birth TEXT NOT NULL,
                relationship TEXT NOT NULL DEFAULT 'self');
            CREATE INDEX patients_by_account ON patients(account_id);
            CREATE TABLE encounters (
                id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                patient_id INTEGER NOT NULL REFERENCES patients(id),
                provider_id INTEGER NOT NULL REFERENCES providers(id),
                location_id INTEGER NOT NULL REFERENCES locations(id),
                date_of_service TEXT NOT NULL, place_of_service TEXT NOT NULL, claim_number TEXT UNIQUE);
            CREATE INDEX encounters_by_account ON encounters(account_id, date_of_service);
            CREATE TABLE service_lines (
                id INTEGER PRIMARY KEY, encounter_id INTEGER NOT NULL REFERENCES encounters(id),
                line_number INTEGER NOT NULL, code TEXT NOT NULL, modifiers TEXT NOT NULL DEFAULT '',
                diagnosis_codes TEXT NOT NULL DEFAULT '', units INTEGER NOT NULL CHECK (units > 0),
                charge_cents INTEGER NOT NULL CHECK (charge_cents >= 0), self_pay INTEGER NOT NULL DEFAULT 0,
                line_control_number TEXT,
                UNIQUE (encounter_id, line_number));
            CREATE INDEX service_lines_by_control_number ON service_lines(line_control_number);

            CREATE TABLE ledger_transactions (
                id INTEGER PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, actor TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE, request_fingerprint TEXT NOT NULL,
                account_id INTEGER REFERENCES accounts(id), effective_date TEXT NOT NULL, posted_at TEXT NOT NULL,
                memo TEXT NOT NULL DEFAULT '', reference TEXT,
                encounter_id INTEGER REFERENCES encounters(id),
                reverses_id INTEGER UNIQUE REFERENCES ledger_transactions(id));
            CREATE INDEX ledger_transactions_by_account ON ledger_transactions(account_id, effective_date);
            CREATE TABLE postings (
                id INTEGER PRIMARY KEY, transaction_id INTEGER NOT NULL REFERENCES ledger_transactions(id),
                book TEXT NOT NULL, amount_cents INTEGER NOT NULL CHECK (amount_cents != 0),
                account_id INTEGER REFERENCES accounts(id), service_line_id INTEGER REFERENCES service_lines(id),
                reason TEXT);
            CREATE INDEX postings_by_transaction ON postings(transaction_id);
            CREATE INDEX postings_by_line ON postings(service_line_id, book);
            CREATE INDEX postings_by_account ON postings(account_id, book);

            CREATE TABLE staff_users (
                id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
                role TEXT NOT NULL CHECK (role IN ('frontDesk', 'billingAdmin')),
                password_hash TEXT NOT NULL, display_name TEXT NOT NULL DEFAULT '',
                active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
            CREATE TABLE audit_events (
                id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                subject TEXT NOT NULL DEFAULT '', account_id INTEGER, detail TEXT NOT NULL DEFAULT '',
                client TEXT NOT NULL DEFAULT '');
            CREATE INDEX audit_events_by_account ON audit_events(account_id, at);
            """)
        // Append-only, enforced by the database itself: a bug or a hand-typed UPDATE cannot rewrite history.
        for table in ["ledger_transactions", "postings", "audit_events"] {
            for operation in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) is append-only: post a reversal instead'); END;
                    """)
            }
        }
    }

    /// Statements (immutable snapshots), the FAQ, sessions and sign-in attempts.
    private static func createPortal(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE statements (
                id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, account_id INTEGER NOT NULL REFERENCES accounts(id),
                cycle_date TEXT NOT NULL, due_date TEXT NOT NULL, access_code TEXT NOT NULL UNIQUE,
                amount_due_cents INTEGER NOT NULL, balance_cents INTEGER NOT NULL,
                snapshot TEXT NOT NULL, sha256 TEXT NOT NULL, created_at TEXT NOT NULL,
                UNIQUE (account_id, cycle_date));
            CREATE INDEX statements_by_account ON statements(account_id, cycle_date);
            CREATE TRIGGER statements_no_update BEFORE UPDATE ON statements
            BEGIN SELECT RAISE(ABORT, 'statements are snapshots and never change'); END;
            CREATE TRIGGER statements_no_delete BEFORE DELETE ON statements
            BEGIN SELECT RAISE(ABORT, 'statements are snapshots and never change'); END;

            CREATE TABLE faq_entries (
                id INTEGER PRIMARY KEY, position INTEGER NOT NULL, topic TEXT NOT NULL DEFAULT '',
                question TEXT NOT NULL, answer TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);

            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY, account_id INTEGER REFERENCES accounts(id),
                staff_id INTEGER REFERENCES staff_users(id), csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL, ended_at TEXT,
                CHECK ((account_id IS NULL) != (staff_id IS NULL)));
            CREATE TABLE sign_in_attempts (
                id INTEGER PRIMARY KEY, at TEXT NOT NULL, subject TEXT NOT NULL, client TEXT NOT NULL,
                succeeded INTEGER NOT NULL);
            CREATE INDEX sign_in_attempts_by_subject ON sign_in_attempts(subject, at);
            CREATE INDEX sign_in_attempts_by_client ON sign_in_attempts(client, at);
            """)
    }

    /// Online payment attempts, API keys for the claims module, and end-of-day closes.
    private static func createPayments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE online_payments (
                id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),
                intent_id TEXT NOT NULL UNIQUE, amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                method TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                transaction_id INTEGER REFERENCES ledger_transactions(id), failure TEXT);
            CREATE INDEX online_payments_by_account ON online_payments(account_id);
            CREATE TABLE api_keys (
                id INTEGER PRIMARY KEY, name TEXT NOT NULL, prefix TEXT NOT NULL UNIQUE, key_hash TEXT NOT NULL,
                created_at TEXT NOT NULL, revoked_at TEXT);
            CREATE TABLE day_closes (
                id INTEGER PRIMARY KEY, staff TEXT NOT NULL, business_date TEXT NOT NULL, closed_at TEXT NOT NULL,
                summary TEXT NOT NULL, UNIQUE (staff, business_date));
            """)
    }

    /// Imported 835 files, the claims they posted (to find what a later CLP02 = 22 reverses) and the claims that
    /// went to the billing office's work queue instead. PLB amounts stay on the file: they are not about one patient.
    private static func createRemittances(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE remittance_files (
                id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                first_imported_at TEXT NOT NULL, last_imported_at TEXT NOT NULL,
                transaction_sets INTEGER NOT NULL, claims INTEGER NOT NULL,
                payment_cents INTEGER NOT NULL, claims_paid_cents INTEGER NOT NULL,
                patient_responsibility_cents INTEGER NOT NULL, provider_adjustment_cents INTEGER NOT NULL,
                payment_balances INTEGER NOT NULL, provider_adjustments TEXT NOT NULL);
            CREATE TABLE remittance_claims (
                id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES remittance_files(id),
                position TEXT NOT NULL, claim_number TEXT NOT NULL, payer_claim_control_number TEXT,
                status TEXT NOT NULL, charge_cents INTEGER NOT NULL, paid_cents INTEGER NOT NULL,
                patient_responsibility_cents INTEGER NOT NULL,
                transaction_id INTEGER NOT NULL UNIQUE REFERENCES ledger_transactions(id),
                reverses_claim_id INTEGER UNIQUE REFERENCES remittance_claims(id),
                UNIQUE (file_id, position));
            CREATE INDEX remittance_claims_by_claim ON remittance_claims(claim_number, payer_claim_control_number);
            CREATE TABLE remittance_work_queue (
                id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL REFERENCES remittance_files(id),
                position TEXT NOT NULL, claim_number TEXT NOT NULL, reason TEXT NOT NULL, claim TEXT NOT NULL,
                queued_at TEXT NOT NULL, resolved_at TEXT,
                resolved_transaction_id INTEGER REFERENCES ledger_transactions(id),
                UNIQUE (file_id, position));
            CREATE INDEX remittance_work_queue_open ON remittance_work_queue(resolved_at, id);
            """)
    }

    /// Mail-house batches as made: where their files are and what they held, so a batch is downloaded again unchanged.
    private static func createStatementBatches(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE statement_batches (
                id INTEGER PRIMARY KEY, cycle_date TEXT NOT NULL, folder TEXT NOT NULL, made_by TEXT NOT NULL,
                made_at TEXT NOT NULL, statements INTEGER NOT NULL, suppressed INTEGER NOT NULL, total_due_cents INTEGER NOT NULL,
                pages INTEGER NOT NULL, sheets INTEGER NOT NULL, pdf_sha256 TEXT);
            """)
    }

    /// The triggers `ledger verify` expects to find.
    static let appendOnlyTriggers = ["ledger_transactions", "postings", "audit_events"].flatMap {
        ["\($0)_no_update", "\($0)_no_delete"]
    }
}
