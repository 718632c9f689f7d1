import BillingCore
import BillingStore
import DemoPractice
import Foundation

/// A demo practice in a fresh temporary folder, with the cycle's statements made as the demo makes them. Each test
/// builds its own (about a second for 60 accounts) and removes it when done.
struct DemoStatements: ~Copyable {
    static let cycle = CalendarDate(year: 2026, month: 5, day: 15)!
    static let publicURL = "https://billing.blueridgederm.example"

    let folder: URL
    let database: ClearbillDatabase
    let store: StatementStore

    init(patients: Int = 60, seed: UInt64 = 42) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("statement-printing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.sqlite").path
        _ = try await DemoPractice.fill(path: path, options: .init(seed: seed, patients: patients, asOf: Self.cycle))
        database = try ClearbillDatabase(path: path)
        store = StatementStore(database: database)
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Every statement of the cycle that goes in the batch, in mailing order.
    func mailable() async throws -> [StoredStatement] {
        var out: [StoredStatement] = []
        for number in try await store.batchSelection(cycleDate: Self.cycle).statementNumbers {
            if let stored = try await store.load(number: number) { out.append(stored) }
        }
        return out
    }

    /// The first mailable statement that satisfies `condition`.
    func first(where condition: (Statement) -> Bool) async throws -> StoredStatement? {
        try await mailable().first { condition($0.statement) }
    }

    /// Stands in for the portal's signed link, which the lead wires; the QR test needs only a distinct string.
    static func link(_ stored: StoredStatement) -> String {
        "\(publicURL)/s/\(stored.record.accountID)?sig=c2lnbmF0dXJlLW9mLXRoZS1saW5r"
    }
}
