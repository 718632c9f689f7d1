import BillingCore
import ClearbillCrypto
import GRDB

public struct StaffUser: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var role: StaffRole
    public var displayName: String
}

public enum StaffError: Error, Equatable, CustomStringConvertible {
    case usernameTaken(String)
    case badUsername(String)
    case weakPassword

    public var description: String {
        switch self {
        case .usernameTaken(let name): "a staff user named '\(name)' already exists"
        case .badUsername(let name): "'\(name)' is not a username (3 to 32 letters, digits, dot, dash or underscore)"
        case .weakPassword: "the password must be at least 12 characters"
        }
    }
}

/// Staff users, whose passwords are kept only as PBKDF2 hashes.
public struct StaffDirectory: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func add(username: String, role: StaffRole, password: String, displayName: String = "",
                    iterations: Int = PasswordHash.defaultIterations) async throws -> StaffUser {
        guard (3...32).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw StaffError.badUsername(username) }
        guard password.count >= 12 else { throw StaffError.weakPassword }
        let hash = PasswordHash.make(password, iterations: iterations)
        let createdAt = database.timestamp()
        return try await database.pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM staff_users WHERE username = ?", arguments: [username]) == true {
                throw StaffError.usernameTaken(username)
            }
            try db.execute(sql: """
                INSERT INTO staff_users (username, role, password_hash, display_name, created_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [username, role.rawValue, hash, displayName, createdAt])
            return StaffUser(id: db.lastInsertedRowID, username: username, role: role, displayName: displayName)
        }
    }

    /// The user when the password is right; nil otherwise, taking the same time whether or not the user exists.
    public func authenticate(username: String, password: String) async throws -> StaffUser? {
        let row = try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff_users WHERE username = ? AND active = 1", arguments: [username])
        }
        guard let row else {
            _ = PasswordHash.verify(password, against: Self.decoyHash)
            return nil
        }
        guard PasswordHash.verify(password, against: row["password_hash"]),
              let role = StaffRole(rawValue: row["role"]) else { return nil }
        return StaffUser(id: row["id"], username: row["username"], role: role, displayName: row["display_name"])
    }

    private static let decoyHash = PasswordHash.make("decoy password for unknown users")
}
