/// The gateway's customer record for one guarantor account; it holds saved payment methods.
/// It carries the account number and nothing else about the patient.
public struct GatewayCustomer: Sendable, Hashable {
    public let id: String
    public let accountNumber: String?

    static let accountNumberKey = PaymentMetadata.accountNumberKey
}
