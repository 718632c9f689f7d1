import GRDB

/// A claim of an 835 that was not posted, waiting for the billing office.
public struct WorkQueueItem: Sendable, Equatable {
    public var id: Int64
    public var fileName: String
    public var position: String
    public var claimNumber: String
    public var reason: String
    /// The claim as the payer sent it (`RemittanceClaimSnapshot` as JSON).
    public var claimJSON: String
    public var queuedAt: String
}

/// The billing office's list of remittance claims that need a person. An item leaves the list when a later import
/// of its file posts it.
public struct RemittanceWorkQueue: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Open items, oldest first.
    public func open(limit: Int = 500) async throws -> [WorkQueueItem] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.id, f.name, q.position, q.claim_number, q.reason, q.claim, q.queued_at
                FROM remittance_work_queue q JOIN remittance_files f ON f.id = q.file_id
                WHERE q.resolved_at IS NULL ORDER BY q.id LIMIT ?
                """, arguments: [limit]).map { row in
                WorkQueueItem(id: row["id"], fileName: row["name"], position: row["position"], claimNumber: row["claim_number"],
                              reason: row["reason"], claimJSON: row["claim"], queuedAt: row["queued_at"])
            }
        }
    }

    public func openCount() async throws -> Int {
        try await database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM remittance_work_queue WHERE resolved_at IS NULL") ?? 0 }
    }
}
