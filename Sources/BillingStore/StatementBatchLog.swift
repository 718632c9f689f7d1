import BillingCore
import GRDB

/// A mail-house batch as it was made.
public struct StatementBatchRecord: Sendable, Equatable {
    public var id: Int64
    public var cycleDate: CalendarDate
    public var folder: String
    public var madeBy: String
    public var madeAt: String
    public var statements: Int
    public var suppressed: Int
    public var totalDue: Money
    public var pages: Int
    public var sheets: Int
    public var pdfSHA256: String?

    public init(id: Int64 = 0, cycleDate: CalendarDate, folder: String, madeBy: String, madeAt: String = "", statements: Int,
                suppressed: Int, totalDue: Money, pages: Int, sheets: Int, pdfSHA256: String?) {
        self.id = id
        self.cycleDate = cycleDate
        self.folder = folder
        self.madeBy = madeBy
        self.madeAt = madeAt
        self.statements = statements
        self.suppressed = suppressed
        self.totalDue = totalDue
        self.pages = pages
        self.sheets = sheets
        self.pdfSHA256 = pdfSHA256
    }
}

/// The record of every mail-house batch: what was sent to the printer and where its files are kept.
public struct StatementBatchLog: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func record(_ batch: StatementBatchRecord) async throws -> StatementBatchRecord {
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO statement_batches (cycle_date, folder, made_by, made_at, statements, suppressed, total_due_cents, pages, sheets, pdf_sha256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [batch.cycleDate.iso, batch.folder, batch.madeBy, now, batch.statements, batch.suppressed,
                                 batch.totalDue.cents, batch.pages, batch.sheets, batch.pdfSHA256])
            var recorded = batch
            recorded.id = db.lastInsertedRowID
            recorded.madeAt = now
            return recorded
        }
    }

    public func all() async throws -> [StatementBatchRecord] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM statement_batches ORDER BY id DESC").map(Self.record)
        }
    }

    public func batch(id: Int64) async throws -> StatementBatchRecord? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM statement_batches WHERE id = ?", arguments: [id]).map(Self.record)
        }
    }

    static func record(_ row: Row) -> StatementBatchRecord {
        StatementBatchRecord(id: row["id"], cycleDate: CalendarDate(iso: row["cycle_date"]) ?? CalendarDate(dayNumber: 0),
                             folder: row["folder"], madeBy: row["made_by"], madeAt: row["made_at"], statements: row["statements"],
                             suppressed: row["suppressed"], totalDue: Money(cents: row["total_due_cents"]), pages: row["pages"],
                             sheets: row["sheets"], pdfSHA256: row["pdf_sha256"])
    }
}
