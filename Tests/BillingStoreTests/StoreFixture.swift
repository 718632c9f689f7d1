import BillingCore
import BillingStore
import Foundation

/// A real SQLite file in a fresh temporary folder, with a provider, a location and some accounts.
struct StoreFixture {
    let folder: URL
    let database: ClearbillDatabase
    let ledger: Ledger
    let balances: AccountBalances
    let provider: Provider
    let location: Location
    var accounts: [(account: Account, patient: Patient)] = []
    let today = CalendarDate(year: 2026, month: 6, day: 15)!

    static func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clearbill-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    init(accounts count: Int = 2) async throws {
        folder = Self.temporaryFolder()
        database = try ClearbillDatabase(path: folder.appendingPathComponent("ledger.sqlite").path)
        ledger = Ledger(database: database)
        balances = AccountBalances(database: database)
        let directory = PracticeDirectory(database: database)
        provider = try await directory.addProvider(name: "Test Provider", credentials: "MD", npi: NPI.make("111111111"))
        location = try await directory.addLocation(
            name: "Office", address: MailingAddress(line1: "1 Main St", city: "Asheville", state: "NC", zip: "28801"),
            phone: "", placeOfService: "11")
        for index in 0..<count {
            accounts.append(try await directory.openAccount(NewAccount(
                firstName: "Pat\(index)", lastName: "Tester", dateOfBirth: CalendarDate(year: 1980, month: 1, day: 1 + index % 28)!,
                address: MailingAddress(line1: "\(index) Oak St", city: "Asheville", state: "NC", zip: "28801"))))
        }
    }

    func visit(_ account: Int, on date: CalendarDate? = nil, claim: String?, charges: [Int64], selfPay: Bool = false) -> NewEncounter {
        NewEncounter(accountID: accounts[account].account.id, patientID: accounts[account].patient.id, providerID: provider.id,
                     locationID: location.id, dateOfService: date ?? today, placeOfService: "11", claimNumber: claim,
                     lines: charges.map { NewServiceLine(code: "99213", diagnosisCodes: ["L57.0"], charge: Money(cents: $0), selfPay: selfPay) })
    }

    func remove() {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
