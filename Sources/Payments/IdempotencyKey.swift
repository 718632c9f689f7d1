import ClearbillCrypto

/// The key that makes a create call safe to retry: the gateway answers a repeated key with the first answer
/// instead of charging again. Derive it from our own record (a payment or installment id) so a retry after a
/// crash sends the same key; use `random()` only for calls that have no record of their own.
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// Stripe accepts up to 255 characters; printable ASCII without spaces keeps the key safe in a header.
    public init?(_ rawValue: String) {
        guard (1...255).contains(rawValue.utf8.count),
              rawValue.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    public static func random() -> IdempotencyKey {
        IdempotencyKey(SecureRandom.token())!  // base64url of 32 bytes: 43 printable characters
    }

    public var description: String { rawValue }
}
