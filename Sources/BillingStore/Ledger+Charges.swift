import BillingCore
import GRDB

extension Ledger {
    /// Creates a visit with its service lines and posts its charges, all in one transaction.
    public func recordCharges(_ visit: NewEncounter, key: String, by actor: Actor) async throws -> (encounterID: Int64, transaction: PostedTransaction) {
        let problems = visit.problems()
        guard problems.isEmpty else { throw LedgerError.invalid(ValidationFailure(problems)) }
        let timestamp = database.timestamp()
        return try await database.pool.write { db in
            try Self.postCharges(visit, key: key, by: actor, at: timestamp, in: db)
        }
    }

    /// `recordCharges` inside a write transaction another action has opened (billing an estimate records its bill
    /// in the same transaction). The caller has checked `visit.problems()`.
    static func postCharges(_ visit: NewEncounter, key: String, by actor: Actor, at timestamp: String,
                            in db: Database) throws -> (encounterID: Int64, transaction: PostedTransaction) {
        let fingerprint = "charges|" + String(decoding: try JSONCoding.canonicalEncoder.encode(visit), as: UTF8.self)
        if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) {
            let encounter = try Int64.fetchOne(db, sql: "SELECT encounter_id FROM ledger_transactions WHERE id = ?",
                                               arguments: [first.id]) ?? 0
            return (encounter, first)
        }
        try LedgerWriter.requireAccount(visit.accountID, in: db)
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM patients WHERE id = ? AND account_id = ?",
                                arguments: [visit.patientID, visit.accountID]) == true
        else { throw LedgerError.unknownPatient(visit.patientID) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM providers WHERE id = ?", arguments: [visit.providerID]) == true
        else { throw LedgerError.unknownProvider(visit.providerID) }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM locations WHERE id = ?", arguments: [visit.locationID]) == true
        else { throw LedgerError.unknownLocation(visit.locationID) }
        if let claim = visit.claimNumber,
           try Bool.fetchOne(db, sql: "SELECT 1 FROM encounters WHERE claim_number = ?", arguments: [claim]) == true {
            throw LedgerError.claimNumberTaken(claim)
        }
        try db.execute(sql: """
            INSERT INTO encounters (account_id, patient_id, provider_id, location_id, date_of_service, place_of_service, claim_number)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [visit.accountID, visit.patientID, visit.providerID, visit.locationID,
                             visit.dateOfService.iso, visit.placeOfService, visit.claimNumber])
        let encounterID = db.lastInsertedRowID
        var charged: [(serviceLineID: Int64, charge: Money, selfPay: Bool)] = []
        for (index, line) in visit.lines.enumerated() {
            try db.execute(sql: """
                INSERT INTO service_lines (encounter_id, line_number, code, modifiers, diagnosis_codes, units,
                    charge_cents, self_pay, line_control_number)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [encounterID, index + 1, line.code, line.modifiers.joined(separator: ","),
                                 line.diagnosisCodes.joined(separator: ","), line.units, line.charge.cents,
                                 line.selfPay, line.lineControlNumber])
            charged.append((db.lastInsertedRowID, line.charge, line.selfPay))
        }
        let entry = LedgerEntry(kind: .charge, source: actor.source, actor: actor.name, idempotencyKey: key,
                                accountID: visit.accountID, effectiveDate: visit.dateOfService,
                                memo: "Charges for visit on \(visit.dateOfService.iso)", reference: visit.claimNumber,
                                postings: NewEncounter.chargePostings(charged))
        let posted = try LedgerWriter.insert(entry, fingerprint: fingerprint, encounterID: encounterID, at: timestamp, in: db)
        return (encounterID, posted)
    }

    /// Posts a payer's decision on one or more lines of one account: insurance paid, contractual adjustments, and
    /// what moves to the patient with its reason.
    public func recordAdjudication(_ lines: [LineAdjudication], paidBy method: PaymentMethod, reference: String?,
                                   on date: CalendarDate, key: String, by actor: Actor, memo: String = "") async throws -> PostedTransaction {
        let timestamp = database.timestamp()
        let fingerprint = "adjudication|" + String(decoding: try JSONCoding.canonicalEncoder.encode(lines), as: UTF8.self)
            + "|\(method.rawValue)|\(reference ?? "")"
        return try await database.pool.write { db in
            if let first = try LedgerWriter.replay(key: key, fingerprint: fingerprint, in: db) { return first }
            let account = try Self.account(ofLines: lines.map(\.serviceLineID), in: db)
            let entry = LedgerEntry(kind: .adjudication, source: actor.source, actor: actor.name, idempotencyKey: key,
                                    accountID: account, effectiveDate: date, memo: memo, reference: reference,
                                    postings: LedgerRules.consolidated(lines.flatMap { $0.postings(paidBy: method) }))
            return try LedgerWriter.insert(entry, fingerprint: fingerprint, at: timestamp, in: db)
        }
    }

    /// The one account that owns all of these lines.
    static func account(ofLines lines: [Int64], in db: Database) throws -> Int64 {
        var accounts = Set<Int64>()
        for line in Set(lines) {
            guard let account = try Int64.fetchOne(db, sql: """
                SELECT e.account_id FROM service_lines l JOIN encounters e ON e.id = l.encounter_id WHERE l.id = ?
                """, arguments: [line]) else { throw LedgerError.unknownServiceLine(line) }
            accounts.insert(account)
        }
        guard accounts.count == 1, let account = accounts.first else {
            throw accounts.isEmpty ? LedgerError.invalid(ValidationFailure([FieldError("lines", "at least one line is required")]))
                                   : LedgerError.linesOnSeveralAccounts
        }
        return account
    }
}
