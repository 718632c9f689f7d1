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

/// A portal over a fresh database with a movable clock, one patient (Ana Peña Ruiz, born 03/09/1975) whose latest
/// statement has the code K7M2-Q9XD, and probe routes behind the guards so tests can see who a cookie signs in.
struct PortalHarness: Sendable {
    let client: any TestClientProtocol
    let database: ClearbillDatabase
    let clock: TestClock
    let account: Account
    let configuration: PortalConfiguration

    static let statementCode = "K7M2-Q9XD"
    static let signingKey = Array(repeating: UInt8(7), count: 32)

    static func run(secureCookies: Bool = false, trustForwardedFor: Bool = true,
                    _ body: @Sendable (PortalHarness) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clearbill-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = TestClock()
        let database = try ClearbillDatabase(path: folder.appendingPathComponent("p.sqlite").path, clock: { clock.now })
        defer { try? database.close() }
        let account = try await seed(database)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = PortalConfiguration(secureCookies: secureCookies, trustForwardedFor: trustForwardedFor,
                                                publicURL: "https://billing.example.com", linkSigningKey: signingKey,
                                                templatesDirectory: root.appendingPathComponent("templates").path,
                                                publicDirectory: root.appendingPathComponent("public").path)
        let services = PortalServices(database: database, configuration: configuration,
                                      views: try await Views(directory: configuration.templatesDirectory),
                                      registry: PrometheusCollectorRegistry())
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
            try await body(PortalHarness(client: client, database: database, clock: clock, account: account,
                                         configuration: configuration))
        }
    }

    private static func seed(_ database: ClearbillDatabase) async throws -> Account {
        let directory = PracticeDirectory(database: database)
        let address = MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801")
        try await directory.setPractice(Practice(name: "Blue Ridge Dermatology", address: address, phone: "828-555-0100",
                                                 hours: "Mon–Fri 8–5", website: "", taxID: "", npi: NPI.make("123456789")))
        let account = try await directory.openAccount(NewAccount(
            firstName: "Ana", lastName: "Peña Ruiz", dateOfBirth: CalendarDate(year: 1975, month: 3, day: 9)!, address: address)).account
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO statements (number, account_id, cycle_date, due_date, access_code, amount_due_cents, balance_cents,
                    snapshot, sha256, created_at)
                VALUES ('26060000011', ?, '2026-06-01', '2026-06-26', ?, 5000, 5000, '{}', '', '2026-06-01T00:00:00.000Z')
                """, arguments: [account.id, statementCode])
        }
        return account
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
