import Foundation
import GRDB

public enum DatabaseOpenError: Error, CustomStringConvertible {
    case newerSchema(path: String)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .newerSchema(let path):
            "\(path) was written by a newer Clearbill (it has migrations this version does not know); upgrade Clearbill"
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        }
    }
}

/// The embedded store: one SQLite file in WAL mode, foreign keys on, every write durable (synchronous=FULL).
public final class ClearbillDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String
    /// Where "now" comes from: the wall clock in production, a fixed or simulated clock in demo data and tests.
    public let clock: @Sendable () -> Date

    public init(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.path = path
        self.clock = clock
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw DatabaseOpenError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            let superseded = try pool.read { try migrator.hasBeenSuperseded($0) }
            if superseded { throw DatabaseOpenError.newerSchema(path: path) }
            try migrator.migrate(pool)
            // DatabasePool sets synchronous=NORMAL on its own after prepareDatabase; money writes need FULL, so it is
            // set here, on the writer connection, after opening.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch let error as DatabaseOpenError {
            throw error
        } catch {
            throw DatabaseOpenError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// PRAGMA values as the writer sees them, for tests and `/healthz`.
    public func writerSettings() throws -> (journalMode: String, synchronous: Int, foreignKeys: Bool) {
        try pool.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
             try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
             try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false)
        }
    }

    func timestamp() -> String { Timestamp.string(clock()) }

    /// Checkpoints the WAL into the database file and closes every connection; used on shutdown. The checkpoint is
    /// explicit because GRDB closes the writer before the read-only readers, and a read-only last connection cannot
    /// checkpoint: the WAL (megabytes after a busy day) would otherwise stay beside the file, in backups and copies.
    public func close() throws {
        try pool.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        try pool.close()
    }
}

enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

extension ClearbillDatabase {
    /// Cheap liveness probe for `/healthz`: the database answers a read.
    public func isReachable() async -> Bool {
        (try? await pool.read { try Int.fetchOne($0, sql: "SELECT 1") }) == 1
    }

    /// Row counts for `/metrics` (no PHI).
    public func counts() async throws -> (transactions: Int, accounts: Int) {
        try await pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ledger_transactions") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") ?? 0)
        }
    }
}

extension ClearbillDatabase {
    /// A consistent copy of the live database at `path` (which must not exist), taken with SQLite's backup API while
    /// the portal keeps serving: it reads one snapshot, so the copy never holds half a transaction.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DatabaseOpenError.cannotOpen(path: path, reason: "it already exists; a backup goes to a new file")
        }
        do {
            let copy = try DatabaseQueue(path: path)
            try pool.backup(to: copy)
            try copy.close()
        } catch {
            throw DatabaseOpenError.cannotOpen(path: path, reason: "\(error)")
        }
    }
}
