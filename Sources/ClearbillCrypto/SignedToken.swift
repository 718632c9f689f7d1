import Foundation

/// A payload and its HMAC-SHA256, as one URL-safe string: `base64url(payload) + "." + base64url(HMAC(key, payload))`.
/// The payload is readable by anyone holding the token; the signature only proves it was made with the key.
public enum SignedToken {
    public static func sign(_ payload: String, key: [UInt8]) -> String {
        let bytes = Array(payload.utf8)
        return Base64URL.encode(bytes) + "." + Base64URL.encode(Digest.hmacSHA256(key: key, message: bytes))
    }

    /// The payload when the token was signed with `key`; nil when it is malformed or the signature does not match.
    /// The signatures are compared in constant time, so timing tells nothing about how close a forgery came.
    public static func verify(_ token: String, key: [UInt8]) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(String(parts[0])),
              let signature = Base64URL.decode(String(parts[1])),
              Digest.constantTimeEqual(Digest.hmacSHA256(key: key, message: payload), signature)
        else { return nil }
        return String(validating: payload, as: UTF8.self)
    }
}

public enum SignedLinkError: Error, Equatable, CustomStringConvertible {
    /// Not a link this portal made: cut short, altered, or signed with another key.
    case invalid
    /// A genuine link whose time is up.
    case expired(accountID: Int64)

    public var description: String {
        switch self {
        case .invalid: "the link is not valid"
        case .expired: "the link has expired"
        }
    }
}

/// The link printed on a statement (as a QR code) and sent by email: it signs the patient straight into one guarantor
/// account until it expires. Payload `v1|<accountID>|<expiry in unix seconds>`; the version lets the format change.
public enum SignedLink {
    public static let path = "/s/"

    public static func token(accountID: Int64, expires: Date, key: [UInt8]) -> String {
        SignedToken.sign("v1|\(accountID)|\(Int64(expires.timeIntervalSince1970.rounded(.down)))", key: key)
    }

    /// The full address, e.g. "https://billing.example.com/s/djF8NDJ8MTc….Qm9n…".
    public static func url(publicURL: String, accountID: Int64, expires: Date, key: [UInt8]) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path + token(accountID: accountID, expires: expires, key: key)
    }

    /// The account the link opens. The signature is checked before anything in the payload is believed.
    public static func verify(_ token: String, key: [UInt8], now: Date) throws(SignedLinkError) -> Int64 {
        guard let payload = SignedToken.verify(token, key: key) else { throw .invalid }
        let fields = payload.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "v1", let accountID = Int64(fields[1]), accountID > 0,
              let expiry = Int64(fields[2]) else { throw .invalid }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired(accountID: accountID) }
        return accountID
    }
}
