import ArgumentParser
import ClearbillCrypto
import Foundation

/// The HMAC key for signed statement links: `CLEARBILL_SIGNING_KEY` (64 hex digits) when set, otherwise a random key
/// kept beside the database (`PATH.key`, readable by its owner only) so that links printed on paper keep working
/// across restarts.
enum SigningKeyFile {
    static func load(forDatabase path: String) throws -> [UInt8] {
        if let hex = ProcessInfo.processInfo.environment["CLEARBILL_SIGNING_KEY"] {
            guard let key = Digest.fromHex(hex), key.count == 32 else {
                throw ValidationError("CLEARBILL_SIGNING_KEY must be 64 hexadecimal digits")
            }
            return key
        }
        let file = path + ".key"
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            guard let key = Digest.fromHex(text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw ValidationError("\(file) does not hold a 64-hex-digit key; remove it to make a new one")
            }
            return key
        }
        let key = SecureRandom.bytes(32)
        guard FileManager.default.createFile(atPath: file, contents: Data(Digest.hex(key).utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write the link-signing key to \(file)")
        }
        return key
    }
}
