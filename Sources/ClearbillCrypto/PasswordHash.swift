import COpenSSL

/// Staff passwords and API keys are stored as PBKDF2-HMAC-SHA256 hashes in a self-describing
/// string: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`, so the work factor can rise later
/// without breaking stored hashes.
public enum PasswordHash {
    public static let defaultIterations = 210_000

    public static func make(_ password: String, iterations: Int = defaultIterations) -> String {
        let salt = SecureRandom.bytes(16)
        let hash = derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Digest.hex(salt))$\(Digest.hex(hash))"
    }

    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256",
              let iterations = Int(parts[1]), iterations > 0, iterations <= 10_000_000,
              let salt = Digest.fromHex(String(parts[2])), let expected = Digest.fromHex(String(parts[3]))
        else { return false }
        return Digest.constantTimeEqual(derive(password, salt: salt, iterations: iterations), expected)
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let pw = Array(password.utf8)
        let ok = pw.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { pc in
                PKCS5_PBKDF2_HMAC(pc.baseAddress, Int32(pc.count), salt, Int32(salt.count),
                                  Int32(iterations), EVP_sha256(), Int32(out.count), &out)
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return out
    }
}
