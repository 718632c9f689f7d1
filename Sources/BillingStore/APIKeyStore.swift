import ClearbillCrypto
import GRDB

/// A caller of the API (the claims module).
public struct APIClient: Sendable, Equatable {
    public var id: Int64
    public var name: String
}

/// API keys, shown once when made and kept only as SHA-256 hashes. A key reads "cbk_<prefix>_<secret>": the prefix
/// finds the row, the hash of the whole key proves it.
public struct APIKeyStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func create(name: String) async throws -> (key: String, client: APIClient) {
        let prefix = Digest.hex(SecureRandom.bytes(6))
        let key = "cbk_\(prefix)_\(SecureRandom.token())"
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: "INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, prefix, Digest.sha256Hex(Array(key.utf8)), now])
            return (key, APIClient(id: db.lastInsertedRowID, name: name))
        }
    }

    /// The client a presented key belongs to, unless it is unknown, wrong or revoked.
    public func authenticate(_ presented: String) async throws -> APIClient? {
        let parts = presented.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "cbk", parts[1].count == 12 else { return nil }
        let row = try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE prefix = ? AND revoked_at IS NULL", arguments: [String(parts[1])])
        }
        guard let row, let stored = Digest.fromHex(row["key_hash"]),
              Digest.constantTimeEqual(Digest.sha256(Array(presented.utf8)), stored) else { return nil }
        return APIClient(id: row["id"], name: row["name"])
    }

    public func revoke(name: String) async throws -> Int {
        let now = database.timestamp()
        return try await database.pool.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            return db.changesCount
        }
    }
}
