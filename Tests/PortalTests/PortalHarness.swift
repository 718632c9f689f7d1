import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Portal
import Prometheus
import Synchronization
import Testing

/// A portal over a fresh database with a movable clock, one patient (Ana Peña Ruiz, born 03/09/1975) who owes nothing
/// until a test books her a visit, and whose latest statement record (amount due $50.00; its snapshot is a stand-in,
/// so pages that render the statement itself cannot be tested here) has the code K7M2-Q9XD, a provider and a location to book her visits, and probe routes behind the guards
/// so tests can see who a cookie signs in. With `onlinePayments` the portal takes cards through that gateway; with `mail`
/// the desk emails through that relay.
struct PortalHarness: Sendable {
    let client: any TestClientProtocol
    let database: ClearbillDatabase
    let clock: TestClock
    let account: Account
    let patient: Patient
    let configuration: PortalConfiguration
    let onlinePayments: OnlinePaymentSettings?

    static let statementCode = "K7M2-Q9XD"
    static let signingKey = Array(repeating: UInt8(7), count: 32)

    static func run(secureCookies: Bool = false, trustForwardedFor: Bool = true, onlinePayments: OnlinePaymentSettings? = nil,
                    mail: MailSettings? = nil, _ body: @Sendable (PortalHarness) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clearbill-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = TestClock()
        let database = try ClearbillDatabase(path: folder.appendingPathComponent("p.sqlite").path, clock: { clock.now })
        defer { try? database.close() }
        let (account, patient) = try await seed(database)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = PortalConfiguration(secureCookies: secureCookies, trustForwardedFor: trustForwardedFor,
                                                publicURL: "https://billing.example.com", linkSigningKey: signingKey,
                                                templatesDirectory: root.appendingPathComponent("templates").path,
                                                publicDirectory: root.appendingPathComponent("public").path)
        let services = PortalServices(database: database, configuration: configuration,
                                      views: try await Views(directory: configuration.templatesDirectory),
                                      registry: PrometheusCollectorRegistry(), onlinePayments: onlinePayments, mail: mail)
        let router = Portal.router(services)
        router.group("/probe/patient").add(middleware: RequirePatient()).get { _, context in
            "account \(context.patientAccountID ?? 0) csrf \(context.csrfToken)"
        }
        router.group("/probe/admin").add(middleware: RequireStaff(role: .billingAdmin, pages: services.pages)).get { _, context in
            "staff \(context.staffUser?.username ?? "") csrf \(context.csrfToken)"
        }
        router.group("/probe/desk").add(middleware: RequireStaff(role: .frontDesk, pages: services.pages)).get { _, context in
            "staff \(context.staffUser?.username ?? "")"
        }
        let app = Application(router: router, logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await body(PortalHarness(client: client, database: database, clock: clock, account: account, patient: patient,
                                         configuration: configuration, onlinePayments: onlinePayments))
        }
    }

    private static func seed(_ database: ClearbillDatabase) async throws -> (Account, Patient) {
        let directory = PracticeDirectory(database: database)
        let address = MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801")
        try await directory.setPractice(Practice(name: "Blue Ridge Dermatology", address: address, phone: "828-555-0100",
                                                 hours: "Mon–Fri 8–5", website: "", taxID: "", npi: NPI.make("123456789")))
        _ = try await directory.addProvider(name: "Rosa Lin", credentials: "MD", npi: NPI.make("222222222"))
        _ = try await directory.addLocation(name: "Main office", address: address, phone: "828-555-0100", placeOfService: "11")
        let (account, patient) = try await directory.openAccount(NewAccount(
            firstName: "Ana", lastName: "Peña Ruiz", dateOfBirth: CalendarDate(year: 1975, month: 3, day: 9)!, address: address))
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO statements (number, account_id, cycle_date, due_date, access_code, amount_due_cents, balance_cents,
                    snapshot, sha256, created_at)
                VALUES ('26060000011', ?, '2026-06-01', '2026-06-26', ?, 5000, 5000, '{}', '', '2026-06-01T00:00:00.000Z')
                """, arguments: [account.id, statementCode])
        }
        return (account, patient)
    }

    /// Books a visit for Ana (or another account's patient) with these self-pay charges, so she owes them; returns
    /// the visit's id.
    @discardableResult
    func visit(charges: [Int64], daysAgo: Int = 30, account: Account? = nil, patient: Patient? = nil) async throws -> Int64 {
        let directory = PracticeDirectory(database: database)
        let provider = try #require(try await directory.providers().first)
        let location = try #require(try await directory.locations().first)
        let date = CalendarDate(clock.now, in: .current).adding(days: -daysAgo)
        let visit = NewEncounter(accountID: (account ?? self.account).id, patientID: (patient ?? self.patient).id, providerID: provider.id,
                                 locationID: location.id, dateOfService: date, placeOfService: "11", claimNumber: nil,
                                 lines: charges.map { NewServiceLine(code: "11102", diagnosisCodes: ["L82.1"], charge: Money(cents: $0),
                                                                     selfPay: true) })
        return try await Ledger(database: database).recordCharges(visit, key: "visit-\(UUID().uuidString)", by: .system).encounterID
    }

    /// What the ledger says the account owes: patient due less credit.
    func balance(_ account: Account? = nil) async throws -> Money {
        try await AccountBalances(database: database).summary(account: (account ?? self.account).id).balance
    }

    /// Ledger transactions of one kind (all accounts).
    func transactions(_ kind: TransactionKind) async throws -> Int {
        try await database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_transactions WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
        }
    }

    /// A browser signed in as Ana.
    func patientBrowser(from client: String = "203.0.113.5") async throws -> Browser {
        var browser = browser(from: client)
        let response = try await browser.signIn(code: Self.statementCode, lastName: "Peña Ruiz", dateOfBirth: "03/09/1975")
        try #require(response.status == .seeOther, "Ana signs in")
        return browser
    }

    /// A browser signed in as a new staff user with this role.
    func staffBrowser(_ username: String, _ role: StaffRole, from client: String = "198.51.100.20") async throws -> Browser {
        try await staff(username, role)
        return try await signInStaff(username, from: client)
    }

    /// A browser signed in as an existing staff user.
    func signInStaff(_ username: String, from client: String = "198.51.100.20") async throws -> Browser {
        var browser = browser(from: client)
        try await browser.get("/staff/sign-in")
        let response = try await browser.post("/staff/sign-in", [("username", username), ("password", "a long staff password")],
                                              csrf: browser.csrf)
        try #require(response.status == .seeOther, "\(username) signs in")
        try await browser.get("/staff")
        return browser
    }

    func browser(from client: String = "203.0.113.5") -> Browser { Browser(client: self.client, address: client) }

    func staff(_ username: String, _ role: StaffRole) async throws {
        _ = try await StaffDirectory(database: database).add(username: username, role: role, password: "a long staff password",
                                                             iterations: 1_000)
    }

    func audit() async throws -> [AuditEvent] { try await AuditLog(database: database).recent() }
}

/// A clock tests move forward by hand.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_780_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(minutes: Double) { current.withLock { $0 = $0.addingTimeInterval(minutes * 60) } }
}
