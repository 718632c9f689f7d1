/// A card saved at the gateway for a plan: the gateway's ids and what may be shown of it, never the number.
public struct PlanCard: Sendable, Equatable {
    public var customerID: String
    public var paymentMethodID: String
    public var description: String

    public init(customerID: String, paymentMethodID: String, description: String) {
        self.customerID = customerID
        self.paymentMethodID = paymentMethodID
        self.description = description
    }
}
