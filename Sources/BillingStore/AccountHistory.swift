import BillingCore
import GRDB

/// One ledger transaction as staff and patients see it in a history.
public struct HistoryEntry: Sendable, Equatable {
    public var transactionID: Int64
    public var kind: TransactionKind
    public var source: TransactionSource
    public var actor: String
    public var effectiveDate: CalendarDate
    public var postedAt: String
    public var memo: String
    public var reference: String?
    public var reverses: Int64?
    /// Money received (positive) or paid back (negative), for payments and refunds.
    public var cash: Money
    /// How the transaction moved what the patient owes (patient due net of credit).
    public var patientChange: Money
    public var postings: [Posting]
}

/// Lists and searches over accounts and their ledger history, for the portal and the staff area.
public struct AccountHistory: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Every ledger transaction of the account, newest first; `kinds` narrows it (payments and refunds for patients).
    public func entries(account: Int64, kinds: [TransactionKind]? = nil, limit: Int = 500) async throws -> [HistoryEntry] {
        try await database.pool.read { db in
            let filter = kinds.map { " AND kind IN (" + $0.map { "'\($0.rawValue)'" }.joined(separator: ",") + ")" } ?? ""
            return try Row.fetchAll(db, sql: """
                SELECT * FROM ledger_transactions WHERE account_id = ?\(filter) ORDER BY effective_date DESC, id DESC LIMIT ?
                """, arguments: [account, limit]).map { row in
                let id: Int64 = row["id"]
                let postings = try LedgerWriter.postings(of: id, in: db)
                return HistoryEntry(
                    transactionID: id, kind: TransactionKind(rawValue: row["kind"]) ?? .charge,
                    source: TransactionSource(rawValue: row["source"]) ?? .system, actor: row["actor"],
                    effectiveDate: CalendarDate(iso: row["effective_date"]) ?? CalendarDate(dayNumber: 0), postedAt: row["posted_at"],
                    memo: row["memo"], reference: row["reference"], reverses: row["reverses_id"],
                    cash: postings.filter { if case .cash = $0.book { true } else if case .refunds = $0.book { true } else { false } }
                        .map(\.amount).sum(),
                    patientChange: postings.filter { $0.book == .patientDue || $0.book == .patientCredit }.map(\.amount).sum(),
                    postings: postings)
            }
        }
    }

    /// Staff search by last name (prefix), account number, or date of birth; at most 50 matches.
    public func search(_ query: String) async throws -> [Account] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        return try await database.pool.read { db in
            let rows: [Row]
            if AccountNumber.isValid(text) {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM accounts WHERE account_number = ?", arguments: [text])
            } else if let dob = CalendarDate(us: text) ?? CalendarDate(iso: text) {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM accounts WHERE date_of_birth = ? ORDER BY last_name, first_name LIMIT 50",
                                        arguments: [dob.iso])
            } else {
                let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                // Only commas and spaces: no name to look for (and no parts[0] to read).
                guard parts.contains(where: { !$0.isEmpty }) else { return [] }
                rows = try Row.fetchAll(db, sql: """
                    SELECT * FROM accounts WHERE last_name LIKE ?1 ESCAPE '\\' COLLATE NOCASE
                      AND (?2 IS NULL OR first_name LIKE ?2 ESCAPE '\\' COLLATE NOCASE)
                    ORDER BY last_name, first_name LIMIT 50
                    """, arguments: [Self.likePrefix(parts[0]), parts.count > 1 ? Self.likePrefix(parts[1]) : nil])
            }
            return rows.map(PracticeDirectory.account)
        }
    }

    private static func likePrefix(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }
}
