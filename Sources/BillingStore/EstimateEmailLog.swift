import BillingCore
import GRDB

/// One Good Faith Estimate emailed to a patient.
public struct EstimateEmail: Sendable, Equatable {
    public var id: Int64
    public var estimateID: Int64
    public var gfeID: Int64
    public var address: String
    public var messageID: String
    public var sentOn: CalendarDate
    public var sentBy: String
}

/// The record of estimates emailed: written once the relay has accepted a message, never before.
public struct EstimateEmailLog: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Records a sending and its audit event in one transaction. The audit line names the GFE and the sending's row
    /// (which holds the address), so the trail answers who sent what to which address and when without itself
    /// holding the address.
    @discardableResult
    public func record(_ issued: IssuedGoodFaithEstimate, to address: String, messageID: String, on today: CalendarDate,
                       by staff: String, client: String) async throws -> EstimateEmail {
        let at = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO estimate_emails (estimate_id, gfe_id, account_id, address, message_id, sent_on, sent_at, sent_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [issued.estimateID, issued.id, issued.accountID, address, messageID, today.iso, at, staff])
            let id = db.lastInsertedRowID
            try AuditLog.record(actor: "staff:\(staff)", action: "email.gfe", subject: "gfe:\(issued.id)", account: issued.accountID,
                                detail: "estimate:\(issued.estimateID) sending:\(id)", client: client, at: at, in: db)
            return EstimateEmail(id: id, estimateID: issued.estimateID, gfeID: issued.id, address: address, messageID: messageID,
                                 sentOn: today, sentBy: staff)
        }
    }

    /// The estimate's sendings, oldest first.
    public func sendings(estimate id: Int64) async throws -> [EstimateEmail] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM estimate_emails WHERE estimate_id = ? ORDER BY id", arguments: [id]).map {
                EstimateEmail(id: $0["id"], estimateID: $0["estimate_id"], gfeID: $0["gfe_id"], address: $0["address"],
                              messageID: $0["message_id"], sentOn: CalendarDate(iso: $0["sent_on"])!, sentBy: $0["sent_by"])
            }
        }
    }
}
