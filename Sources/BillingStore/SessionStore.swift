import BillingCore
import ClearbillCrypto
import Foundation
import GRDB

/// Whom a session belongs to: one guarantor account, or one staff user.
public enum SessionOwner: Sendable, Equatable {
    case patient(accountID: Int64)
    case staff(StaffUser)
}

/// A signed-in browser. The cookie holds a random token; the database holds only its SHA-256, so a copy of the
/// database does not let anyone take over a session.
public struct Session: Sendable, Equatable {
    public let tokenHash: String
    public let owner: SessionOwner
    /// What every form of this session must send back (CSRF protection).
    public let csrfToken: String

    public var patientAccountID: Int64? {
        if case .patient(let id) = owner { id } else { nil }
    }

    public var staffUser: StaffUser? {
        if case .staff(let user) = owner { user } else { nil }
    }
}

public enum SessionLookup: Sendable, Equatable {
    case active(Session)
    /// The session went unused for longer than the idle timeout; it is ended now and cannot come back.
    case expired(SessionOwner)
    /// No such session, or it was signed out.
    case none
}

/// Opens, finds and ends sessions. "Now" is the database clock, so tests can move time.
public struct SessionStore: Sendable {
    public let database: ClearbillDatabase
    public var idleTimeout: TimeInterval = 15 * 60
    /// `last_seen_at` is rewritten at most this often, so a burst of page loads costs one write rather than one each.
    /// The price: a session can end up to this much before a full idle timeout since the last request.
    public var touchInterval: TimeInterval = 60

    public init(database: ClearbillDatabase) { self.database = database }

    /// A new session and the token for its cookie (the only time the token exists outside the browser).
    public func open(for owner: SessionOwner) async throws -> (token: String, session: Session) {
        let token = SecureRandom.token()
        let session = Session(tokenHash: Self.hash(token), owner: owner, csrfToken: SecureRandom.token())
        let now = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO sessions (token_hash, account_id, staff_id, csrf_token, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.patientAccountID, session.staffUser?.id, session.csrfToken, now, now])
        }
        return (token, session)
    }

    /// The live session behind a cookie token. Refreshes its idle clock when it is more than `touchInterval` old.
    public func find(token: String) async throws -> SessionLookup {
        // Cookies are short; anything longer is not one of ours and is not worth hashing.
        guard !token.isEmpty, token.utf8.count <= 128 else { return .none }
        let hash = Self.hash(token)
        let now = database.clock()
        let found = try await database.pool.read { db -> (owner: SessionOwner?, csrf: String, lastSeen: String)? in
            let row = try Row.fetchOne(db, sql: """
                SELECT s.account_id, s.staff_id, s.csrf_token, s.last_seen_at, s.ended_at,
                       u.username, u.role, u.display_name, u.active
                FROM sessions s LEFT JOIN staff_users u ON u.id = s.staff_id
                WHERE s.token_hash = ?
                """, arguments: [hash])
            guard let row, row["ended_at"] as String? == nil else { return nil }
            return (Self.owner(row), row["csrf_token"], row["last_seen_at"])
        }
        guard let found else { return .none }
        guard let owner = found.owner else {
            try await end(tokenHash: hash)
            return .none
        }
        let lastSeen = found.lastSeen
        // Timestamps are fixed-width UTC ISO 8601, so they compare correctly as text.
        if lastSeen <= Timestamp.string(now.addingTimeInterval(-idleTimeout)) {
            try await end(tokenHash: hash)
            return .expired(owner)
        }
        if lastSeen < Timestamp.string(now.addingTimeInterval(-touchInterval)) {
            let seen = Timestamp.string(now)
            try await database.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                               arguments: [seen, hash])
            }
        }
        return .active(Session(tokenHash: hash, owner: owner, csrfToken: found.csrf))
    }

    /// Signs out: the session ends for good, so its cookie cannot be replayed.
    public func end(_ session: Session) async throws {
        try await end(tokenHash: session.tokenHash)
    }

    private func end(tokenHash: String) async throws {
        let now = database.timestamp()
        try await database.pool.write { db in
            try db.execute(sql: "UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL",
                           arguments: [now, tokenHash])
        }
    }

    /// The owner, or nil when a staff session's user was deactivated or changed to an unknown role.
    private static func owner(_ row: Row) -> SessionOwner? {
        if let account: Int64 = row["account_id"] { return .patient(accountID: account) }
        guard let staffID: Int64 = row["staff_id"], row["active"] as Bool? == true,
              let role = StaffRole(rawValue: row["role"] ?? "") else { return nil }
        return .staff(StaffUser(id: staffID, username: row["username"], role: role, displayName: row["display_name"]))
    }

    static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }
}
