import BillingCore
import ClearbillCrypto
import Foundation
import GRDB

/// A Good Faith Estimate as issued and kept: the value, exactly as hashed, and what has happened since.
public struct IssuedGoodFaithEstimate: Sendable, Equatable {
    public var id: Int64
    public var estimateID: Int64
    public var accountID: Int64?
    public var estimate: GoodFaithEstimate
    public var issuedBy: String
    public var keepUntil: CalendarDate
    /// The number of the version that replaced this one, if any.
    public var supersededBy: String?
}

/// One line of the desk's list of estimates.
public struct EstimateListing: Sendable, Equatable {
    public var id: Int64
    public var accountID: Int64?
    public var patientName: String
    public var total: Money
    public var serviceDate: CalendarDate?
    public var gfeDueOn: CalendarDate?
    public var gfeNumber: String?
    public var revised: Bool
    public var billed: Bool

    public func gfeStatus(today: CalendarDate) -> GoodFaithEstimateTiming.Status {
        // A revised estimate's GFE is owed by its newer version, not by it.
        revised && gfeNumber == nil ? .notRequired
            : GoodFaithEstimateTiming.status(dueDate: gfeDueOn, issued: gfeNumber != nil, today: today)
    }
}

/// Saved estimates and their Good Faith Estimates: written once, kept (six years at least), never edited.
public struct EstimateStore: Sendable {
    public let database: ClearbillDatabase
    /// 45 CFR 149.610(g): copies are kept at least six years.
    public static let yearsKept = 6

    public init(database: ClearbillDatabase) { self.database = database }

    /// Saves a priced quote as an estimate (a revision of `revises` when given), with its audit event.
    public func save(_ details: EstimateDetails, revises: Int64? = nil, by staff: String, client: String) async throws -> Estimate {
        let problems = details.problems()
        guard problems.isEmpty else { throw EstimateError.invalid(ValidationFailure(problems)) }
        let at = database.timestamp()
        let json = String(decoding: try JSONCoding.canonicalEncoder.encode(details), as: UTF8.self)
        return try await database.pool.write { db in
            if let account = details.patient.accountID {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM patients WHERE id = ? AND account_id = ?",
                                        arguments: [details.patient.patientID, account]) == true
                else { throw EstimateError.invalid(ValidationFailure([FieldError("patient", "is not on that account")])) }
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM providers WHERE id = ?", arguments: [details.providerID]) == true
            else { throw EstimateError.invalid(ValidationFailure([FieldError("provider", "choose a provider")])) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM locations WHERE id = ?", arguments: [details.locationID]) == true
            else { throw EstimateError.invalid(ValidationFailure([FieldError("location", "choose an office")])) }
            var series: Int64?
            if let revises {
                guard let row = try Row.fetchOne(db, sql: "SELECT series_id, (SELECT id FROM estimates r WHERE r.revises_id = e.id) AS newer FROM estimates e WHERE id = ?",
                                                 arguments: [revises]) else { throw EstimateError.unknownEstimate(revises) }
                if let newer = row["newer"] as Int64? { throw EstimateError.revisedSince(estimate: newer) }
                series = row["series_id"]
            }
            // A new series is named after the estimate's own id: the next rowid, since estimates are never deleted.
            try db.execute(sql: """
                INSERT INTO estimates (series_id, revises_id, account_id, patient_id, provider_id, location_id, self_pay, scheduled_on,
                    service_date, valid_until, gfe_due_on, total_cents, details, created_at, created_by)
                VALUES (COALESCE(?, (SELECT COALESCE(MAX(id), 0) + 1 FROM estimates)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [series, revises, details.patient.accountID, details.patient.patientID, details.providerID,
                                 details.locationID, details.selfPay, details.scheduledOn.iso, details.serviceDate?.iso,
                                 details.validUntil.iso, details.gfeDueDate?.iso, details.quote.total.cents, json, at, staff])
            let id = db.lastInsertedRowID
            try AuditLog.record(actor: "staff:\(staff)", action: "estimate.save", subject: "estimate:\(id)", account: details.patient.accountID,
                                detail: details.quote.total.formatted, client: client, at: at, in: db)
            return Estimate(id: id, seriesID: series ?? id, revises: revises, details: details, createdBy: staff)
        }
    }

    /// One estimate, only when it belongs to `account` (when given): another account's estimate reads as absent.
    public func estimate(_ id: Int64, account: Int64? = nil) async throws -> Estimate? {
        try await database.pool.read { db in try Self.estimate(id, account: account, in: db) }
    }

    static func estimate(_ id: Int64, account: Int64? = nil, in db: Database) throws -> Estimate? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM estimates WHERE id = ?1 AND (?2 IS NULL OR account_id = ?2)",
                                         arguments: [id, account]) else { return nil }
        let details = try JSONDecoder().decode(EstimateDetails.self, from: Data((row["details"] as String).utf8))
        return Estimate(id: row["id"], seriesID: row["series_id"], revises: row["revises_id"], details: details, createdBy: row["created_by"])
    }

    /// The id of the estimate that revised this one, if any.
    public func revision(of id: Int64) async throws -> Int64? {
        try await database.pool.read { try Int64.fetchOne($0, sql: "SELECT id FROM estimates WHERE revises_id = ?", arguments: [id]) }
    }

    /// Issues the Good Faith Estimate of a self-pay estimate, as the next version of its series (superseding the one
    /// before), once every required element is there; with its audit event, in one transaction.
    public func issueGoodFaithEstimate(estimate id: Int64, on today: CalendarDate, by staff: String, client: String) async throws -> IssuedGoodFaithEstimate {
        let at = database.timestamp()
        return try await database.pool.write { db in
            guard let estimate = try Self.estimate(id, in: db) else { throw EstimateError.unknownEstimate(id) }
            guard estimate.details.selfPay else { throw EstimateError.notSelfPay }
            if let number = try String.fetchOne(db, sql: "SELECT number FROM good_faith_estimates WHERE estimate_id = ?", arguments: [id]) {
                throw EstimateError.alreadyIssued(number: number)
            }
            if let newer = try Int64.fetchOne(db, sql: "SELECT id FROM estimates WHERE revises_id = ?", arguments: [id]) {
                throw EstimateError.revisedSince(estimate: newer)
            }
            guard let practice = try PracticeDirectory.practice(in: db) else { throw EstimateError.practiceNotSet }
            let previous = try Row.fetchOne(db, sql: """
                SELECT id, number, version FROM good_faith_estimates WHERE series_id = ? ORDER BY version DESC LIMIT 1
                """, arguments: [estimate.seriesID])
            let version = (previous?["version"] as Int? ?? 0) + 1
            let clinician = try Row.fetchOne(db, sql: "SELECT * FROM providers WHERE id = ?", arguments: [estimate.details.providerID]).map {
                Provider(id: $0["id"], name: $0["name"], credentials: $0["credentials"], npi: $0["npi"])
            }
            let location = try Row.fetchOne(db, sql: "SELECT * FROM locations WHERE id = ?", arguments: [estimate.details.locationID]).map {
                Location(id: $0["id"], name: $0["name"], address: PracticeDirectory.address($0), phone: $0["phone"], placeOfService: $0["place_of_service"])
            }
            guard let clinician, let location else { throw EstimateError.unknownEstimate(id) }
            let gfe: GoodFaithEstimate
            do throws(GoodFaithEstimateIncomplete) {
                gfe = try GoodFaithEstimate.issue(estimate.goodFaithEstimate(
                    number: GoodFaithEstimateNumber.make(series: estimate.seriesID, version: version), version: version,
                    supersedes: previous?["number"], practice: practice, clinician: clinician, location: location, issuedOn: today))
            } catch { throw EstimateError.incomplete(error) }
            let json = String(decoding: try JSONCoding.canonicalEncoder.encode(gfe), as: UTF8.self)
            let keepUntil = today.adding(months: 12 * Self.yearsKept)
            try db.execute(sql: """
                INSERT INTO good_faith_estimates (number, estimate_id, series_id, version, supersedes_id, account_id, issued_on, keep_until,
                    total_cents, snapshot, sha256, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [gfe.number, id, estimate.seriesID, version, previous?["id"] as Int64?, estimate.details.patient.accountID,
                                 today.iso, keepUntil.iso, gfe.total.cents, json, Digest.sha256Hex(Array(json.utf8)), at, staff])
            let gfeID = db.lastInsertedRowID
            try AuditLog.record(actor: "staff:\(staff)", action: "gfe.issue", subject: "gfe:\(gfeID)", account: estimate.details.patient.accountID,
                                detail: gfe.number, client: client, at: at, in: db)
            return IssuedGoodFaithEstimate(id: gfeID, estimateID: id, accountID: estimate.details.patient.accountID, estimate: gfe,
                                           issuedBy: staff, keepUntil: keepUntil, supersededBy: nil)
        }
    }

    /// The GFE issued for an estimate, only when it belongs to `account` (when given).
    public func goodFaithEstimate(estimate id: Int64, account: Int64? = nil) async throws -> IssuedGoodFaithEstimate? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT g.*, (SELECT n.number FROM good_faith_estimates n WHERE n.supersedes_id = g.id) AS superseded_by
                FROM good_faith_estimates g WHERE g.estimate_id = ?1 AND (?2 IS NULL OR g.account_id = ?2)
                """, arguments: [id, account]).map(Self.issued)
        }
    }

    static func issued(_ row: Row) throws -> IssuedGoodFaithEstimate {
        let json: String = row["snapshot"]
        guard Digest.sha256Hex(Array(json.utf8)) == row["sha256"] else { throw EstimateError.damaged(number: row["number"]) }
        return IssuedGoodFaithEstimate(id: row["id"], estimateID: row["estimate_id"], accountID: row["account_id"],
                                       estimate: try JSONDecoder().decode(GoodFaithEstimate.self, from: Data(json.utf8)),
                                       issuedBy: row["issued_by"], keepUntil: CalendarDate(iso: row["keep_until"]) ?? CalendarDate(dayNumber: 0),
                                       supersededBy: row["superseded_by"])
    }

    /// Estimates, newest first: all of them for the desk, or one account's.
    public func list(account: Int64? = nil, limit: Int = 100) async throws -> [EstimateListing] {
        try await listings(account: account, owedOnly: false, limit: limit)
    }

    /// GFEs owed and not yet issued, soonest due first: what the desk must do today, and what is late. A revised
    /// estimate owes none: its latest version does.
    public func gfesOwed() async throws -> [EstimateListing] {
        try await listings(account: nil, owedOnly: true, limit: 1000).sorted { ($0.gfeDueOn!, $0.id) < ($1.gfeDueOn!, $1.id) }
    }

    private func listings(account: Int64?, owedOnly: Bool, limit: Int) async throws -> [EstimateListing] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.id, e.account_id, e.total_cents, e.details,
                       g.number AS gfe_number, (SELECT 1 FROM estimates r WHERE r.revises_id = e.id) AS revised,
                       (SELECT 1 FROM estimate_bills b WHERE b.estimate_id = e.id) AS billed
                FROM estimates e LEFT JOIN good_faith_estimates g ON g.estimate_id = e.id
                WHERE (?1 IS NULL OR e.account_id = ?1)
                  AND (?2 = 0 OR (e.gfe_due_on IS NOT NULL AND g.id IS NULL
                                  AND NOT EXISTS (SELECT 1 FROM estimates r WHERE r.revises_id = e.id)))
                ORDER BY e.id DESC LIMIT ?3
                """, arguments: [account, owedOnly, limit]).map { row in
                let details = try JSONDecoder().decode(EstimateDetails.self, from: Data((row["details"] as String).utf8))
                return EstimateListing(id: row["id"], accountID: row["account_id"], patientName: details.patient.fullName,
                                       total: Money(cents: row["total_cents"]), serviceDate: details.serviceDate, gfeDueOn: details.gfeDueDate, gfeNumber: row["gfe_number"],
                                       revised: row["revised"] as Bool? ?? false, billed: row["billed"] as Bool? ?? false)
            }
        }
    }
}
