import GRDB

extension Schema {
    /// Each Good Faith Estimate emailed to a patient: to which address, which message, when and by whom. A row means
    /// the practice's relay accepted the message; a refused or failed attempt leaves none. Append-only.
    static func createEmail(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE estimate_emails (
                id INTEGER PRIMARY KEY, estimate_id INTEGER NOT NULL REFERENCES estimates(id),
                gfe_id INTEGER NOT NULL REFERENCES good_faith_estimates(id), account_id INTEGER REFERENCES accounts(id),
                address TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, sent_on TEXT NOT NULL, sent_at TEXT NOT NULL,
                sent_by TEXT NOT NULL);
            CREATE INDEX estimate_emails_by_estimate ON estimate_emails(estimate_id);
            """)
    }
}
