import BillingCore
import GRDB

public struct FAQItem: Sendable, Equatable {
    public var id: Int64
    public var position: Int
    public var topic: String
    public var question: String
    public var answer: String
}

/// The billing FAQ: seeded with the questions patients ask most, edited by the billing office.
public struct FAQStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// Fills an empty FAQ from `BillingFAQ.seed`; leaves an edited one alone.
    public func seedIfEmpty() async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM faq_entries") == 0 else { return }
            for entry in BillingFAQ.seed {
                try db.execute(sql: """
                    INSERT INTO faq_entries (position, topic, question, answer, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'seed')
                    """, arguments: [entry.position, entry.topic, entry.question, entry.answer, now])
            }
        }
    }

    public func all() async throws -> [FAQItem] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM faq_entries ORDER BY position, id").map {
                FAQItem(id: $0["id"], position: $0["position"], topic: $0["topic"], question: $0["question"], answer: $0["answer"])
            }
        }
    }

    /// Saves an edit and writes who made it to the audit log, in one transaction. False when there is no such entry.
    public func update(id: Int64, question: String, answer: String, by staff: String) async throws -> Bool {
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: "UPDATE faq_entries SET question = ?, answer = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [question, answer, now, staff, id])
            guard db.changesCount == 1 else { return false }
            try db.execute(sql: "INSERT INTO audit_events (at, actor, action, subject) VALUES (?, ?, 'faq.edit', ?)",
                           arguments: [now, staff, "faq:\(id)"])
            return true
        }
    }
}
