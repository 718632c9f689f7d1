import BillingCore
@testable import BillingStore
import Foundation
import GRDB
import X12

/// The shared sample 835 files, found by walking up from this source file to `shared/data/x12-835` (works from a
/// worktree and from the main repository alike).
enum RemittanceSamples {
    static let names = [
        "blue-cross-nc-no-envelope.835", "managed-care.835", "medicare-part-a.835", "secondary-payment.835",
        "united-healthcare-legacy.835", "v4010-deidentified-96-claims.835", "v4010-reversal-correction-plb.835",
    ]

    struct Missing: Error, CustomStringConvertible { let description: String }

    static func bytes(_ name: String) throws -> [UInt8] {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<12 {
            let candidate = folder.appendingPathComponent("shared/data/x12-835/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return [UInt8](try Data(contentsOf: candidate)) }
            folder.deleteLastPathComponent()
        }
        throw Missing(description: "no shared/data/x12-835/\(name) above \(#filePath)")
    }

    /// One sample (blue-cross-nc-no-envelope.835) was cut from a longer file and says SE*33 for 32 segments.
    static let lenient = RemittanceReadOptions(acceptsCountMismatches: true)

    static func read(_ name: String) throws -> RemittanceFile {
        try RemittanceFile.read(bytes: try bytes(name), options: lenient)
    }
}

extension StoreFixture {
    /// A visit for every claim number in `file`, as the claims module would have billed it: the lines of the first
    /// claim paying that number (the billed code from SVC06 when the payer re-coded it, the REF*6R line control
    /// number), or, for a claim without lines, two lines splitting its charge one third to two thirds. A number seen
    /// only on reversals is billed with the reversed amounts.
    func chargeVisits(for file: RemittanceFile, on date: CalendarDate? = nil) async throws {
        var seen = Set<String>()
        let claims = file.remittances.flatMap(\.claims)
        let billed = claims.filter { $0.status != .reversal } + claims.filter { $0.status == .reversal }
        for (index, claim) in billed.enumerated() where seen.insert(claim.patientControlNumber).inserted {
            let sign: Int64 = claim.status == .reversal ? -1 : 1
            let lines: [NewServiceLine]
            if claim.services.isEmpty {
                let third = sign * claim.chargeCents / 3
                lines = [NewServiceLine(code: "99213", charge: Money(cents: third)),
                         NewServiceLine(code: "99214", charge: Money(cents: sign * claim.chargeCents - third))]
            } else {
                lines = claim.services.map { service in
                    let procedure = service.originalProcedure ?? service.procedure
                    let units = service.units.flatMap(Double.init).map { min(999, max(1, Int($0))) } ?? 1
                    return NewServiceLine(code: procedure.code, modifiers: procedure.modifiers, units: units,
                                          charge: Money(cents: sign * service.chargeCents), lineControlNumber: service.lineControlNumber)
                }
            }
            let account = accounts[index % accounts.count]
            let visit = NewEncounter(accountID: account.account.id, patientID: account.patient.id, providerID: provider.id,
                                     locationID: location.id, dateOfService: date ?? today, placeOfService: "11",
                                     claimNumber: claim.patientControlNumber, lines: lines)
            _ = try await ledger.recordCharges(visit, key: "visit:\(claim.patientControlNumber)", by: .system)
        }
    }

    func count(_ table: String, where condition: String = "1") async throws -> Int {
        try await database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table) WHERE \(condition)") ?? 0 }
    }

    /// Posted remittance claims whose ledger transaction does not move exactly CLP04 into cash and CLP05 to patients:
    /// a partial posting would show here.
    func partiallyPostedClaims() async throws -> [String] {
        try await database.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.claim_number || ' ' || c.position FROM remittance_claims c
                WHERE c.paid_cents != (SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p
                                       WHERE p.transaction_id = c.transaction_id AND p.book LIKE 'cash:%')
                   OR c.patient_responsibility_cents != (SELECT COALESCE(SUM(p.amount_cents), 0) FROM postings p
                                       WHERE p.transaction_id = c.transaction_id AND p.book = 'patient_due')
                """)
        }
    }

    /// What a book holds on one service line.
    func lineBook(_ line: Int64, _ book: Book) async throws -> Int64 {
        try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount_cents), 0) FROM postings WHERE service_line_id = ? AND book = ?",
                               arguments: [line, book.code]) ?? 0
        }
    }
}

/// Writes small 835 files for tests: one interchange, one transaction set, the claims given, counts that add up.
struct Test835 {
    struct Service {
        var code: String
        var modifiers: [String] = []
        var charge: Int64
        var paid: Int64
        var controlNumber: String? = nil
        var adjustments: [(group: String, reason: String, cents: Int64)] = []
    }

    struct Claim {
        var number: String
        var status = "1"
        var charge: Int64
        var paid: Int64
        var patientShare: Int64 = 0
        var payerClaim: String? = "PCN1"
        var adjustments: [(group: String, reason: String, cents: Int64)] = []
        var services: [Service] = []
    }

    var claims: [Claim]
    var providerAdjustments: [(reason: String, cents: Int64)] = []
    var controlNumber = "000000101"
    var payment: Int64?

    static func amount(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }

    var text: String {
        var body = ["BPR*I*\(Self.amount(payment ?? claims.reduce(0) { $0 + $1.paid } - providerAdjustments.reduce(0) { $0 + $1.cents }))*C*ACH************20260601",
                    "TRN*1*TRACE\(controlNumber)*1999999999", "N1*PR*TEST PAYER", "N1*PE*BLUE RIDGE DERMATOLOGY*XX*1234567893", "LX*1"]
        func cas(_ adjustments: [(group: String, reason: String, cents: Int64)]) -> [String] {
            adjustments.map { "CAS*\($0.group)*\($0.reason)*\(Self.amount($0.cents))" }
        }
        for claim in claims {
            body.append("CLP*\(claim.number)*\(claim.status)*\(Self.amount(claim.charge))*\(Self.amount(claim.paid))*"
                        + "\(Self.amount(claim.patientShare))*12*\(claim.payerClaim ?? "")")
            body += cas(claim.adjustments)
            for service in claim.services {
                body.append("SVC*" + (["HC", service.code] + service.modifiers).joined(separator: ":")
                            + "*\(Self.amount(service.charge))*\(Self.amount(service.paid))**1")
                body += cas(service.adjustments)
                if let control = service.controlNumber { body.append("REF*6R*\(control)") }
            }
        }
        if !providerAdjustments.isEmpty {
            body.append("PLB*1234567893*20261231*" + providerAdjustments.map { "\($0.reason)*\(Self.amount($0.cents))" }.joined(separator: "*"))
        }
        let set = ["ST*835*0001"] + body + ["SE*\(body.count + 2)*0001"]
        let isa = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PRACTICE       *260601*1200*^*00501*\(controlNumber)*0*P*:"
        return ([isa, "GS*HP*PAYER*PRACTICE*20260601*1200*1*X*005010X221A1"] + set + ["GE*1*1", "IEA*1*\(controlNumber)"])
            .joined(separator: "~\n") + "~\n"
    }

    var bytes: [UInt8] { Array(text.utf8) }
}
