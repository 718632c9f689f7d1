import BillingCore
import BillingStore
import Foundation

/// Fills a database with a believable dermatology practice: providers, a location, guarantors with a year of visits,
/// insurance decisions, desk and online payments, credits, a denial or two and a reversal. The same seed and
/// as-of date always give the same practice, down to the timestamps.
public struct DemoPractice {
    public struct Options: Sendable {
        public var seed: UInt64
        public var patients: Int
        public var asOf: CalendarDate

        public init(seed: UInt64 = 42, patients: Int = 300, asOf: CalendarDate) {
            self.seed = seed
            self.patients = patients
            self.asOf = asOf
        }
    }

    /// A demo patient and what they type to open their statement.
    public struct TryIt: Sendable {
        public var name: String
        public var accountNumber: String
        public var lastName: String
        public var dateOfBirth: CalendarDate
        public var balance: Money
        public var note: String
    }

    public struct Summary: Sendable {
        public var accounts: Int
        public var transactions: Int
        public var tryIt: [TryIt]
        public var staff: [(username: String, password: String, role: StaffRole)]
    }

    /// The demo staff log-ins. Demo only: a real practice adds its staff with `clearbill staff add`.
    public static let staffLogins: [(username: String, password: String, role: StaffRole)] = [
        ("frontdesk", "frontdesk-demo-2026", .frontDesk),
        ("billing", "billing-office-demo-2026", .billingAdmin),
    ]

    /// Fills the (new, empty) database at `path`.
    public static func fill(path: String, options: Options) async throws -> Summary {
        let clock = SimulatedClock(start: options.asOf.adding(days: -400).noonUTC)
        let database = try ClearbillDatabase(path: path, clock: { clock.now })
        defer { try? database.close() }
        // A demo half-written by a crash is simply made again, so it need not wait for the disk on every posting.
        try await database.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = OFF") }
        var builder = DemoBuilder(database: database, clock: clock, options: options)
        return try await builder.build()
    }
}

/// "Now" for the demo: moved forward event by event so postings carry believable times.
final class SimulatedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func set(_ date: Date) { lock.withLock { current = date } }
}
