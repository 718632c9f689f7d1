import Foundation
import GRDB

/// One line of the audit trail: who saw or did what to whose data, when, from where. Never holds PHI itself,
/// only ids and the action.
public struct AuditEvent: Sendable, Equatable {
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var accountID: Int64?
    public var detail: String
    public var client: String
}

/// The append-only audit trail of PHI views and money actions.
public struct AuditLog: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func record(actor: String, action: String, subject: String = "", account: Int64? = nil,
                       detail: String = "", client: String = "") async throws {
        let at = database.timestamp()
        try await database.pool.write { db in
            try Self.record(actor: actor, action: action, subject: subject, account: account, detail: detail, client: client, at: at, in: db)
        }
    }

    /// `record` inside a business action's write transaction, so the action and its audit line commit together.
    static func record(actor: String, action: String, subject: String = "", account: Int64? = nil, detail: String = "", client: String = "",
                       at: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO audit_events (at, actor, action, subject, account_id, detail, client) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, actor, action, subject, account, detail, client])
    }

    public func recent(limit: Int = 200, account: Int64? = nil) async throws -> [AuditEvent] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM audit_events WHERE (?1 IS NULL OR account_id = ?1) ORDER BY id DESC LIMIT ?2
                """, arguments: [account, limit]).map {
                AuditEvent(at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"],
                           accountID: $0["account_id"], detail: $0["detail"], client: $0["client"])
            }
        }
    }
}
