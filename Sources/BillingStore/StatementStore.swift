import BillingCore
import ClearbillCrypto
import Foundation
import GRDB

/// A stored statement's index entry.
public struct StatementRecord: Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var accountID: Int64
    public var cycleDate: CalendarDate
    public var dueDate: CalendarDate
    public var amountDue: Money
    public var balance: Money
    public var sha256: String
}

/// A statement as stored: its value, and the exact canonical JSON bytes it was hashed from.
public struct StoredStatement: Sendable {
    public var record: StatementRecord
    public var statement: BillingCore.Statement
    public var json: String
}

public enum StatementError: Error, Equatable, CustomStringConvertible {
    case practiceNotSet
    case damaged(number: String)
    case doesNotClose(account: Int64)

    public var description: String {
        switch self {
        case .practiceNotSet: "the practice's name and address are not set; statements cannot be made"
        case .damaged(let number): "statement \(number) no longer matches its SHA-256"
        case .doesNotClose(let account): "the statement of account \(account) does not add up; run `clearbill ledger verify`"
        }
    }
}

/// Makes statements from the ledger and keeps them, unchanged, forever.
public struct StatementStore: Sendable {
    public let database: ClearbillDatabase
    /// Days from the statement date to the due date.
    public var daysToPay = 25
    /// Balances below this are not billed (HFMA practice: do not mail a statement for a few dollars).
    public var minimumDue = Money.dollars(5)

    public init(database: ClearbillDatabase) { self.database = database }

    /// The statement of `account` for `cycleDate`: the one already made, a new one, or nil when nothing is due.
    public func generate(account: Int64, cycleDate: CalendarDate) async throws -> StatementRecord? {
        let createdAt = database.timestamp()
        let code = StatementAccessCode.make(randomBytes: SecureRandom.bytes(8))
        return try await database.pool.write { db in
            if let existing = try Self.records(db, where: "account_id = ? AND cycle_date = ?", [account, cycleDate.iso]).first {
                return existing
            }
            let summary = try AccountBalances.summary(account: account, asOf: cycleDate, in: db)
            guard summary.balance >= minimumDue else { return nil }
            let statement = try StatementBuilder(db: db, account: account, cycleDate: cycleDate, daysToPay: daysToPay)
                .build(accessCode: code, summary: summary)
            let json = String(decoding: try JSONCoding.canonicalEncoder.encode(statement), as: UTF8.self)
            let sha = Digest.sha256Hex(Array(json.utf8))
            try db.execute(sql: """
                INSERT INTO statements (number, account_id, cycle_date, due_date, access_code, amount_due_cents, balance_cents,
                    snapshot, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [statement.number, account, cycleDate.iso, statement.dueDate.iso, statement.accessCode,
                                 statement.summary.amountDue.cents, statement.summary.balance.cents, json, sha, createdAt])
            return StatementRecord(id: db.lastInsertedRowID, number: statement.number, accountID: account, cycleDate: cycleDate,
                                   dueDate: statement.dueDate, amountDue: statement.summary.amountDue,
                                   balance: statement.summary.balance, sha256: sha)
        }
    }

    public struct CycleResult: Sendable, Equatable {
        public var created: Int = 0
        public var alreadyMade: Int = 0
        public var nothingDue: Int = 0
    }

    /// Statements for every account whose patient balance at `cycleDate` is at least the minimum.
    public func generateCycle(cycleDate: CalendarDate) async throws -> CycleResult {
        let accounts = try await database.pool.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT p.account_id FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
                WHERE p.book IN ('patient_due', 'patient_credit') AND t.effective_date <= ? AND p.account_id IS NOT NULL
                GROUP BY p.account_id HAVING SUM(p.amount_cents) >= ? ORDER BY p.account_id
                """, arguments: [cycleDate.iso, minimumDue.cents])
        }
        var result = CycleResult()
        for account in accounts {
            let before = try await database.pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM statements WHERE account_id = ? AND cycle_date = ?", arguments: [account, cycleDate.iso]) == true
            }
            if try await generate(account: account, cycleDate: cycleDate) == nil {
                result.nothingDue += 1
            } else if before {
                result.alreadyMade += 1
            } else {
                result.created += 1
            }
        }
        return result
    }

    /// The account's statements, newest first.
    public func list(account: Int64) async throws -> [StatementRecord] {
        try await database.pool.read { db in
            try Self.records(db, where: "account_id = ?", [account]).sorted { $0.cycleDate > $1.cycleDate }
        }
    }

    /// One statement by number, only when it belongs to `account` (when given): another account's number reads as absent.
    public func load(number: String, account: Int64? = nil) async throws -> StoredStatement? {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM statements WHERE number = ?1 AND (?2 IS NULL OR account_id = ?2)
                """, arguments: [number, account]) else { return nil }
            return try Self.stored(row)
        }
    }

    public func latest(account: Int64) async throws -> StoredStatement? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM statements WHERE account_id = ? ORDER BY cycle_date DESC LIMIT 1",
                             arguments: [account]).map(Self.stored)
        }
    }

    static func stored(_ row: Row) throws -> StoredStatement {
        let record = record(row)
        let json: String = row["snapshot"]
        guard Digest.sha256Hex(Array(json.utf8)) == record.sha256 else { throw StatementError.damaged(number: record.number) }
        return StoredStatement(record: record, statement: try JSONDecoder().decode(BillingCore.Statement.self, from: Data(json.utf8)), json: json)
    }

    static func records(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [StatementRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM statements WHERE \(condition) ORDER BY cycle_date", arguments: arguments).map(record)
    }

    static func record(_ row: Row) -> StatementRecord {
        StatementRecord(id: row["id"], number: row["number"], accountID: row["account_id"],
                        cycleDate: CalendarDate(iso: row["cycle_date"]) ?? CalendarDate(dayNumber: 0),
                        dueDate: CalendarDate(iso: row["due_date"]) ?? CalendarDate(dayNumber: 0),
                        amountDue: Money(cents: row["amount_due_cents"]), balance: Money(cents: row["balance_cents"]),
                        sha256: row["sha256"])
    }
}
