import BillingCore
import GRDB

/// A claim as the claims module names it: the visit with its claim number, and its lines.
public struct ClaimRecord: Sendable, Equatable {
    public var encounterID: Int64
    public var accountID: Int64
    public var accountNumber: String
    public var claimNumber: String
    public var dateOfService: CalendarDate
    public var lines: [ServiceLine]
}

/// Finds claims and lines by the claims module's own numbers (CLP01 claim number, REF*6R line control number).
public struct ClaimLookup: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func claim(number: String) async throws -> ClaimRecord? {
        try await database.pool.read { try Self.claim(number: number, in: $0) }
    }

    static func claim(number: String, in db: Database) throws -> ClaimRecord? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT e.id, e.account_id, e.date_of_service, a.account_number FROM encounters e JOIN accounts a ON a.id = e.account_id
            WHERE e.claim_number = ?
            """, arguments: [number]) else { return nil }
        let encounterID: Int64 = row["id"]
        let lines = try Row.fetchAll(db, sql: "SELECT * FROM service_lines WHERE encounter_id = ? ORDER BY line_number",
                                     arguments: [encounterID]).map(serviceLine)
        return ClaimRecord(encounterID: encounterID, accountID: row["account_id"], accountNumber: row["account_number"], claimNumber: number,
                           dateOfService: CalendarDate(iso: row["date_of_service"]) ?? CalendarDate(dayNumber: 0), lines: lines)
    }

    static func serviceLine(_ row: Row) -> ServiceLine {
        ServiceLine(id: row["id"], encounterID: row["encounter_id"], lineNumber: row["line_number"], code: row["code"],
                    modifiers: (row["modifiers"] as String).split(separator: ",").map(String.init),
                    diagnosisCodes: (row["diagnosis_codes"] as String).split(separator: ",").map(String.init), units: row["units"],
                    charge: Money(cents: row["charge_cents"]), selfPay: row["self_pay"], lineControlNumber: row["line_control_number"])
    }

    /// The kind of a transaction, to check what a reversal request points at.
    public func kind(ofTransaction id: Int64) async throws -> TransactionKind? {
        try await database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT kind FROM ledger_transactions WHERE id = ?", arguments: [id]).flatMap(TransactionKind.init(rawValue:))
        }
    }

    /// The guarantor's first patient record ("self"), the default patient of a visit.
    public func selfPatient(account: Int64) async throws -> Int64? {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM patients WHERE account_id = ? ORDER BY relationship != 'self', id LIMIT 1", arguments: [account])
        }
    }

    public func provider(npi: String) async throws -> Int64? {
        try await database.pool.read { try Int64.fetchOne($0, sql: "SELECT id FROM providers WHERE npi = ?", arguments: [npi]) }
    }
}
