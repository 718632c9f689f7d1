/// What Clearbill tells the gateway about a payment or refund: the account number and our own reference.
/// The gateway shows metadata to everyone with dashboard access and echoes it in webhooks, so a patient's
/// name, birth date or services must never go there; this type has no room for them.
public struct PaymentMetadata: Sendable, Hashable {
    public let accountNumber: String
    public let paymentReference: String

    static let accountNumberKey = "clearbill_account"
    static let paymentReferenceKey = "clearbill_reference"

    public init(accountNumber: String, paymentReference: String) {
        self.accountNumber = accountNumber
        self.paymentReference = paymentReference
    }

    /// Reads our fields back from the metadata the gateway returns (an intent, a refund, a webhook event).
    public init?(_ fields: [String: String]) {
        guard let account = fields[Self.accountNumberKey], let reference = fields[Self.paymentReferenceKey]
        else { return nil }
        self.init(accountNumber: account, paymentReference: reference)
    }

    var fields: [(String, String)] {
        [(Self.accountNumberKey, accountNumber), (Self.paymentReferenceKey, paymentReference)]
    }
}
