import BillingCore
import GRDB

/// An account's position, summed from its postings at the moment of asking.
public struct AccountSummary: Sendable, Equatable, Codable {
    public var patientDue: Money
    /// Patient credit held, as a positive amount.
    public var credit: Money
    public var insurancePending: Money

    public init(patientDue: Money, credit: Money, insurancePending: Money) {
        self.patientDue = patientDue
        self.credit = credit
        self.insurancePending = insurancePending
    }

    /// What the guarantor owes after credit; negative when the practice owes them.
    public var balance: Money { patientDue - credit }
}

/// One service line's story: charged, what insurance paid and adjusted, what the patient owes and why.
public struct LineBalance: Sendable, Equatable, Codable {
    public var serviceLineID: Int64
    public var encounterID: Int64
    public var dateOfService: CalendarDate
    public var code: String
    public var modifiers: [String]
    public var units: Int
    public var charge: Money
    public var selfPay: Bool
    public var insurancePaid: Money
    public var adjustments: Money
    public var writtenOff: Money
    public var patientPaid: Money
    public var patientDue: Money
    public var insuranceDue: Money
    /// What became the patient's share, by reason (deductible, coinsurance, copay, not covered, self-pay).
    public var patientShare: [ResponsibilityReason: Money]
    /// The day the patient's share first arose, for aging.
    public var patientDueSince: CalendarDate?
    /// The business date of the latest posting on the line.
    public var lastActivity: CalendarDate?
}

/// Balances derived from postings, never stored.
public struct AccountBalances: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func summary(account: Int64) async throws -> AccountSummary {
        try await database.pool.read { try Self.summary(account: account, in: $0) }
    }

    /// The account as it stood at the end of `asOf` (business date), or now.
    static func summary(account: Int64, asOf: CalendarDate? = nil, in db: Database) throws -> AccountSummary {
        let row = try Row.fetchOne(db, sql: """
            SELECT COALESCE(SUM(CASE WHEN p.book = 'patient_due' THEN p.amount_cents END), 0) AS patient,
                   COALESCE(SUM(CASE WHEN p.book = 'patient_credit' THEN p.amount_cents END), 0) AS credit,
                   COALESCE(SUM(CASE WHEN p.book = 'insurance_due' THEN p.amount_cents END), 0) AS insurance
            FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE p.account_id = ?1 AND (?2 IS NULL OR t.effective_date <= ?2)
            """, arguments: [account, asOf?.iso])
        return AccountSummary(patientDue: Money(cents: row?["patient"] ?? 0), credit: Money(cents: -(row?["credit"] ?? 0)),
                              insurancePending: Money(cents: row?["insurance"] ?? 0))
    }

    public func lines(account: Int64) async throws -> [LineBalance] {
        try await database.pool.read { try Self.lines(account: account, in: $0) }
    }

    static func lines(account: Int64, asOf: CalendarDate? = nil, in db: Database) throws -> [LineBalance] {
        var balances: [Int64: LineBalance] = [:]
        var order: [Int64] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT l.id, l.encounter_id, e.date_of_service, l.code, l.modifiers, l.units, l.charge_cents, l.self_pay
            FROM service_lines l JOIN encounters e ON e.id = l.encounter_id
            WHERE e.account_id = ?1 AND (?2 IS NULL OR e.date_of_service <= ?2)
            ORDER BY e.date_of_service, l.encounter_id, l.line_number
            """, arguments: [account, asOf?.iso]) {
            let id: Int64 = row["id"]
            order.append(id)
            balances[id] = LineBalance(
                serviceLineID: id, encounterID: row["encounter_id"],
                dateOfService: CalendarDate(iso: row["date_of_service"]) ?? CalendarDate(dayNumber: 0), code: row["code"],
                modifiers: (row["modifiers"] as String).split(separator: ",").map(String.init), units: row["units"],
                charge: Money(cents: row["charge_cents"]), selfPay: row["self_pay"], insurancePaid: .zero, adjustments: .zero,
                writtenOff: .zero, patientPaid: .zero, patientDue: .zero, insuranceDue: .zero, patientShare: [:], patientDueSince: nil,
                lastActivity: nil)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT p.service_line_id AS line, p.book, p.reason, SUM(p.amount_cents) AS total,
                   MIN(CASE WHEN p.book = 'patient_due' AND p.amount_cents > 0 THEN t.effective_date END) AS since,
                   MAX(t.effective_date) AS latest
            FROM postings p JOIN ledger_transactions t ON t.id = p.transaction_id
            WHERE p.account_id = ?1 AND p.service_line_id IS NOT NULL AND (?2 IS NULL OR t.effective_date <= ?2)
            GROUP BY p.service_line_id, p.book, p.reason
            """, arguments: [account, asOf?.iso]) {
            guard let line: Int64 = row["line"], var balance = balances[line], let book = Book(code: row["book"]) else { continue }
            let total = Money(cents: row["total"])
            let reason = (row["reason"] as String?).flatMap(ResponsibilityReason.init(rawValue:))
            if let latest = (row["latest"] as String?).flatMap(CalendarDate.init(iso:)) {
                balance.lastActivity = balance.lastActivity.map { Swift.max($0, latest) } ?? latest
            }
            switch book {
            case .cash(.insuranceEFT), .cash(.insuranceCheck): balance.insurancePaid += total
            case .contractualAdjustment: balance.adjustments += total
            case .writeOff: balance.writtenOff += total
            case .insuranceDue: balance.insuranceDue += total
            case .patientDue:
                balance.patientDue += total
                if let reason { balance.patientShare[reason, default: .zero] += total } else { balance.patientPaid -= total }
                if let since = (row["since"] as String?).flatMap(CalendarDate.init(iso:)) {
                    balance.patientDueSince = balance.patientDueSince.map { Swift.min($0, since) } ?? since
                }
            default: break
            }
            balances[line] = balance
        }
        // Write-offs reduce patient due without a reason, like payments; they are not payments.
        return order.compactMap { id in
            guard var balance = balances[id] else { return nil }
            balance.patientPaid -= balance.writtenOff
            balance.patientShare = balance.patientShare.filter { !$0.value.isZero }
            return balance
        }
    }

    public func aging(account: Int64, asOf today: CalendarDate) async throws -> AgingBuckets {
        Self.aging(try await lines(account: account), asOf: today)
    }

    static func aging(_ lines: [LineBalance], asOf today: CalendarDate) -> AgingBuckets {
        AgingBuckets(items: lines.compactMap { line in
            guard line.patientDue.isPositive else { return nil }
            return AgingItem(since: line.patientDueSince ?? line.dateOfService, amount: line.patientDue)
        }, asOf: today)
    }
}
