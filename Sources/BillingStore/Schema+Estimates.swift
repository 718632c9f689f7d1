import BillingCore
import Foundation
import GRDB

extension Schema {
    /// The cosmetic price catalog with effective-dated prices, saved estimates, issued Good Faith Estimates and the
    /// bills made from estimates. Prices, estimates, GFEs and bills are append-only like the ledger: a price change
    /// is a new row, a revised quote a new estimate, a changed GFE a new version that supersedes the old one.
    static func createEstimates(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE catalog_items (
                id TEXT PRIMARY KEY, position INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
                unit TEXT NOT NULL, included_quantity INTEGER, areas TEXT NOT NULL);
            CREATE TABLE catalog_prices (
                id INTEGER PRIMARY KEY, item_id TEXT NOT NULL REFERENCES catalog_items(id), effective_from TEXT NOT NULL,
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0), created_at TEXT NOT NULL, created_by TEXT NOT NULL,
                UNIQUE (item_id, effective_from));
            CREATE TABLE estimates (
                id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, revises_id INTEGER UNIQUE REFERENCES estimates(id),
                account_id INTEGER REFERENCES accounts(id), patient_id INTEGER REFERENCES patients(id),
                provider_id INTEGER NOT NULL REFERENCES providers(id), location_id INTEGER NOT NULL REFERENCES locations(id),
                self_pay INTEGER NOT NULL, scheduled_on TEXT NOT NULL, service_date TEXT, valid_until TEXT NOT NULL,
                gfe_due_on TEXT, total_cents INTEGER NOT NULL CHECK (total_cents >= 0), details TEXT NOT NULL,
                created_at TEXT NOT NULL, created_by TEXT NOT NULL);
            CREATE INDEX estimates_by_account ON estimates(account_id);
            CREATE INDEX estimates_by_gfe_due ON estimates(gfe_due_on);
            CREATE TABLE good_faith_estimates (
                id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, estimate_id INTEGER NOT NULL UNIQUE REFERENCES estimates(id),
                series_id INTEGER NOT NULL, version INTEGER NOT NULL, supersedes_id INTEGER UNIQUE REFERENCES good_faith_estimates(id),
                account_id INTEGER REFERENCES accounts(id), issued_on TEXT NOT NULL, keep_until TEXT NOT NULL,
                total_cents INTEGER NOT NULL, snapshot TEXT NOT NULL, sha256 TEXT NOT NULL, issued_at TEXT NOT NULL,
                issued_by TEXT NOT NULL, UNIQUE (series_id, version));
            CREATE TABLE estimate_bills (
                id INTEGER PRIMARY KEY, estimate_id INTEGER NOT NULL UNIQUE REFERENCES estimates(id),
                gfe_id INTEGER REFERENCES good_faith_estimates(id), account_id INTEGER NOT NULL REFERENCES accounts(id),
                transaction_id INTEGER NOT NULL UNIQUE REFERENCES ledger_transactions(id), billed_on TEXT NOT NULL,
                estimated_cents INTEGER NOT NULL, billed_cents INTEGER NOT NULL, dispute_flag INTEGER NOT NULL,
                dispute_until TEXT, created_at TEXT NOT NULL);
            CREATE INDEX estimate_bills_by_account ON estimate_bills(account_id, dispute_flag);
            """)
        for table in estimateAppendOnlyTables {
            for operation in ["UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) are kept as issued: add a new row instead'); END;
                    """)
            }
        }
        // Example prices from the first day of 2026, so that any quote dated this year or later has one.
        let areas = JSONEncoder()
        for (position, (item, price)) in StandardCatalog.items.enumerated() {
            try db.execute(sql: """
                INSERT INTO catalog_items (id, position, code, name, category, unit, included_quantity, areas) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [item.id, position, item.code, item.name, item.category.rawValue, item.unit.rawValue,
                                 item.includedQuantity, String(decoding: try areas.encode(item.areas), as: UTF8.self)])
            try db.execute(sql: """
                INSERT INTO catalog_prices (item_id, effective_from, unit_price_cents, created_at, created_by)
                VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z', 'system')
                """, arguments: [item.id, StandardCatalog.effectiveFrom.iso, price.cents])
        }
    }

    static let estimateAppendOnlyTables = ["catalog_prices", "estimates", "good_faith_estimates", "estimate_bills"]
}
