import ClearbillCrypto
import Foundation
import GRDB

/// Limits guessing at sign-in: `maxFailures` failed attempts within `window` lock the subject (an account, a staff
/// user, or whatever was typed) and, separately, the client address, until the oldest of those failures leaves the
/// window. Attempts refused while locked are not recorded, so the lock does not extend itself.
public struct SignInThrottle: Sendable {
    public let database: ClearbillDatabase
    public var maxFailures = 5
    public var window: TimeInterval = 15 * 60

    public enum Verdict: Sendable, Equatable {
        case open
        /// Try again after this many seconds.
        case locked(retryAfter: TimeInterval)
    }

    public init(database: ClearbillDatabase) { self.database = database }

    /// Whether a sign-in for `subject` from `client` may be checked now.
    public func verdict(subject: String, client: String) async throws -> Verdict {
        let now = database.clock()
        let since = Timestamp.string(now.addingTimeInterval(-window))
        let oldestCounted = try await database.pool.read { db in
            // A success for a subject clears its earlier failures; a client's failures stand, or an attacker could
            // clear them by signing in to an account of their own between guesses.
            let subjectFailure = try String.fetchOne(db, sql: """
                SELECT at FROM sign_in_attempts
                WHERE subject = ?1 AND succeeded = 0 AND at > ?2
                  AND at > COALESCE((SELECT MAX(at) FROM sign_in_attempts WHERE subject = ?1 AND succeeded = 1), '')
                ORDER BY at DESC LIMIT 1 OFFSET ?3
                """, arguments: [subject, since, maxFailures - 1])
            let clientFailure = try String.fetchOne(db, sql: """
                SELECT at FROM sign_in_attempts WHERE client = ?1 AND succeeded = 0 AND at > ?2
                ORDER BY at DESC LIMIT 1 OFFSET ?3
                """, arguments: [client, since, maxFailures - 1])
            return [subjectFailure, clientFailure].compactMap { $0 }.max()
        }
        guard let oldestCounted, let at = Self.date(oldestCounted) else { return .open }
        return .locked(retryAfter: max(1, at.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
    }

    public func record(subject: String, client: String, succeeded: Bool) async throws {
        let at = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: "INSERT INTO sign_in_attempts (at, subject, client, succeeded) VALUES (?, ?, ?, ?)",
                           arguments: [at, subject, client, succeeded])
        }
    }

    /// The subject for a staff sign-in: the user's id when the username exists, otherwise a hash of what was typed
    /// (which may be a password typed into the wrong box, so it is never stored as is).
    public func staffSubject(username: String) async throws -> String {
        let id = try await database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM staff_users WHERE username = ?", arguments: [username])
        }
        return id.map { "staff:\($0)" } ?? Self.typedSubject(username.lowercased())
    }

    static func typedSubject(_ typed: String) -> String { "typed:" + Digest.sha256Hex(Array(typed.utf8)) }

    private static func date(_ timestamp: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(timestamp)
    }
}
