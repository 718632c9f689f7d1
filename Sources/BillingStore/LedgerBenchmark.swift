import BillingCore
import Foundation
import GRDB

/// Payments posted as separate durable transactions, next to bare single-row durable SQLite inserts on the same disk:
/// the ratio says what the ledger's rules (idempotency, allocation, balance checks) cost over the fsync itself.
public enum LedgerBenchmark {
    public struct Result: Sendable {
        public var count: Int
        public var ledgerSeconds: Double
        public var bareSeconds: Double
        public var ledgerPerSecond: Double { Double(count) / ledgerSeconds }
        public var barePerSecond: Double { Double(count) / bareSeconds }
        public var ratio: Double { ledgerPerSecond / barePerSecond }
    }

    /// Uses `path` for the ledger and `path + ".bare"` for the peer; both must not exist yet. The payments go round a
    /// practice's worth of accounts, ten to an account, each paying against its own open visit — as at a real desk,
    /// where a visit line sees a handful of postings, not thousands.
    public static func run(path: String, count: Int) async throws -> Result {
        let database = try ClearbillDatabase(path: path)
        defer { try? database.close() }
        let directory = PracticeDirectory(database: database)
        let provider = try await directory.addProvider(name: "Bench", credentials: "MD", npi: NPI.make("100000000"))
        let address = MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801")
        let location = try await directory.addLocation(name: "Office", address: address, phone: "", placeOfService: "11")
        let ledger = Ledger(database: database)
        let desk = Actor("bench", via: .desk)
        let today = CalendarDate(year: 2026, month: 1, day: 15)!
        let paymentsPerAccount = 10
        var accounts: [Int64] = []
        for index in 0..<max(1, (count + paymentsPerAccount - 1) / paymentsPerAccount) {
            let (account, patient) = try await directory.openAccount(NewAccount(
                firstName: "Bench", lastName: "Mark\(index)", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1)!, address: address))
            // Enough open charges that every payment allocates against a real line.
            _ = try await ledger.recordCharges(NewEncounter(
                accountID: account.id, patientID: patient.id, providerID: provider.id, locationID: location.id, dateOfService: today,
                placeOfService: "11", claimNumber: nil,
                lines: [NewServiceLine(code: "J0585", units: 20, charge: Money(cents: Int64(paymentsPerAccount) * 100 + 100), selfPay: true)]),
                key: "bench-charge-\(index)", by: desk)
            accounts.append(account.id)
        }

        let ledgerStart = ContinuousClock.now
        for index in 0..<count {
            _ = try await ledger.recordPayment(PatientPayment(accountID: accounts[index % accounts.count], amount: Money(cents: 100),
                                                              method: .cardTerminal, receivedOn: today),
                                               key: "bench-\(index)", by: desk)
        }
        let ledgerElapsed = ContinuousClock.now - ledgerStart

        let bare = try DatabaseQueue(path: path + ".bare")
        try await bare.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
            try db.execute(sql: "CREATE TABLE payments (id INTEGER PRIMARY KEY, amount_cents INTEGER NOT NULL)")
        }
        let bareStart = ContinuousClock.now
        for _ in 0..<count {
            try await bare.write { try $0.execute(sql: "INSERT INTO payments (amount_cents) VALUES (100)") }
        }
        let bareElapsed = ContinuousClock.now - bareStart
        try bare.close()
        return Result(count: count, ledgerSeconds: seconds(ledgerElapsed), bareSeconds: seconds(bareElapsed))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
